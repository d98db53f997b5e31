import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, extensionRefusal, requestDueOn, requestUrgency } from '../src/domain/personal-data-request.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { buildFollowupScenario, type FollowupScenario } from './helpers/followup-scenario.ts';

// Issue 21, point 9: the register of personal-data requests (RGPD articles 12, 15, 16, 17, 21).

describe('the deadline of a personal-data request (pure)', () => {
  it('one month from receipt, same day of the month, the month’s last day when that day does not exist', () => {
    expect(requestDueOn('2026-03-15')).toBe('2026-04-15');
    expect(requestDueOn('2027-01-31')).toBe('2027-02-28');
    expect(requestDueOn('2028-01-31')).toBe('2028-02-29');
    expect(requestDueOn('2028-01-29')).toBe('2028-02-29');
    expect(requestDueOn('2026-12-15')).toBe('2027-01-15');
    expect(requestDueOn('2026-03-31')).toBe('2026-04-30');
    expect(requestDueOn('2026-01-31', true)).toBe('2026-04-30');
    expect(requestDueOn('2026-11-30', true)).toBe('2027-02-28');
    expect(requestDueOn('2027-11-30', true)).toBe('2028-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('flags late and due-within-7-days requests; extension only once, within the first month', () => {
    expect(requestUrgency('2026-03-10', '2026-03-15')).toEqual({ late: true, dueSoon: false, daysLeft: -5 });
    expect(requestUrgency('2026-03-22', '2026-03-15')).toEqual({ late: false, dueSoon: true, daysLeft: 7 });
    expect(requestUrgency('2026-03-15', '2026-03-15')).toEqual({ late: false, dueSoon: true, daysLeft: 0 });
    expect(requestUrgency('2026-03-23', '2026-03-15')).toEqual({ late: false, dueSoon: false, daysLeft: 8 });
    expect(extensionRefusal({ status: 'open', receivedOn: '2026-02-15' }, '2026-03-15')).toBeNull();
    expect(extensionRefusal({ status: 'open', receivedOn: '2026-02-14' }, '2026-03-15')).toMatch(/premier mois est passé/);
    expect(extensionRefusal({ status: 'extended', receivedOn: '2026-03-01' }, '2026-03-15')).toMatch(/déjà été prolongé/);
    expect(extensionRefusal({ status: 'answered', receivedOn: '2026-03-01' }, '2026-03-15')).toMatch(/close/);
  });
});

describe(`the register of personal-data requests (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let s: FollowupScenario;
  let admin: Client;
  let agentLens: Client;
  let agentLievin: Client;
  let otherAdmin: Client;
  let mediator: Client;
  const ids: Record<string, string> = {};
  type Req = { id: string; kind: string; status: string; dueOn: string; late: boolean; dueSoon: boolean; daysLeft: number | null; personName: string; nameAsWritten: boolean; copyPdfUrl: string | null; mayExtend: boolean };

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    s = await buildFollowupScenario(tdb);
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    admin = await login(app, (await g.user({ territoryId: s.territoryId, role: 'admin' })).email);
    agentLens = await login(app, (await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lens })).email);
    agentLievin = await login(app, (await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lievin })).email);
    const elsewhere = await g.territory('62');
    otherAdmin = await login(app, (await g.user({ territoryId: elsewhere, role: 'admin' })).email);
    const structure = await g.structure({ territoryId: s.territoryId });
    mediator = await login(app, (await g.user({ territoryId: s.territoryId, role: 'mediator', structureId: structure.id })).email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });
  const auditOf = (id: string) => tdb.deps.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', id).orderBy('seq').execute();

  it('records requests about a person or under the name written, with their deadline; refuses bad input in French', async () => {
    const late = await agentLens.post('/api/personal-data-requests', { beneficiaryId: s.people.A.id, kind: 'access', channel: 'courrier', receivedOn: '2026-02-10' });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ kind: 'access', kindLabel: 'Accès : copie de ses données', channelLabel: 'Par courrier', dueOn: '2026-03-10', status: 'open', statusLabel: 'À traiter', late: true, dueSoon: false, daysLeft: -5, personName: 'Alice Arnaud', nameAsWritten: false, organisationName: 'Mairie de Lens' });
    expect(late.json().copyPdfUrl).toBe(`/api/beneficiaries/${s.people.A.id}/personal-data.pdf`);
    ids.late = late.json().id;
    const soon = await admin.post('/api/personal-data-requests', { requesterName: 'Gérard Inconnu', kind: 'erasure', channel: 'email', receivedOn: '2026-02-20' });
    expect(soon.statusCode, soon.body).toBe(201);
    expect(soon.json()).toMatchObject({ dueOn: '2026-03-20', late: false, dueSoon: true, daysLeft: 5, personName: 'Gérard Inconnu', nameAsWritten: true, copyPdfUrl: null, organisationName: null });
    ids.soon = soon.json().id;
    const fresh = await agentLievin.post('/api/personal-data-requests', { beneficiaryId: s.people.C.id, kind: 'erasure', channel: 'guichet', receivedOn: '2026-03-14' });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json()).toMatchObject({ dueOn: '2026-04-14', late: false, dueSoon: false, mayExtend: true });
    ids.fresh = fresh.json().id;

    const again = await agentLievin.post('/api/personal-data-requests', { beneficiaryId: s.people.C.id, kind: 'erasure', channel: 'courrier', receivedOn: '2026-03-15' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/déjà en cours/);
    const future = await admin.post('/api/personal-data-requests', { requesterName: 'X Y', kind: 'access', channel: 'email', receivedOn: '2026-03-16' });
    expect(future.statusCode).toBe(422);
    expect(future.json().message).toBe('La date de réception ne peut pas être dans le futur.');
    const noName = await admin.post('/api/personal-data-requests', { requesterName: ' ', kind: 'access', channel: 'email', receivedOn: '2026-03-15' });
    expect(noName.statusCode).toBe(422);
    expect(noName.json().message).toMatch(/nom de la personne/);
    expect((await admin.post('/api/personal-data-requests', { requesterName: 'X Y', kind: 'portability', channel: 'email', receivedOn: '2026-03-15' })).statusCode).toBe(400);
    expect((await auditOf(ids.late)).map((a) => a.action)).toEqual(['personal_data_request.recorded']);
    // The journal holds no name.
    expect(JSON.stringify(await auditOf(ids.soon))).not.toMatch(/Gérard|Inconnu/);
  });

  it('lists the open requests by due date, late first, with the counts', async () => {
    const list = (await admin.get('/api/personal-data-requests')).json() as { today: string; late: number; dueSoon: number; requests: Req[] };
    expect(list.today).toBe('2026-03-15');
    expect(list.requests.map((r) => r.id)).toEqual([ids.late, ids.soon, ids.fresh]);
    expect([list.late, list.dueSoon]).toEqual([1, 1]);
    const forA = (await agentLens.get(`/api/personal-data-requests?beneficiaryId=${s.people.A.id}`)).json() as { requests: Req[] };
    expect(forA.requests.map((r) => r.id)).toEqual([ids.late]);
  });

  it('scopes: an agent sees and answers only their organisation’s; another territory’s admin and other roles get nothing', async () => {
    const lievin = (await agentLievin.get('/api/personal-data-requests')).json() as { requests: Req[] };
    expect(lievin.requests.map((r) => r.id)).toEqual([ids.fresh]);
    expect((await agentLievin.post(`/api/personal-data-requests/${ids.late}/close`, { outcome: 'answered' })).statusCode).toBe(404);
    expect((await agentLievin.post(`/api/personal-data-requests/${ids.late}/extend`, { reason: 'complexe' })).statusCode).toBe(404);
    expect((await agentLievin.post('/api/personal-data-requests', { beneficiaryId: s.people.A.id, kind: 'access', channel: 'guichet', receivedOn: '2026-03-15' })).statusCode).toBe(404);
    expect((await agentLievin.get(`/api/personal-data-requests?beneficiaryId=${s.people.A.id}`)).statusCode).toBe(404);
    // The name-only request recorded by the admin belongs to no organisation: agents do not see it.
    expect((await agentLens.post(`/api/personal-data-requests/${ids.soon}/close`, { outcome: 'answered' })).statusCode).toBe(404);
    expect((await otherAdmin.get('/api/personal-data-requests')).json().requests).toEqual([]);
    expect((await otherAdmin.post(`/api/personal-data-requests/${ids.fresh}/close`, { outcome: 'refused', note: 'non' })).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/personal-data-requests/${ids.fresh}/extend`, { reason: 'complexe' })).statusCode).toBe(404);
    expect((await mediator.get('/api/personal-data-requests')).statusCode).toBe(403);
    expect((await mediator.post(`/api/personal-data-requests/${ids.fresh}/close`, { outcome: 'answered' })).statusCode).toBe(403);
    const r = await tdb.deps.db.selectFrom('personal_data_requests').select('status').where('id', '=', ids.fresh).executeTakeFirstOrThrow();
    expect(r.status).toBe('open');
  });

  it('extends a complex request once, within the first month, by two more months; audited', async () => {
    const tooLate = await agentLens.post(`/api/personal-data-requests/${ids.late}/extend`, { reason: 'Demande complexe' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().message).toMatch(/premier mois est passé/);
    expect((await agentLievin.post(`/api/personal-data-requests/${ids.fresh}/extend`, { reason: ' ' })).statusCode).toBe(400);
    const ext = await agentLievin.post(`/api/personal-data-requests/${ids.fresh}/extend`, { reason: 'Données dans trois communes à rassembler' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({ status: 'extended', statusLabel: 'Délai prolongé', dueOn: '2026-06-14', mayExtend: false, extensionReason: 'Données dans trois communes à rassembler' });
    expect((await agentLievin.post(`/api/personal-data-requests/${ids.fresh}/extend`, { reason: 'encore' })).statusCode).toBe(409);
    const audited = await auditOf(ids.fresh);
    expect(audited.map((a) => a.action)).toEqual(['personal_data_request.recorded', 'personal_data_request.extended']);
    expect(JSON.parse(audited[1].details!)).toMatchObject({ dueOn: '2026-06-14', previousDueOn: '2026-04-14' });
  });

  it('closes: a refusal needs its reason; an answered access request leaves the list; closing twice is refused', async () => {
    const noReason = await admin.post(`/api/personal-data-requests/${ids.soon}/close`, { outcome: 'refused' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toMatch(/motif du refus/);
    const refused = await admin.post(`/api/personal-data-requests/${ids.soon}/close`, { outcome: 'refused', note: 'Personne inconnue de nos services' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', statusLabel: 'Refusée', answeredOn: '2026-03-15', late: false, dueSoon: false, daysLeft: null, closingNote: 'Personne inconnue de nos services' });
    const answered = await agentLens.post(`/api/personal-data-requests/${ids.late}/close`, { outcome: 'answered', note: 'Copie remise en main propre' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOn: '2026-03-15' });
    expect((await agentLens.post(`/api/personal-data-requests/${ids.late}/close`, { outcome: 'answered' })).statusCode).toBe(409);
    const open = (await admin.get('/api/personal-data-requests')).json() as { requests: Req[] };
    expect(open.requests.map((r) => r.id)).toEqual([ids.fresh]);
    const all = (await admin.get('/api/personal-data-requests?status=all')).json() as { requests: Req[] };
    expect(all.requests).toHaveLength(3);
    expect((await auditOf(ids.soon)).map((a) => a.action)).toEqual(['personal_data_request.recorded', 'personal_data_request.refused']);
    expect((await auditOf(ids.late)).map((a) => a.action)).toEqual(['personal_data_request.recorded', 'personal_data_request.answered']);
  });

  it('answering an erasure request erases the person (refused while tickets can be used: the request stays open)', async () => {
    const blocked = await agentLievin.post(`/api/personal-data-requests/${ids.fresh}/close`, { outcome: 'answered' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('erasure_refused');
    expect((await tdb.deps.db.selectFrom('personal_data_requests').select('status').where('id', '=', ids.fresh).executeTakeFirstOrThrow()).status).toBe('extended');

    const forA = await agentLens.post('/api/personal-data-requests', { beneficiaryId: s.people.A.id, kind: 'erasure', channel: 'courrier', receivedOn: '2026-03-12' });
    expect(forA.statusCode, forA.body).toBe(201);
    const done = await agentLens.post(`/api/personal-data-requests/${forA.json().id}/close`, { outcome: 'answered' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'answered', personName: 'Personne anonymisée' });
    const a = await tdb.deps.db.selectFrom('beneficiaries').select(['first_name', 'anonymised_at']).where('id', '=', s.people.A.id).executeTakeFirstOrThrow();
    expect(a.first_name).toBe('Anonyme');
    expect((await auditOf(forA.json().id)).map((x) => x.action)).toEqual(['personal_data_request.recorded', 'personal_data_request.answered']);
  });

  it('an erasure done at the desk is written to the register, received and answered that day', async () => {
    const res = await agentLens.post(`/api/beneficiaries/${s.people.E.id}/erasure`, { reason: 'Demande de la personne au guichet' });
    expect(res.statusCode, res.body).toBe(200);
    const row = await tdb.deps.db.selectFrom('personal_data_requests').selectAll().where('id', '=', res.json().requestId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ beneficiary_id: s.people.E.id, kind: 'erasure', channel: 'guichet', received_on: '2026-03-15', status: 'answered', answered_on: '2026-03-15', organisation_id: s.organisations.lens });
  });
});
