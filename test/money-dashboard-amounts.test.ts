import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMOUNT_LABELS, AMOUNT_STATES, structureAmounts } from '../src/domain/amounts.ts';
import { markOrderPaid } from '../src/usecases/reimbursement/mark-order-paid.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, claimingStructure, givenMoney, releasedOrder } from './helpers/given-money.ts';

// The money dashboards read domain/amounts.ts (issue #17, point 2): after a partial rejection and
// a payment, the territory's and the structure's dashboards give exactly the states and the words
// that amounts.ts gives for the same tickets — the rejected ticket is not counted again as
// "utilisés, pas encore demandés" — and the same figures as the ledger.

describe(`money dashboards read amounts.ts (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let manager: Client;
  let structureId: string;
  const deadline = '2027-03-31';

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-05-20T09:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    const m = givenMoney(tdb.deps);
    const territoryId = await g.territory();
    const organisationId = await g.organisation({ territoryId });
    const campaign = await g.campaign({ territoryId, name: 'Pass numérique 2026', claim_deadline: deadline });
    const f = await g.user({ territoryId, role: 'finance' });
    const finance = actorOf({ id: f.id, role: 'finance' }, territoryId);
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    structureId = s.id;
    // 3 tickets claimed in April: 1 rejected, 2 approved, ordered and paid.
    const { claimId } = await s.reviewedClaim({ count: 3, at: '2026-04-10T10:00:00.000Z', finance, reject: 1 });
    const order = await releasedOrder(tdb.deps, finance, { claimIds: [claimId] });
    await markOrderPaid(tdb.deps, finance, { orderId: order.id, paymentDate: '2026-05-19', reference: 'MANDAT-42' });
    // 2 more redeemed in May, not claimed yet.
    const booklet = await g.issuedBooklet({ campaign, organisationId });
    await m.redeem({ booklet, structure: s, count: 2, at: '2026-05-12T10:00:00.000Z' });
    const a = await g.user({ territoryId, role: 'admin' });
    const u = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    admin = await login(app, a.email);
    manager = await login(app, u.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('territory and structure dashboards: the states of amounts.ts, its words, and the ledger’s figures', async () => {
    const expected = structureAmounts(
      [{ fact: 'paid', count: 2, amountCents: 2000 }, { fact: 'rejected', count: 1, amountCents: 1000 }, { fact: 'none', count: 2, amountCents: 2000 }],
      deadline, tdb.deps.now(),
    );
    const parts = AMOUNT_STATES.map((state) => ({ state, label: AMOUNT_LABELS[state], count: expected[state].count, amountCents: expected[state].amountCents }));
    for (const client of [admin, manager]) {
      const res = await client.get('/api/dashboards/money');
      expect(res.statusCode, res.body).toBe(200);
      const amounts = res.json().amounts;
      expect(amounts.parts).toEqual(parts);
      expect(amounts.stillPayable).toEqual({ count: 2, amountCents: 2000 });
      expect(amounts.redeemed).toEqual({ count: 5, amountCents: 5000 });
      // The rejected ticket is rejected, once: not also "utilisés, pas encore demandés".
      expect(amounts.parts.find((p: { state: string }) => p.state === 'redeemedUnclaimed')).toMatchObject({ count: 2, amountCents: 2000 });
      expect(amounts.parts.find((p: { state: string }) => p.state === 'rejected')).toMatchObject({ count: 1, amountCents: 1000 });
    }
    // The same figures as the structure's ledger, state by state.
    const totals = (await manager.get(`/api/ledger?structureId=${structureId}`)).json().totals;
    const dashboard = (await manager.get('/api/dashboards/money')).json().amounts.parts as { state: string; amountCents: number }[];
    const ledgerKey: Record<string, string> = { approvedUnpaid: 'approved' };
    for (const p of dashboard) expect(totals[ledgerKey[p.state] ?? p.state].amountCents, p.state).toBe(p.amountCents);
    // A period keeps the tickets redeemed in it: April holds the claimed three only.
    const april = (await admin.get('/api/dashboards/money?from=2026-04-01&to=2026-04-30')).json().amounts;
    expect(april.redeemed).toEqual({ count: 3, amountCents: 3000 });
    expect(april.stillPayable).toEqual({ count: 0, amountCents: 0 });
  });
});
