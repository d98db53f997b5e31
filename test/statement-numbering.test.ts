import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import type { Actor } from '../src/domain/actor.ts';
import { DomainError } from '../src/domain/errors.ts';
import { createPaymentOrder } from '../src/usecases/reimbursement/create-payment-order.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, claimingStructure } from './helpers/given-money.ts';

// Statement numbers: a gapless yearly sequence per territory (French invoicing rules), from a
// locked counter row inside the order's transaction.
describe(`gapless statement numbers (${dialectName})`, () => {
  let tdb: TestDb;
  let territoryId: string;
  let organisationId: string;
  let campaign: CampaignTable;
  let finance: Actor;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-04-02T08:00:00.000Z' });
    const g = given(tdb.deps);
    territoryId = await g.territory();
    organisationId = await g.organisation({ territoryId });
    campaign = await g.campaign({ territoryId });
    const u = await g.user({ territoryId, role: 'finance' });
    finance = actorOf({ id: u.id, role: 'finance' }, territoryId);
  });
  afterAll(async () => {
    await tdb?.close();
  });

  const numbers = async () =>
    (await tdb.deps.db.selectFrom('statements').select(['year', 'number']).orderBy('year').orderBy('number').execute()).map((s) => `${s.year}-${s.number}`);
  const counter = async (year: number) =>
    (await tdb.deps.db.selectFrom('statement_counters').select('last_number').where('territory_id', '=', territoryId).where('year', '=', year).executeTakeFirst())?.last_number ?? 0;
  const claimsFor = async (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: `Structure numérotée ${i}` });
      out.push((await s.reviewedClaim({ count: 2, at: '2026-03-10T10:00:00.000Z', finance })).claimId);
    }
    return out;
  };

  it('numbers two concurrent orders without duplicate or gap', async () => {
    const claims = await claimsFor(6);
    // Both transactions run at the same time (PostgreSQL: two pooled connections; SQLite queues them).
    const [a, b] = await Promise.all([
      createPaymentOrder(tdb.deps, finance, { claimIds: claims.slice(0, 3) }),
      createPaymentOrder(tdb.deps, finance, { claimIds: claims.slice(3) }),
    ]);
    const all = [...a.statements, ...b.statements].map((s) => s.number).sort();
    expect(all).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004', '2026-000005', '2026-000006']);
    // Within an order the numbers are consecutive: the counter row stays locked until it commits.
    for (const o of [a, b]) {
      const ns = o.statements.map((s) => Number(s.number.slice(5))).sort((x, y) => x - y);
      expect(ns[2] - ns[0]).toBe(2);
    }
    expect(await counter(2026)).toBe(6);
  });

  it('many concurrent orders still give 1..n', async () => {
    const claims = await claimsFor(5);
    await Promise.all(claims.map((c) => createPaymentOrder(tdb.deps, finance, { claimIds: [c] })));
    const ns = await numbers();
    expect(ns).toEqual(Array.from({ length: 11 }, (_, i) => `2026-${i + 1}`));
  });

  it('a rolled-back order leaves no gap (failure after numbering)', async () => {
    const claims = await claimsFor(2);
    const before = await counter(2026);
    let numberedInside = 0;
    await expect(
      createPaymentOrder(tdb.deps, finance, { claimIds: claims }, {
        afterNumbering: async (trx) => {
          numberedInside = (await trx.selectFrom('statements').select('number').where('year', '=', 2026).orderBy('number', 'desc').executeTakeFirstOrThrow()).number;
          throw new Error('simulated crash after numbering');
        },
      }),
    ).rejects.toThrow('simulated crash after numbering');
    expect(numberedInside).toBe(before + 2); // numbers were taken inside the transaction...
    expect(await counter(2026)).toBe(before); // ...and given back by the rollback
    expect(await numbers()).toHaveLength(before);
    const claimRows = await tdb.deps.db.selectFrom('claims').select('status').where('id', 'in', claims).execute();
    expect(claimRows.map((c) => c.status)).toEqual(['reviewed', 'reviewed']);
    const order = await createPaymentOrder(tdb.deps, finance, { claimIds: claims });
    expect(order.statements.map((s) => s.number).sort()).toEqual([`2026-${String(before + 1).padStart(6, '0')}`, `2026-${String(before + 2).padStart(6, '0')}`]);
  });

  it('a refused order (unverified bank details) takes no number and changes nothing', async () => {
    const ok = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'AAA vérifiée' });
    const bad = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'ZZZ non vérifiée', verified: false });
    const c1 = (await ok.reviewedClaim({ count: 1, at: '2026-03-11T10:00:00.000Z', finance })).claimId;
    const c2 = (await bad.reviewedClaim({ count: 1, at: '2026-03-11T10:00:00.000Z', finance })).claimId;
    const before = await counter(2026);
    const error = await createPaymentOrder(tdb.deps, finance, { claimIds: [c1, c2] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'bank_not_verified', details: { structureName: 'ZZZ non vérifiée' } });
    expect((error as DomainError).messageFr).toContain('« ZZZ non vérifiée »');
    expect(await counter(2026)).toBe(before);
    expect((await tdb.deps.db.selectFrom('claims').select('status').where('id', '=', c1).executeTakeFirstOrThrow()).status).toBe('reviewed');
  });

  it('restarts at 1 each year', async () => {
    tdb.clock.set('2027-01-04T09:00:00.000Z');
    const claims = await claimsFor(1);
    const order = await createPaymentOrder(tdb.deps, finance, { claimIds: claims });
    expect(order.statements[0].number).toBe('2027-000001');
    expect(await counter(2027)).toBe(1);
  });
});
