import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import { ALPHABET, codeFromRandom, formatCode } from '../src/domain/ticket-code.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenApiToken, redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

describe(`ticket check and redemption over HTTP (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  let c2022: CampaignTable;
  let mediator: Client;
  let manager: Client;
  let outsider: Client; // mediator of a structure not accredited for the campaign
  let agent: Client;
  let admin: Client;
  let otherSite: string;

  const booklet = () => given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
  const body = (codes: string[], over: Record<string, unknown> = {}) => ({
    clientRedemptionId: randomUUID(),
    codes,
    service: { ...SERVICE, siteId: scene.structure.siteId },
    ...over,
  });

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    const g = given(tdb.deps);
    c2022 = await g.campaign({ territoryId: scene.territoryId, name: 'Pass numérique 2022', year: 2022, issuance_start: '2022-01-01', issuance_end: '2022-12-31', validity_end: '2023-01-31', claim_deadline: '2023-03-31' });
    await tdb.deps.db.insertInto('accreditations').values({ structure_id: scene.structure.id, campaign_id: c2022.id, status: 'accredited', applied_at: '2022-01-01T00:00:00Z', decided_at: null, decided_by: null, reason: null }).execute();
    const other = await g.structure({ territoryId: scene.territoryId, accreditedFor: [c2022.id], name: 'Espace non habilité' });
    otherSite = other.siteId;
    await g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: other.id, email: 'outsider@test.passnum.fr' });
    await g.user({ territoryId: scene.territoryId, role: 'structure_manager', structureId: scene.structure.id, email: 'manager@test.passnum.fr' });
    await g.user({ territoryId: scene.territoryId, role: 'agent', organisationId: scene.organisationId, email: 'agent@test.passnum.fr' });
    await g.user({ territoryId: scene.territoryId, role: 'admin', email: 'admin@test.passnum.fr' });
    app = await createTestApp(tdb);
    mediator = await login(app, scene.mediator.email);
    manager = await login(app, 'manager@test.passnum.fr');
    outsider = await login(app, 'outsider@test.passnum.fr', undefined, '10.0.0.2');
    agent = await login(app, 'agent@test.passnum.fr');
    admin = await login(app, 'admin@test.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  describe('GET /api/tickets/{code}', () => {
    it('reads a typed code in any case, with spaces, hyphens, i/l for 1 and o for 0, and shows the holder to check identity', async () => {
      const b = await booklet();
      const t = b.tickets.find((x) => /[01]/.test(x.code)) ?? b.tickets[0];
      const typed = formatCode(t.code).toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o').replace(/ /g, (_, i: number) => (i % 2 ? '-' : ' '));
      const res = await mediator.get(`/api/tickets/${encodeURIComponent(typed)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        serial: t.serial,
        bookletSerial: b.serial,
        index: t.idx,
        status: 'issued',
        statusLabel: 'Remis au bénéficiaire, utilisable',
        faceValueCents: 1000,
        validUntil: '2027-01-31',
        campaign: { id: scene.campaign.id, name: scene.campaign.name, year: 2026 },
        holder: { firstName: 'Camille', lastNameInitial: 'M.' },
        usable: true,
        refusal: null,
      });
    });

    it('answers unknown, malformed and wrong-check codes with one identical 404 invalid_code', async () => {
      const b = await booklet();
      let unknown: string | null = null;
      while (!unknown) unknown = codeFromRandom(new Uint8Array(11).map(() => Math.floor(Math.random() * 256)));
      const code = b.tickets[0].code;
      const wrongCheck = code.slice(0, -1) + ALPHABET[(ALPHABET.indexOf(code.at(-1)!) + 1) % 32];
      const answers = await Promise.all([unknown, 'ABC', wrongCheck, `${code}X`].map((c) => mediator.get(`/api/tickets/${c}`)));
      for (const a of answers) expect(a.statusCode).toBe(404);
      const bodies = answers.map((a) => a.json());
      expect(new Set(bodies.map((x) => JSON.stringify(x))).size).toBe(1);
      expect(bodies[0]).toMatchObject({ code: 'invalid_code', details: {} });
      expect(bodies[0].message).toMatch(/^Ce code n’est pas reconnu/);
    });

    it('tells a structure not accredited for the campaign that it cannot accept the ticket', async () => {
      const b = await booklet();
      const res = await outsider.get(`/api/tickets/${b.tickets[0].code}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ usable: false, refusal: { code: 'structure_not_accredited' } });
      expect(res.json().refusal.message).toContain(scene.campaign.name);
    });

    it('works with a structure API token and refuses agents, admins and anonymous callers', async () => {
      const b = await booklet();
      const byToken = await app.inject({ method: 'GET', url: `/api/tickets/${b.tickets[0].code}`, headers: { authorization: `Bearer ${scene.token.token}` } });
      expect(byToken.statusCode).toBe(200);
      expect((await agent.get(`/api/tickets/${b.tickets[0].code}`)).statusCode).toBe(403);
      expect((await admin.get(`/api/tickets/${b.tickets[0].code}`)).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/tickets/${b.tickets[0].code}` })).statusCode).toBe(401);
    });
  });

  describe('POST /api/redemptions', () => {
    it('redeems a ticket for the service delivered: 201, ticket redeemed, session recorded, one audit entry', async () => {
      const b = await booklet();
      const t = b.tickets[0];
      const res = await mediator.post('/api/redemptions', body([formatCode(t.code)]));
      expect(res.statusCode).toBe(201);
      const r = res.json();
      expect(r).toMatchObject({
        outcome: 'ok',
        replay: false,
        bookletSerial: b.serial,
        campaign: { id: scene.campaign.id },
        service: { format: 'individuel', formatLabel: 'Accompagnement individuel', durationMinutes: 60, site: { id: scene.structure.siteId } },
        tickets: [{ serial: t.serial, index: 1, faceValueCents: 1000, undoneAt: null, inClaim: false }],
        totalCents: 1000,
        undone: false,
        canUndo: true,
      });
      expect(r.service.themes).toEqual([
        { id: 'Email', label: 'E-mail' },
        { id: 'AideAuxDemarchesAdministratives', label: 'Aide aux démarches administratives' },
      ]);
      const ticket = await tdb.deps.db.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
      expect(ticket).toMatchObject({ status: 'redeemed', structure_id: scene.structure.id, redeemed_at: tdb.clock.now().toISOString() });
      const req = await tdb.deps.db.selectFrom('redemption_requests').selectAll().where('id', '=', r.redemptionId).executeTakeFirstOrThrow();
      expect(req).toMatchObject({ format: 'individuel', duration_minutes: 60, site_id: scene.structure.siteId, actor_id: scene.mediator.id });
      expect(JSON.parse(req.themes)).toEqual(['Email', 'AideAuxDemarchesAdministratives']);
      const audit = await tdb.deps.db.selectFrom('audit_log').selectAll().where('target_id', '=', t.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['ticket.redeemed']);
      expect(JSON.parse(audit[0].details)).toMatchObject({ redemptionId: r.redemptionId, siteId: scene.structure.siteId, themes: ['Email', 'AideAuxDemarchesAdministratives'] });
    });

    it('refuses a second use with already_redeemed, saying when and by which structure', async () => {
      const b = await booklet();
      expect((await mediator.post('/api/redemptions', body([b.tickets[0].code]))).statusCode).toBe(201);
      tdb.clock.advance(60_000);
      const again = await manager.post('/api/redemptions', body([b.tickets[0].code]));
      expect(again.statusCode).toBe(409);
      const e = again.json();
      expect(e).toMatchObject({ code: 'already_redeemed', details: { serial: b.tickets[0].serial, structureName: scene.structure.name, redeemedAt: new Date(tdb.clock.now().getTime() - 60_000).toISOString() } });
      // 10:00 UTC on 15 March is 11:00 in Paris (winter time)
      expect(e.message).toMatch(new RegExp(`^Ce ticket a déjà été utilisé le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2} par « ${scene.structure.name} »`));
      const check = (await mediator.get(`/api/tickets/${b.tickets[0].code}`)).json();
      expect(check).toMatchObject({ status: 'redeemed', usable: false, refusal: { code: 'already_redeemed', details: { structureName: scene.structure.name } } });
    });

    it('refuses an expired ticket (2022 campaign) before the expiry job has run, and after', async () => {
      const b = await given(tdb.deps).issuedBooklet({ campaign: c2022, organisationId: scene.organisationId });
      const res = await mediator.post('/api/redemptions', body([b.tickets[0].code]));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'expired', details: { validUntil: '2023-01-31' } });
      expect(res.json().message).toBe('Ce ticket n’est plus valable : il pouvait être utilisé jusqu’au 31/01/2023 inclus.');
      await tdb.deps.db.updateTable('tickets').set({ status: 'expired' }).where('id', '=', b.tickets[1].id).execute();
      expect((await mediator.post('/api/redemptions', body([b.tickets[1].code]))).json().code).toBe('expired');
      const row = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[0].id).executeTakeFirstOrThrow();
      expect(row.status).toBe('issued');
    });

    it('refuses cancelled, blocked and not-yet-handed-out tickets with their own codes', async () => {
      const b = await booklet();
      await tdb.deps.db.updateTable('tickets').set({ status: 'cancelled' }).where('id', '=', b.tickets[0].id).execute();
      const cancelled = await mediator.post('/api/redemptions', body([b.tickets[0].code]));
      expect([cancelled.statusCode, cancelled.json().code]).toEqual([409, 'cancelled']);
      expect((await admin.post(`/api/tickets/${b.tickets[1].serial}/block`, { reason: 'Suspicion de fraude' })).statusCode).toBe(200);
      const blocked = await mediator.post('/api/redemptions', body([b.tickets[1].code]));
      expect([blocked.statusCode, blocked.json().code]).toEqual([409, 'blocked']);
      const [stock] = await given(tdb.deps).stockBooklets({ campaign: scene.campaign });
      const notIssued = await mediator.post('/api/redemptions', body([stock.tickets[0].code]));
      expect([notIssued.statusCode, notIssued.json().code]).toEqual([409, 'not_issued']);
      expect(notIssued.json().message).toMatch(/pas encore été remis/);
    });

    it('refuses a structure not accredited for the campaign with 403 structure_not_accredited', async () => {
      const b = await booklet();
      const res = await outsider.post('/api/redemptions', body([b.tickets[0].code], { service: { ...SERVICE, siteId: otherSite } }));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('structure_not_accredited');
      const row = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[0].id).executeTakeFirstOrThrow();
      expect(row.status).toBe('issued');
    });

    it('answers 404 invalid_code for a typo, naming its position', async () => {
      const b = await booklet();
      const code = b.tickets[0].code;
      const typo = code.slice(0, 3) + (code[3] === 'A' ? 'B' : 'A') + code.slice(4);
      const res = await mediator.post('/api/redemptions', body([b.tickets[1].code, typo]));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'invalid_code', details: { positions: [2] } });
      const rows = await tdb.deps.db.selectFrom('tickets').select('status').where('booklet_id', '=', b.id).execute();
      expect(rows.every((r) => r.status === 'issued')).toBe(true);
    });

    it('redeems several tickets of one booklet at once, all or nothing', async () => {
      const b = await booklet();
      const ok = await mediator.post('/api/redemptions', body(b.tickets.slice(0, 3).map((t) => t.code)));
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ totalCents: 3000 });
      expect(ok.json().tickets.map((t: { index: number }) => t.index)).toEqual([1, 2, 3]);
      // tickets 4 (fresh) and 1 (already used): nothing is redeemed
      const mixed = await mediator.post('/api/redemptions', body([b.tickets[3].code, b.tickets[0].code]));
      expect(mixed.statusCode).toBe(409);
      expect(mixed.json()).toMatchObject({ code: 'already_redeemed', details: { tickets: [{ position: 2, reason: 'already_redeemed', serial: b.tickets[0].serial }] } });
      expect(mixed.json().message).toMatch(/^Aucun ticket n’a été utilisé\./);
      const t4 = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[3].id).executeTakeFirstOrThrow();
      expect(t4.status).toBe('issued');
      const rows = await tdb.deps.db.selectFrom('redemptions').select('id').where('ticket_id', '=', b.tickets[3].id).execute();
      expect(rows).toHaveLength(0);
    });

    it('refuses tickets of two booklets in one operation, writing nothing', async () => {
      const [b1, b2] = [await booklet(), await booklet()];
      const res = await mediator.post('/api/redemptions', body([b1.tickets[0].code, b2.tickets[0].code]));
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'validation_failed', details: { field: 'codes' } });
      const rows = await tdb.deps.db.selectFrom('tickets').select('status').where('id', 'in', [b1.tickets[0].id, b2.tickets[0].id]).execute();
      expect(rows.map((r) => r.status)).toEqual(['issued', 'issued']);
    });

    it('accepts a structure API token, refuses a revoked one, agents and admins', async () => {
      const b = await booklet();
      const t2 = await givenApiToken(tdb.deps, { territoryId: scene.territoryId, structureId: scene.structure.id, name: 'Caisse 2' });
      const res = await app.inject({ method: 'POST', url: '/api/redemptions', headers: { authorization: `Bearer ${t2.token}` }, payload: body([b.tickets[0].code]) });
      expect(res.statusCode).toBe(201);
      expect(res.json().by).toBe('jeton « Caisse 2 »');
      await tdb.deps.db.updateTable('api_tokens').set({ revoked_at: tdb.clock.now().toISOString() }).where('id', '=', t2.id).execute();
      const revoked = await app.inject({ method: 'POST', url: '/api/redemptions', headers: { authorization: `Bearer ${t2.token}` }, payload: body([b.tickets[1].code]) });
      expect(revoked.statusCode).toBe(401);
      expect((await agent.post('/api/redemptions', body([b.tickets[1].code]))).statusCode).toBe(403);
      expect((await admin.post('/api/redemptions', body([b.tickets[1].code]))).statusCode).toBe(403);
    });

    it('validates the service: a site of another structure, an unknown theme, a silly duration', async () => {
      const b = await booklet();
      const site = await mediator.post('/api/redemptions', body([b.tickets[0].code], { service: { ...SERVICE, siteId: otherSite } }));
      expect(site.statusCode).toBe(422);
      expect(site.json()).toMatchObject({ code: 'validation_failed', details: { field: 'service.siteId' } });
      const theme = await mediator.post('/api/redemptions', body([b.tickets[0].code], { service: { ...SERVICE, themes: ['Cuisine'], siteId: scene.structure.siteId } }));
      expect(theme.statusCode).toBe(400);
      expect(theme.json().message).toMatch(/service\.themes/);
      const duration = await mediator.post('/api/redemptions', body([b.tickets[0].code], { service: { ...SERVICE, durationMinutes: 2, siteId: scene.structure.siteId } }));
      expect(duration.statusCode).toBe(400);
      const row = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[0].id).executeTakeFirstOrThrow();
      expect(row.status).toBe('issued');
    });
  });

  describe('themes, public check and API documentation', () => {
    it('lists the closed list of themes with French labels, in two groups, without signing in', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/themes' });
      expect(res.statusCode).toBe(200);
      const t = res.json();
      expect(t.themes).toContainEqual({ id: 'Email', label: 'E-mail', group: 'mediation' });
      expect(t.themes).toContainEqual({ id: 'SocialSante', label: 'Social - Santé', group: 'demarches' });
      expect(t.formats).toEqual([{ id: 'individuel', label: 'Accompagnement individuel' }, { id: 'collectif', label: 'Atelier collectif' }]);
      expect(t.groups.map((g: { id: string }) => g.id)).toEqual(['mediation', 'demarches']);
    });

    it('lets a resident check a ticket: usable or not, and until when, nothing about the holder', async () => {
      const b = await booklet();
      const res = await app.inject({ method: 'POST', url: '/api/public/ticket-check', payload: { code: formatCode(b.tickets[0].code) }, remoteAddress: '10.9.0.1' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ usable: true, validUntil: '2027-01-31', message: 'Votre ticket est utilisable jusqu’au 31/01/2027 inclus, dans les lieux habilités.' });
      expect(res.body).not.toMatch(/Camille|Martin|serial/);
      await mediator.post('/api/redemptions', body([b.tickets[0].code]));
      const used = await app.inject({ method: 'POST', url: '/api/public/ticket-check', payload: { code: b.tickets[0].code }, remoteAddress: '10.9.0.1' });
      expect(used.json()).toMatchObject({ usable: false, message: 'Ce ticket a déjà été utilisé.' });
      expect(used.body).not.toContain(scene.structure.name);
      const bad = await app.inject({ method: 'POST', url: '/api/public/ticket-check', payload: { code: 'ABCD' }, remoteAddress: '10.9.0.1' });
      expect([bad.statusCode, bad.json().code]).toEqual([404, 'invalid_code']);
    });

    it('documents every redemption route in the OpenAPI description', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const p of ['/api/tickets/{code}', '/api/redemptions', '/api/redemptions/{id}/undo', '/api/public/ticket-check', '/api/themes', '/api/tickets/{serial}/block', '/api/booklets/{ref}/unblock']) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      expect(doc.paths['/api/redemptions'].post.summary).toMatch(/^Utiliser/);
    });
  });
});
