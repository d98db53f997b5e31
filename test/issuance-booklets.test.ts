import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCode } from '../src/domain/ticket-code.ts';
import { isDuplicateBooklet } from '../src/usecases/support/issuance-guards.ts';
import { mintBooklets } from '../src/usecases/support/mint-booklets.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { answersAt, AVION, issuanceScene, LENS, LIEVIN, PERSON, type IssuanceScene } from './helpers/given-issuance.ts';
import { decodeBookletTickets, pdfPageCount, pdfText } from './helpers/pdf-tools.ts';

// Issue #3, items 3, 5, 7 and 8: print on demand, the refusals (duplicate naming the first
// issuer, not eligible, campaign closed, quota), the printable PDF read back as text and QR codes,
// the booked session on the cover, and lost booklets replaced with the unused tickets only.

describe(`booklet issuance and PDF (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let lievin: Client;
  let lens: Client;

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await issuanceScene(tdb.deps, { quotas: { [AVION]: 0 } });
    app = await createTestApp(tdb);
    lievin = await login(app, scene.agents.lievin.email);
    lens = await login(app, scene.agents.lens.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  /** Registers and diagnoses a person through the API; returns the beneficiary id. */
  const newPerson = async (client: Client, person: Record<string, unknown>, option: Parameters<typeof answersAt>[1] = 'avec_aide', needs = ['caf', 'proches']) => {
    const created = await client.post('/api/beneficiaries', { consent: true, ...person });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const diag = await client.post(`/api/beneficiaries/${id}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, option), needs });
    expect(diag.statusCode, diag.body).toBe(201);
    return id;
  };
  const quotaOf = async (insee: string) =>
    (await tdb.deps.db.selectFrom('commune_quotas').select('issued').where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', insee).executeTakeFirstOrThrow()).issued;

  let zoe: string;
  let booklet: { id: string; serial: string; validUntil: string; tickets: { serial: string; code: string }[] };

  it('books a seat, then issues a booklet whose codes travel in clear only in this answer', async () => {
    zoe = await newPerson(lievin, PERSON);
    const start = new Date(tdb.clock.now().getTime() + 3 * 86_400_000).toISOString();
    const manager = await login(app, scene.manager.email);
    const created = await manager.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'Premiers pas sur smartphone', theme: 'Prendre en main son smartphone', format: 'collectif', startsAt: start, durationMinutes: 120, capacity: 8 });
    expect(created.statusCode, created.body).toBe(201);
    const booked = await lievin.post(`/api/training-sessions/${created.json().id}/bookings`, { beneficiaryId: zoe });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().session).toMatchObject({ booked: 1, seatsLeft: 7 });

    const before = await quotaOf(LIEVIN);
    const res = await lievin.post('/api/booklets', { beneficiaryId: zoe, campaignId: scene.campaign.id });
    expect(res.statusCode, res.body).toBe(201);
    booklet = res.json().booklet;
    expect(booklet).toMatchObject({ serial: '2026-62510-000001', validUntil: '2027-01-31' });
    expect(booklet.tickets).toHaveLength(5);
    for (const t of booklet.tickets) expect(parseCode(t.code).ok).toBe(true);
    expect(await quotaOf(LIEVIN)).toBe(before + 1);
    const rows = await tdb.deps.db.selectFrom('tickets').selectAll().where('booklet_id', '=', booklet.id).orderBy('idx').execute();
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('issued'));
    expect(rows.map((r) => r.code_hash)).toEqual(booklet.tickets.map((t) => tdb.deps.secrets.hashCode(t.code)));
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(booklet.tickets[r.idx - 1].code);
    const audit = await tdb.deps.db.selectFrom('audit_log').selectAll().where('target_id', '=', booklet.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['booklet.issued']);
  });

  it('prints a PDF whose text holds every serial and code, with the booked session and places on the cover', async () => {
    const res = await lievin.get(`/api/booklets/${booklet.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(5); // cover, places, 5 tickets two a page
    const text = pdfText(pdf);
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('Carnet de Zoé');
    expect(text).toContain('Valable jusqu’au 31/01/2027');
    expect(text).toContain(booklet.serial);
    for (const t of booklet.tickets) {
      expect(text).toContain(t.serial);
      expect(flat).toContain(t.code);
      expect(text).toContain(t.code.match(/.{1,4}/g)!.join(' '));
    }
    expect(text).toContain('Votre première séance');
    expect(text).toContain('Premiers pas sur smartphone');
    expect(text).toContain('CAF : allocations, prime d’activité');
    expect(text).toContain('EPN de Liévin');
    expect(text.replace(/\s+/g, ' ')).toContain('Horaires : Du lundi au vendredi, de 9 h à 12 h et de 14 h à 18 h.');
    expect(text).toContain('10,00 €');
  });

  it('QR codes on the rendered pages decode back to the codes', async () => {
    const pdf = (await lievin.get(`/api/booklets/${booklet.id}/pdf`)).rawPayload;
    expect(decodeBookletTickets(pdf, 5)).toEqual(booklet.tickets.map((t) => t.code));
  });

  it('refuses another organisation’s booklet PDF with the same answer as an unknown id', async () => {
    const other = await lens.get(`/api/booklets/${booklet.id}/pdf`);
    const unknown = await lens.get('/api/booklets/00000000-0000-7000-8000-000000000000/pdf');
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    expect((await (await login(app, scene.admin.email)).get(`/api/booklets/${booklet.id}/pdf`)).statusCode).toBe(403);
  });

  it('refuses a second booklet to the same person registered elsewhere with other accents and case, naming the first', async () => {
    const again = await newPerson(lens, { firstName: 'ZOE', birthName: 'lefevre dupont', birthDate: PERSON.birthDate, communeInsee: LENS });
    const before = await quotaOf(LENS);
    const res = await lens.post('/api/booklets', { beneficiaryId: again, campaignId: scene.campaign.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_beneficiary');
    const day = new Date(tdb.clock.now()).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
    // Named by organisation and date; the serial is the issuing organisation's only (issue 19, finding 13).
    expect(res.json().message).toBe(`Cette personne a déjà reçu un carnet pour cette campagne : remis par Mairie de Liévin le ${day}.`);
    expect(res.json().details).toMatchObject({ organisationName: 'Mairie de Liévin', serial: null });
    expect(res.body).not.toContain(booklet.serial);
    expect(await quotaOf(LENS)).toBe(before);
    // The registration itself already warned the agent.
    const warned = await lens.post('/api/beneficiaries', { firstName: 'Zoé', birthName: 'Lefèvre Dupont', usageName: 'Martin', birthDate: PERSON.birthDate, communeInsee: LENS, consent: true });
    expect(warned.statusCode).toBe(409); // same person already registered by Lens
    expect(warned.json().details.existingId).toBe(again);
  });

  it('the database refuses a second live booklet for one person even without the rule (one_booklet_per_person_per_campaign)', async () => {
    const key = (await tdb.deps.db.selectFrom('booklets').select('person_key').where('id', '=', booklet.id).executeTakeFirstOrThrow()).person_key!;
    const attempt = tdb.deps.db.transaction().execute((trx) =>
      mintBooklets(tdb.deps, trx, { campaign: scene.campaign, communeInsee: LENS, count: 1, issue: { beneficiaryId: zoe, personKey: key, organisationId: scene.orgs.lens, issuedBy: 'test' } }),
    );
    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(isDuplicateBooklet(error)).toBe(true);
    expect(await tdb.deps.db.selectFrom('booklets').select('id').where('beneficiary_id', '=', zoe).execute()).toHaveLength(1);
  });

  it('refuses an autonomous person unless the agent writes an override reason (audited)', async () => {
    const karim = await newPerson(lens, { firstName: 'Karim', birthName: 'Benali', birthDate: '1985-02-11', communeInsee: LENS }, 'seul', ['emploi']);
    const refused = await lens.post('/api/booklets', { beneficiaryId: karim, campaignId: scene.campaign.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'not_eligible', details: { reasons: [{ rule: 'profile', code: 'not_eligible' }] } });
    const tooShort = await lens.post('/api/booklets', { beneficiaryId: karim, campaignId: scene.campaign.id, override: { reason: 'urgent' } });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().details.field).toBe('override.reason');
    const reason = 'Inscription France Travail urgente, sans ordinateur';
    const ok = await lens.post('/api/booklets', { beneficiaryId: karim, campaignId: scene.campaign.id, override: { reason } });
    expect(ok.statusCode, ok.body).toBe(201);
    const row = await tdb.deps.db.selectFrom('booklets').select('override_reason').where('id', '=', ok.json().booklet.id).executeTakeFirstOrThrow();
    expect(row.override_reason).toBe(reason);
    const audit = await tdb.deps.db.selectFrom('audit_log').select('details').where('target_id', '=', ok.json().booklet.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details).override).toBe(reason);
  });

  it('refuses when the commune’s quota is exhausted, and when the campaign is closed', async () => {
    const avion = await newPerson(lens, { firstName: 'Nadia', birthName: 'Kaci', birthDate: '1970-03-03', communeInsee: AVION });
    const q = await lens.post('/api/booklets', { beneficiaryId: avion, campaignId: scene.campaign.id });
    expect(q.statusCode).toBe(409);
    expect(q.json().code).toBe('quota_exhausted');
    expect(q.json().message).toMatch(/Avion/);
    const closed = await given(tdb.deps).campaign({ territoryId: scene.territoryId, status: 'closed', name: 'Pass 2025', year: 2025 });
    const c = await lens.post('/api/booklets', { beneficiaryId: avion, campaignId: closed.id });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('campaign_closed');
    expect(c.json().details.reasons.map((r: { code: string }) => r.code)).toEqual(['campaign_closed']);
    const none = await lens.post('/api/booklets', { beneficiaryId: avion, campaignId: '00000000-0000-7000-8000-000000000000' });
    expect(none.statusCode).toBe(404);
  });

  it('lists the beneficiary with the booklet and its unused tickets', async () => {
    const list = (await lievin.get('/api/beneficiaries?q=zoe')).json();
    expect(list.items[0]).toMatchObject({ id: zoe, unusedTickets: 5, booklet: { serial: booklet.serial, status: 'issued', unusedTickets: 5, totalTickets: 5 } });
    const details = (await lievin.get(`/api/beneficiaries/${zoe}`)).json();
    expect(details.bookings[0]).toMatchObject({ title: 'Premiers pas sur smartphone' });
  });

  it('replaces a lost booklet with only the unused tickets, new codes, no second quota place', async () => {
    await tdb.deps.db.updateTable('tickets').set({ status: 'redeemed' }).where('booklet_id', '=', booklet.id).where('idx', '=', 1).execute();
    const quota = await quotaOf(LIEVIN);
    const short = await lievin.post(`/api/booklets/${booklet.id}/replacement`, { reason: '' });
    expect(short.statusCode).toBe(400);
    const other = await lens.post(`/api/booklets/${booklet.id}/replacement`, { reason: 'Carnet perdu' });
    expect(other.statusCode).toBe(404);
    const res = await lievin.post(`/api/booklets/${booklet.id}/replacement`, { reason: 'Carnet perdu au marché', replace: true });
    expect(res.statusCode, res.body).toBe(200);
    const { cancelledTickets, replacement } = res.json();
    expect(cancelledTickets).toBe(4);
    expect(replacement.tickets).toHaveLength(4);
    expect(replacement.serial).toBe('2026-62510-000002');
    for (const t of replacement.tickets) expect(booklet.tickets.map((o) => o.code)).not.toContain(t.code);
    expect(await quotaOf(LIEVIN)).toBe(quota);
    const old = await tdb.deps.db.selectFrom('tickets').select(['idx', 'status']).where('booklet_id', '=', booklet.id).orderBy('idx').execute();
    expect(old.map((t) => t.status)).toEqual(['redeemed', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    const rows = await tdb.deps.db.selectFrom('booklets').select(['id', 'status', 'replaces_booklet_id', 'cancel_reason']).where('beneficiary_id', '=', zoe).orderBy('serial').execute();
    expect(rows).toEqual([
      { id: booklet.id, status: 'replaced', replaces_booklet_id: null, cancel_reason: 'Carnet perdu au marché' },
      { id: replacement.id, status: 'issued', replaces_booklet_id: booklet.id, cancel_reason: null },
    ]);
    const actions = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', 'in', [booklet.id, replacement.id]).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['booklet.issued', 'booklet.printed', 'booklet.printed', 'booklet.replaced', 'booklet.issued']);
    expect((await lievin.get(`/api/booklets/${booklet.id}/pdf`)).json().code).toBe('cancelled');
    const again = await lievin.post(`/api/booklets/${booklet.id}/replacement`, { reason: 'Carnet perdu au marché' });
    expect(again.statusCode).toBe(409);
    const pdf = (await lievin.get(`/api/booklets/${replacement.id}/pdf`)).rawPayload;
    expect(pdfPageCount(pdf)).toBe(4);
    expect(pdfText(pdf)).toContain('4 tickets de 10,00 €');
  });

  it('cancels without replacement when asked, and a campaign without replacement refuses to replace', async () => {
    const noReplace = await given(tdb.deps).campaign({ territoryId: scene.territoryId, allow_replacement: 0, name: 'Pass sans remplacement' });
    const p = await newPerson(lens, { firstName: 'Léa', birthName: 'Durand', birthDate: '1961-09-09', communeInsee: LENS });
    const first = await lens.post('/api/booklets', { beneficiaryId: p, campaignId: noReplace.id });
    expect(first.statusCode, first.body).toBe(201);
    const issued = first.json().booklet;
    const refused = await lens.post(`/api/booklets/${issued.id}/replacement`, { reason: 'Carnet perdu', replace: true });
    expect(refused.statusCode).toBe(409);
    const cancelled = await lens.post(`/api/booklets/${issued.id}/replacement`, { reason: 'Carnet volé', replace: false });
    expect(cancelled.json()).toEqual({ cancelledTickets: 5, replacement: null });
    // Without replacement, a cancelled booklet still counts: no fresh full booklet.
    const fresh = await lens.post('/api/booklets', { beneficiaryId: p, campaignId: noReplace.id });
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().code).toBe('duplicate_beneficiary');
    expect(fresh.json().message).toMatch(/annulé/);
  });
});
