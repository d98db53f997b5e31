import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import { seedCampaignsAndStructures } from '../src/demo/seed-campaigns-structures.ts';
import { seedClaims } from '../src/demo/seed-claims.ts';
import { seedFoundation } from '../src/demo/seed-foundation.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createDemoDb, createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenMoney } from './helpers/given-money.ts';

// The reimbursement demo stage, fed with its own redemptions (the redemption stage may be empty),
// and robust when there are none.
describe(`demo stage: claims and payments (${dialectName})`, () => {
  let tdb: TestDb | undefined;
  afterEach(async () => {
    await tdb?.close();
    tdb = undefined;
  });

  it('builds the paid 2021 history, the approved-but-unpaid 2022 claims, and leaves the current campaign unclaimed', async () => {
    tdb = await createTestDb({ now: '2026-11-20T10:00:00.000Z' });
    const { deps } = tdb;
    const ctx = await seedFoundation(deps);
    await seedCampaignsAndStructures(deps, ctx);
    const campaign = async (id: string) => (await deps.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as CampaignTable;
    const [c2021, c2022, current] = [await campaign(ctx.campaigns!.c2021), await campaign(ctx.campaigns!.c2022), await campaign(ctx.campaigns!.current)];
    const g = given(deps);
    const m = givenMoney(deps);
    const [s0, s1] = ctx.structures!;
    const redeem = async (c: CampaignTable, s: typeof s0, count: number, atIso: string) =>
      m.redeem({ booklet: await g.issuedBooklet({ campaign: c, organisationId: ctx.organisations.lens }), structure: s, count, at: atIso });
    const t2021 = [...(await redeem(c2021, s0, 4, '2021-10-05T09:00:00.000Z')), ...(await redeem(c2021, s1, 2, '2021-11-10T14:00:00.000Z'))];
    const t2022 = [...(await redeem(c2022, s0, 3, '2022-10-10T09:00:00.000Z')), ...(await redeem(c2022, s1, 2, '2022-12-01T09:00:00.000Z'))];
    const tNow = await redeem(current, s0, 2, '2026-11-03T09:00:00.000Z');

    await seedClaims(deps, ctx);

    // The structures that take tickets (a France Services place listed for orientation takes none).
    const banks = await deps.db.selectFrom('structures').where((eb) => eb.exists(eb.selectFrom('accreditations').select('structure_id').whereRef('accreditations.structure_id', '=', 'structures.id'))).select(['bank_status', 'iban']).execute();
    expect(banks.length).toBeGreaterThan(0);
    expect(banks.every((b) => b.bank_status === 'verified' && b.iban)).toBe(true);

    const statusOf = async (ids: string[]) => (await deps.db.selectFrom('tickets').select('status').where('id', 'in', ids).execute()).map((t) => t.status).sort();
    expect(await statusOf(t2021)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid', 'redeemed']);
    expect(await statusOf(t2022)).toEqual(['claimed', 'claimed', 'claimed', 'claimed', 'redeemed']);
    expect(await statusOf(tNow)).toEqual(['redeemed', 'redeemed']);

    const claims = await deps.db.selectFrom('claims').select(['campaign_id', 'status']).execute();
    expect(claims.filter((c) => c.campaign_id === c2021.id).map((c) => c.status)).toEqual(['paid', 'paid']);
    expect(claims.filter((c) => c.campaign_id === c2022.id).map((c) => c.status)).toEqual(['reviewed', 'reviewed']);
    expect(claims.filter((c) => c.campaign_id === current.id)).toEqual([]);

    const orders = await deps.db.selectFrom('payment_orders').selectAll().execute();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'paid', total_cents: 5000 });
    const statements = await deps.db.selectFrom('statements').select(['year', 'number', 'amount_cents', 'payment_reference']).orderBy('number').execute();
    expect(statements.map((s) => `${s.year}-${s.number}`)).toEqual(['2022-1', '2022-2']);
    expect(statements.map((s) => Number(s.amount_cents)).sort()).toEqual([2000, 3000]);
    expect(statements.reduce((sum, s) => sum + Number(s.amount_cents), 0)).toBe(5000);
    expect(statements.every((s) => s.payment_reference === 'VIR-2022-PASSNUM-0001')).toBe(true);

    // As a new user would: the demo manager claims the current campaign's tickets.
    const app = await createTestApp(tdb);
    try {
      const manager = await login(app, 'gestionnaire@demo.passnum.fr');
      const assembled = await manager.post('/api/claims/assemble', {});
      expect(assembled.json()).toMatchObject({ claimsCreated: 1, linesAdded: 2 });
      const ledger = (await manager.get('/api/ledger')).json();
      const row2021 = ledger.rows.find((r: { campaignId: string }) => r.campaignId === c2021.id);
      expect(row2021.paid).toMatchObject({ count: 3, amountCents: 3000 });
      expect(row2021.rejected).toMatchObject({ count: 1, amountCents: 1000 });
      expect(ledger.rows.find((r: { campaignId: string }) => r.campaignId === c2022.id).approved.count).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000); // seeds the foundation and three campaigns from scratch: slow on a loaded two-core machine

  it('does nothing harmful without redemptions (only verifies bank details)', async () => {
    tdb = await createTestDb({ now: '2026-11-20T10:00:00.000Z' });
    const ctx = await seedFoundation(tdb.deps);
    await seedCampaignsAndStructures(tdb.deps, ctx);
    await seedClaims(tdb.deps, ctx);
    expect(await tdb.deps.db.selectFrom('claims').select('id').execute()).toEqual([]);
    expect(await tdb.deps.db.selectFrom('payment_orders').select('id').execute()).toEqual([]);
    const banks = await tdb.deps.db.selectFrom('structures').where((eb) => eb.exists(eb.selectFrom('accreditations').select('structure_id').whereRef('accreditations.structure_id', '=', 'structures.id'))).select('bank_status').execute();
    expect(banks.length).toBeGreaterThan(0);
    expect(banks.every((b) => b.bank_status === 'verified')).toBe(true);
  });

  it('runs inside the whole demo seed', async () => {
    tdb = await createDemoDb();
    const unpaidOrPaid = await tdb.deps.db.selectFrom('structures').where((eb) => eb.exists(eb.selectFrom('accreditations').select('structure_id').whereRef('accreditations.structure_id', '=', 'structures.id'))).select('bank_status').execute();
    expect(unpaidOrPaid.length).toBeGreaterThan(0);
    expect(unpaidOrPaid.every((b) => b.bank_status === 'verified')).toBe(true);
  });
});
