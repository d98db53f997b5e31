import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import { SECURITY_LOGGED_ROUTES } from '../src/http/security-log.ts';
import { anonymiseJob } from '../src/jobs/anonymise.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given, TEST_PASSWORD } from './helpers/given.ts';
import { actorOf, claimingStructure, releasedOrder } from './helpers/given-money.ts';

// Issue 19, finding 11: a security log — who, what, when, from where — of what the audit chain
// does not hold: failed and successful sign-ins, sign-outs, reads of a person's record, downloads
// of SEPA files, statements and exports. Ids and addresses only, no personal data.

describe(`security log (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let territoryId: string;
  let organisationId: string;
  let campaign: CampaignTable;
  let admin: Client;
  let finance: Client;
  let agent: Client;
  let financeId: string;
  let agentId: string;
  let beneficiaryId: string;
  const AGENT_EMAIL = 'agathe.accueil@mairie-test.fr';
  const FIRST_NAME = 'Philomène';
  const BIRTH_NAME = 'Quastana';
  const BIRTH_DATE = '1941-07-23';

  const rows = async () => {
    await app.securityLog.flush();
    return tdb.deps.db.selectFrom('security_log').selectAll().orderBy('at').orderBy('id').execute();
  };
  const signIn = (email: string, password: string, ip: string) => app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: ip });

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-05-04T09:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    territoryId = await g.territory();
    // Paid by SEPA files (the default is mandats through the public accountant).
    await tdb.deps.db.updateTable('territories').set({ payment_mode: 'sepa' }).where('id', '=', territoryId).execute();
    organisationId = await g.organisation({ territoryId });
    campaign = await g.campaign({ territoryId, name: 'Journal de sécurité' });
    const a = await g.user({ territoryId, role: 'admin' });
    const f = await g.user({ territoryId, role: 'finance' });
    const ag = await g.user({ territoryId, role: 'agent', organisationId, email: AGENT_EMAIL });
    financeId = f.id;
    agentId = ag.id;
    beneficiaryId = (await g.beneficiary({ territoryId, organisationId, firstName: FIRST_NAME, birthName: BIRTH_NAME, birthDate: BIRTH_DATE })).id;
    admin = await login(app, a.email);
    finance = await login(app, f.email, TEST_PASSWORD, '10.20.0.7');
    agent = await login(app, AGENT_EMAIL, TEST_PASSWORD, '10.30.0.9');
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('records failed sign-ins by account id (or nothing for an unknown e-mail), successes and sign-outs, with the address', async () => {
    expect((await signIn(AGENT_EMAIL, 'pas-le-bon-mot-de-passe', '10.30.0.9')).statusCode).toBe(401);
    expect((await signIn('personne.inconnue@exemple.fr', 'peu-importe-ici', '10.66.0.1')).statusCode).toBe(401);
    const other = await login(app, AGENT_EMAIL, TEST_PASSWORD, '10.30.0.10');
    expect((await other.delete('/api/session')).statusCode).toBe(204);

    const lines = await rows();
    expect(lines.find((l) => l.action === 'login.failed' && l.ip === '10.30.0.9')).toMatchObject({ actor_kind: 'user', actor_id: agentId, actor_role: 'agent', territory_id: territoryId, status: 401 });
    expect(lines.find((l) => l.action === 'login.failed' && l.ip === '10.66.0.1')).toMatchObject({ actor_kind: 'anonymous', actor_id: null, territory_id: null, status: 401 });
    expect(lines.filter((l) => l.action === 'login.succeeded' && l.actor_id === agentId).map((l) => l.ip)).toEqual(['10.30.0.9', '10.30.0.10']);
    expect(lines.find((l) => l.action === 'logout')).toMatchObject({ actor_id: agentId, ip: '10.30.0.10', status: 204 });
  });

  it('records reads and searches of a person’s record, SEPA files, statements and exports, by whom and from where', async () => {
    expect((await agent.get(`/api/beneficiaries/${beneficiaryId}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/beneficiaries?q=${encodeURIComponent(`${FIRST_NAME} ${BIRTH_NAME}`)}&birthDate=${BIRTH_DATE}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/beneficiaries/${beneficiaryId}/personal-data`)).statusCode).toBe(200);

    const financeActor = actorOf({ id: financeId, role: 'finance' }, territoryId);
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Structure journalisée' });
    const { claimId } = await s.reviewedClaim({ count: 2, at: '2026-04-10T10:00:00.000Z', finance: financeActor });
    const order = await releasedOrder(tdb.deps, financeActor, { claimIds: [claimId] });
    expect((await finance.get(`/api/payment-orders/${order.id}/sepa.xml`)).statusCode).toBe(200);
    const statementId = (await finance.get(`/api/payment-orders/${order.id}`)).json().statements[0].id as string;
    expect((await finance.get(`/api/payment-orders/${order.id}/statements/${statementId}.pdf`)).statusCode).toBe(200);
    expect((await finance.get('/api/exports/redemptions?format=xlsx')).statusCode).toBe(200);
    expect((await agent.get('/api/exports/beneficiaries?format=csv')).statusCode).toBe(200);

    const lines = await rows();
    const one = (action: string) => lines.filter((l) => l.action === action);
    expect(one('person.read')).toEqual([expect.objectContaining({ actor_id: agentId, actor_role: 'agent', target_type: 'beneficiary', target_id: beneficiaryId, ip: '10.30.0.9', status: 200 })]);
    expect(one('person.search')).toEqual([expect.objectContaining({ actor_id: agentId, target_id: null, detail: null })]);
    expect(one('person.personal_data.read')).toEqual([expect.objectContaining({ actor_id: agentId, target_id: beneficiaryId })]);
    expect(one('sepa.downloaded')).toEqual([expect.objectContaining({ actor_id: financeId, target_type: 'payment_order', target_id: order.id, ip: '10.20.0.7', status: 200 })]);
    expect(one('statement.downloaded')).toEqual([expect.objectContaining({ actor_id: financeId, target_id: order.id, detail: JSON.stringify({ statementId }) })]);
    expect(one('export.downloaded').map((l) => [l.actor_id, l.target_id, l.detail])).toEqual([
      [financeId, 'redemptions', JSON.stringify({ format: 'xlsx' })],
      [agentId, 'beneficiaries', JSON.stringify({ format: 'csv' })],
    ]);
    for (const l of lines) expect(Date.parse(l.at)).not.toBeNaN();
  });

  it('holds no personal data: no e-mail, name, birth date or search typed', async () => {
    const text = JSON.stringify(await rows()).toLowerCase();
    for (const secret of [AGENT_EMAIL, 'personne.inconnue@exemple.fr', FIRST_NAME, BIRTH_NAME, BIRTH_DATE, 'pas-le-bon-mot-de-passe', TEST_PASSWORD, '@']) {
      expect(text, secret).not.toContain(secret.toLowerCase());
    }
  });

  it('writes nothing for anonymous refusals (nobody can fill the table), and shows the log to the admin only', async () => {
    const before = (await rows()).length;
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: `/api/beneficiaries/${beneficiaryId}` })).statusCode).toBe(401);
    expect((await rows()).length).toBe(before);

    expect((await finance.get('/api/security-log')).statusCode).toBe(403);
    expect((await agent.get('/api/security-log')).statusCode).toBe(403);
    const shown = await admin.get('/api/security-log?action=login.failed');
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual([expect.objectContaining({ action: 'login.failed', actorId: agentId, actorRole: 'Agent prescripteur', ip: '10.30.0.9', status: 401 })]);
  });

  it('every logged route exists (a renamed route would silently stop being logged)', () => {
    const registered = new Set(app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(SECURITY_LOGGED_ROUTES)) expect(registered, key).toContain(key);
  });

  it('the retention job deletes lines older than a year', async () => {
    const old = { id: tdb.deps.newId(), at: '2025-04-01T08:00:00.000Z', action: 'login.failed', territory_id: territoryId, actor_kind: 'anonymous', actor_id: null, actor_role: null, target_type: null, target_id: null, status: 401, ip: '10.0.0.1', detail: null };
    await tdb.deps.db.insertInto('security_log').values(old).execute();
    const before = (await rows()).length;
    const summary = await anonymiseJob(tdb.deps);
    expect(summary).toMatchObject({ securityLogPurged: 1 });
    const after = await rows();
    expect(after.length).toBe(before - 1);
    expect(after.map((l) => l.id)).not.toContain(old.id);
  });
});
