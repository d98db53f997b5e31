import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

const body = (over: Record<string, unknown> = {}) => ({
  name: 'Pass numérique 2027', year: 2027, ticketsPerBooklet: 5, faceValueCents: 1000,
  issuanceStart: '2027-01-01', issuanceEnd: '2027-12-31', validityEnd: '2028-01-31', claimDeadline: '2028-03-31',
  budgetCents: 5_000_000, eligibleServices: ['Aide aux démarches administratives'], diagnosticThreshold: 'debutant',
  allowReplacement: false, quotaFixed: 10, quotaWeightedTotal: 100, weights: { '62498': 3, '62510': 1 },
  ...over,
});

describe(`campaigns (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let agent: Client;
  let territoryId: string;
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    territoryId = await g.territory();
    const org = await g.organisation({ territoryId });
    await g.user({ territoryId, role: 'admin', email: 'admin@test.passnum.fr' });
    await g.user({ territoryId, role: 'agent', organisationId: org, email: 'agent@test.passnum.fr' });
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@test.passnum.fr');
    agent = await login(app, 'agent@test.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('creates a draft with its per-commune quotas (fixed + weighted by largest remainder)', async () => {
    const res = await admin.post('/api/campaigns', body());
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'draft', name: 'Pass numérique 2027', diagnosticThreshold: 'debutant', allowReplacement: false, budgetCents: 5_000_000 });
    const q = (await admin.get(`/api/campaigns/${c.id}/quotas`)).json();
    expect(q.communes).toHaveLength(36);
    expect(q.totalQuota).toBe(36 * 10 + 100);
    expect(q.communes.find((x: { inseeCode: string }) => x.inseeCode === '62498')).toMatchObject({ communeName: 'Lens', weight: 3, quota: 85, issued: 0 });
    expect(q.communes.find((x: { inseeCode: string }) => x.inseeCode === '62510')).toMatchObject({ quota: 35 });
    expect(q.communes.find((x: { inseeCode: string }) => x.inseeCode === '62001')).toMatchObject({ quota: 10 });
    const audit = await tdb.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'campaign.created').where('target_id', '=', c.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses inconsistent dates and amounts with a French message naming the field, writing nothing', async () => {
    const before = (await admin.get('/api/campaigns')).json().length;
    const late = await admin.post('/api/campaigns', body({ name: 'Bad 1', validityEnd: '2027-06-30' }));
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'validation_failed', details: { field: 'validityEnd' } });
    expect(late.json().message).toMatch(/fin de validité des tickets \(30\/06\/2027\) ne peut pas précéder la fin de distribution \(31\/12\/2027\)/);
    const claim = await admin.post('/api/campaigns', body({ name: 'Bad 2', claimDeadline: '2028-01-01' }));
    expect(claim.json().details.field).toBe('claimDeadline');
    const zero = await admin.post('/api/campaigns', body({ name: 'Bad 3', faceValueCents: 0 }));
    expect(zero.json()).toMatchObject({ details: { field: 'faceValueCents' } });
    const tickets = await admin.post('/api/campaigns', body({ name: 'Bad 4', ticketsPerBooklet: 60 }));
    expect(tickets.json().message).toMatch(/entre 1 et 50/);
    const stranger = await admin.post('/api/campaigns', body({ name: 'Bad 5', weights: { '75056': 10 } }));
    expect(stranger.json()).toMatchObject({ details: { field: 'weights' }, message: 'La commune 75056 ne fait pas partie du territoire.' });
    const malformed = await admin.post('/api/campaigns', body({ name: 'Bad 6', issuanceStart: '01/01/2027' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/issuanceStart/);
    expect((await admin.get('/api/campaigns')).json()).toHaveLength(before);
  });

  it('keeps the eligibility rule chosen per campaign (areas linked to the needs by default), refusing an unknown rule in French', async () => {
    const byDefault = (await admin.post('/api/campaigns', body({ name: 'Règle par défaut', weights: {}, quotaWeightedTotal: 0 }))).json();
    expect(byDefault.eligibilityRule).toBe('need_areas');
    const anyArea = await admin.post('/api/campaigns', body({ name: 'Règle tout domaine', weights: {}, quotaWeightedTotal: 0, eligibilityRule: 'any_area' }));
    expect(anyArea.statusCode, anyArea.body).toBe(201);
    expect(anyArea.json().eligibilityRule).toBe('any_area');
    const edited = await admin.patch(`/api/campaigns/${byDefault.id}`, { eligibilityRule: 'overall' });
    expect(edited.json().eligibilityRule).toBe('overall');
    const bad = await admin.patch(`/api/campaigns/${byDefault.id}`, { eligibilityRule: 'moyenne' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('eligibilityRule');
    expect(bad.json().message).toMatch(/^Le champ « eligibilityRule » n’est pas valide/);
    expect((await admin.get(`/api/campaigns/${byDefault.id}`)).json().eligibilityRule).toBe('overall');
  });

  it('refuses a duplicate name with 409 and non-admins with 403', async () => {
    const dup = await admin.post('/api/campaigns', body());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Une campagne nommée « Pass numérique 2027 » existe déjà sur ce territoire.');
    const byAgent = await agent.post('/api/campaigns', body({ name: 'Agent' }));
    expect(byAgent.statusCode).toBe(403);
  });

  it('edits a draft (recomputing quotas), opens it, then refuses edits; closes it and never reopens', async () => {
    const c = (await admin.post('/api/campaigns', body({ name: 'Cycle', weights: {}, quotaWeightedTotal: 0 }))).json();
    const edited = await admin.patch(`/api/campaigns/${c.id}`, { quotaFixed: 4, ticketsPerBooklet: 6 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ quotaFixed: 4, ticketsPerBooklet: 6 });
    expect((await admin.get(`/api/campaigns/${c.id}/quotas`)).json().totalQuota).toBe(36 * 4);
    const badEdit = await admin.patch(`/api/campaigns/${c.id}`, { issuanceEnd: '2026-12-31' });
    expect(badEdit.statusCode).toBe(422);
    expect(badEdit.json().details.field).toBe('issuanceEnd');

    expect((await agent.post(`/api/campaigns/${c.id}/open`)).statusCode).toBe(403);
    const opened = await admin.post(`/api/campaigns/${c.id}/open`);
    expect(opened.json().status).toBe('open');
    expect((await agent.get('/api/campaigns?status=open')).json().map((x: { id: string }) => x.id)).toContain(c.id);
    const frozen = await admin.patch(`/api/campaigns/${c.id}`, { quotaFixed: 5 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'campaign_not_draft' });
    const again = await admin.post(`/api/campaigns/${c.id}/open`);
    expect(again.statusCode).toBe(409);

    const closed = await admin.post(`/api/campaigns/${c.id}/close`, { reason: 'Fin' });
    expect(closed.json().status).toBe('closed');
    const reopen = await admin.post(`/api/campaigns/${c.id}/open`);
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().message).toBe('Une campagne close ne peut pas être rouverte.');
    const actions = (await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['campaign.created', 'campaign.updated', 'campaign.opened', 'campaign.closed']);
    const filtered = (await agent.get('/api/campaigns?status=closed')).json() as { status: string }[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((x) => x.status === 'closed')).toBe(true);
  });

  it('lets an admin edit one commune’s quota but never below the booklets already issued', async () => {
    const g = given(tdb.deps);
    const c = await g.campaign({ territoryId, name: 'Quota edit' });
    await tdb.deps.db.updateTable('commune_quotas').set({ issued: 7 }).where('campaign_id', '=', c.id).where('commune_insee', '=', '62498').execute();
    const ok = await admin.put(`/api/campaigns/${c.id}/quotas/62498`, { quota: 25 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ inseeCode: '62498', quota: 25, issued: 7, remaining: 18 });
    const tooLow = await admin.put(`/api/campaigns/${c.id}/quotas/62498`, { quota: 6 });
    expect(tooLow.statusCode).toBe(409);
    expect(tooLow.json().message).toBe('Le quota ne peut pas être inférieur aux 7 carnets déjà remis dans cette commune.');
    expect((await admin.put(`/api/campaigns/${c.id}/quotas/75056`, { quota: 6 })).statusCode).toBe(404);
    expect((await agent.put(`/api/campaigns/${c.id}/quotas/62498`, { quota: 30 })).statusCode).toBe(403);
    const row = await tdb.deps.db.selectFrom('commune_quotas').selectAll().where('campaign_id', '=', c.id).where('commune_insee', '=', '62498').executeTakeFirstOrThrow();
    expect(row.quota).toBe(25);
  });

  it('hides another territory’s campaigns (404)', async () => {
    const g = given(tdb.deps);
    const other = await g.territory('62');
    const foreign = await g.campaign({ territoryId: other, name: 'Ailleurs' });
    expect((await admin.get(`/api/campaigns/${foreign.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/campaigns')).json().map((x: { id: string }) => x.id)).not.toContain(foreign.id);
    expect((await agent.get(`/api/campaigns/${foreign.id}/quotas`)).statusCode).toBe(404);
  });
});
