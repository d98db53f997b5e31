import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, claimingStructure, givenMoney, releasedOrder } from './helpers/given-money.ts';
import { givenApiToken } from './helpers/given-redemption.ts';

// Issue 19, "Also": the review's matrix kept in the suite. Every documented route with a path
// parameter is called by each role of the demo territory (and anonymously) with the ids of ANOTHER
// territory's objects — its structure, organisation, campaign, person, booklet, ticket, claim and
// line, payment order and statement, account, site, token. Nothing may answer 2xx: no read and no
// change of another scope's data. One app, in-process requests.

/** Routes open to anyone by design, whatever their parameter names. */
const PUBLIC = new Set([
  'GET /api/open-data/{territoryCode}/statistiques.csv',
  'GET /api/open-data/{territoryCode}/statistiques.json',
  'POST /api/password-links/{token}', // the token in the path is the credential
  'GET /api/structures/siret/{siret}', // a public-registry lookup: no object of a territory
]);

type Operation = { method: string; path: string; params: string[] };

describe(`route × role matrix: nothing of another territory answers 2xx (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  const clients: Record<string, Client | null> = { anonymous: null };
  const other: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createDemoDb({ now: '2026-05-04T09:00:00.000Z' });
    app = await createTestApp(tdb);
    for (const [role, email] of Object.entries({
      admin: 'admin@demo.passnum.fr', finance: 'finance@demo.passnum.fr', agent: 'agent.lens@demo.passnum.fr',
      manager: 'gestionnaire@demo.passnum.fr', mediator: 'mediateur@demo.passnum.fr', auditor: 'auditeur@demo.passnum.fr',
    })) clients[role] = await login(app, email, tdb.config.demoPassword);

    // Another territory, with one object of each kind the routes name.
    const g = given(tdb.deps);
    const territoryId = await g.territory('62');
    expect(territoryId).not.toBe((await tdb.deps.db.selectFrom('users').select('territory_id').where('email', '=', 'admin@demo.passnum.fr').executeTakeFirstOrThrow()).territory_id);
    await tdb.deps.db.updateTable('territories').set({ payment_mode: 'sepa' }).where('id', '=', territoryId).execute();
    const organisationId = await g.organisation({ territoryId });
    const campaign = await g.campaign({ territoryId, name: 'Campagne d’un autre territoire' });
    const finance = await g.user({ territoryId, role: 'finance' });
    const financeActor = actorOf({ id: finance.id, role: 'finance' }, territoryId);
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Structure d’ailleurs' });
    const { claimId } = await s.reviewedClaim({ count: 2, at: '2026-04-10T10:00:00.000Z', finance: financeActor });
    const order = await releasedOrder(tdb.deps, financeActor, { claimIds: [claimId] });
    const booklet = await g.issuedBooklet({ campaign, organisationId });
    const line = await tdb.deps.db.selectFrom('claim_lines').select('id').where('claim_id', '=', claimId).executeTakeFirstOrThrow();
    const statement = await tdb.deps.db.selectFrom('statements').select('id').where('payment_order_id', '=', order.id).executeTakeFirstOrThrow();
    const token = await givenApiToken(tdb.deps, { territoryId, structureId: s.id });
    Object.assign(other, {
      beneficiaries: booklet.beneficiaryId, booklets: booklet.id, campaigns: campaign.id, claims: claimId, lineId: line.id,
      'payment-orders': order.id, statementId: statement.id, structures: s.id, siteId: s.siteId, campaignId: campaign.id,
      organisations: organisationId, users: s.manager.id, 'api-tokens': token.id, code: booklet.tickets[0].code,
      serial: booklet.tickets[0].serial, inseeCode: '62498',
    });
  });
  const givenMoneyBank = (structureId: string) => givenMoney(tdb.deps).verifiedBank(structureId);
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  /** The other territory's id for a path parameter: by its name, else by the collection it follows. */
  function idFor(path: string, param: string): string {
    if (other[param]) return other[param];
    const segments = path.split('/');
    const collection = segments[segments.indexOf(`{${param}}`) - 1];
    // Kinds the other territory has none of (workshops, sessions, bookings, outbox messages, print
    // batches, redemptions): a fresh id, which no scope holds.
    return other[collection] ?? tdb.deps.newId();
  }

  it('answers no 2xx to any role, on any route, with another territory’s ids', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name) })),
    );
    const scoped = operations.filter((op) => op.params.length && !PUBLIC.has(`${op.method} ${op.path}`));
    expect(scoped.length).toBeGreaterThan(60);
    // Every public exception still exists (a stale list would hide nothing, but would mislead).
    for (const key of PUBLIC) expect(operations.map((op) => `${op.method} ${op.path}`)).toContain(key);

    const leaks: string[] = [];
    let sent = 0;
    for (const op of scoped) {
      const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(idFor(op.path, name)));
      for (const [role, client] of Object.entries(clients)) {
        const res = await app.inject({
          method: op.method as 'GET',
          url,
          headers: client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {},
          ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {}),
        });
        sent++;
        if (res.statusCode < 300) leaks.push(`${role} ${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(sent).toBeGreaterThan(400);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('inside the territory: an agent reaches no other organisation’s person or booklet, a structure’s staff no other structure’s accounts, bank details or sites', async () => {
    const g = given(tdb.deps);
    const territoryId = (await tdb.deps.db.selectFrom('users').select('territory_id').where('email', '=', 'admin@demo.passnum.fr').executeTakeFirstOrThrow()).territory_id;
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().where('territory_id', '=', territoryId).where('status', '=', 'open').executeTakeFirstOrThrow();
    const organisationId = await g.organisation({ territoryId, name: 'CCAS voisin' });
    const booklet = await g.issuedBooklet({ campaign, organisationId });
    const s = await g.structure({ territoryId });
    await givenMoneyBank(s.id);
    const staff = await g.user({ territoryId, role: 'mediator', structureId: s.id });
    const near: Record<string, string> = { beneficiaries: booklet.beneficiaryId, booklets: booklet.id, structures: s.id, siteId: s.siteId, users: staff.id };
    const cases: [string, RegExp][] = [
      ['agent', /^\/api\/(beneficiaries|booklets)\/\{id\}/],
      ['manager', /^\/api\/(users\/\{id\}|structures\/\{id\}\/(bank-details|sites\/\{siteId\}|accreditations$))|^\/api\/structures\/\{id\}$/],
      ['mediator', /^\/api\/(users\/\{id\}|structures\/\{id\}\/(bank-details|sites\/\{siteId\}))/],
    ];
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const leaks: string[] = [];
    let sent = 0;
    for (const [role, pattern] of cases) {
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!pattern.test(path)) continue;
        for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
          // Reading another structure's public card (name, sites, accreditations) is allowed: it is the directory.
          if (method === 'GET' && /^\/api\/structures\/\{id\}(\/sites|\/accreditations)?$/.test(path)) continue;
          const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => near[name] ?? near[path.split('/')[2]] ?? tdb.deps.newId());
          const client = clients[role]!;
          const res = await app.inject({ method: method as 'GET', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf }, ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}) });
          sent++;
          if (res.statusCode < 300) leaks.push(`${role} ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
