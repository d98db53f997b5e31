import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/actor.ts';
import { DomainError } from '../src/domain/errors.ts';
import { isUniqueViolation } from '../src/repositories/tx.ts';
import { assembleStructureClaims } from '../src/usecases/reimbursement/assemble-claims.ts';
import { contestClaimLine } from '../src/usecases/reimbursement/contest-claim-line.ts';
import { getClaimFor, listClaimsFor } from '../src/usecases/reimbursement/list-claims.ts';
import { markOrderPaid } from '../src/usecases/reimbursement/mark-order-paid.ts';
import { reviewClaim } from '../src/usecases/reimbursement/review-claim.ts';
import { submitClaim } from '../src/usecases/reimbursement/submit-claim.ts';
import { withdrawClaimLine } from '../src/usecases/reimbursement/withdraw-claim-line.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, givenMoney, releasedOrder } from './helpers/given-money.ts';

// Invariants of the money path, over random sequences of claim/review/order/pay operations:
// - the sum of paid payment lines equals the face value of the paid tickets;
// - no ticket is in two live claim lines, and a ticket is "claimed" exactly when it has one;
// - no ticket is paid twice; an order's total is the sum of its statements and lines.
type Op =
  | { kind: 'assemble'; s: number }
  | { kind: 'submit'; s: number; pick: number }
  | { kind: 'review'; pick: number; reject: number }
  | { kind: 'withdraw'; s: number; pick: number }
  | { kind: 'contest'; s: number; pick: number }
  | { kind: 'order'; picks: number[] }
  | { kind: 'pay'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('assemble' as const), s: fc.nat(1) }),
  fc.record({ kind: fc.constant('submit' as const), s: fc.nat(1), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant('review' as const), pick: fc.nat(5), reject: fc.nat(3) }),
  fc.record({ kind: fc.constant('withdraw' as const), s: fc.nat(1), pick: fc.nat(9) }),
  fc.record({ kind: fc.constant('contest' as const), s: fc.nat(1), pick: fc.nat(9) }),
  fc.record({ kind: fc.constant('order' as const), picks: fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('pay' as const), pick: fc.nat(3) }),
);

describe(`reimbursement invariants (${dialectName})`, () => {
  let tdb: TestDb;
  let territoryId: string;
  let organisationId: string;
  let finance: Actor;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-05-20T08:00:00.000Z' });
    const g = given(tdb.deps);
    territoryId = await g.territory();
    organisationId = await g.organisation({ territoryId });
    const u = await g.user({ territoryId, role: 'finance' });
    finance = actorOf({ id: u.id, role: 'finance' }, territoryId);
  });
  afterAll(async () => {
    await tdb?.close();
  });

  async function checkInvariants(): Promise<void> {
    const db = tdb.deps.db;
    const paidLines = await db
      .selectFrom('payment_lines as p')
      .innerJoin('statements as s', 's.id', 'p.statement_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('p.amount_cents'), eb.lit(0)).as('sum'))
      .where('s.paid_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const paidTickets = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('face_value_cents'), eb.lit(0)).as('sum'))
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    expect(Number(paidLines.sum)).toBe(Number(paidTickets.sum));

    const doubleLive = await db
      .selectFrom('claim_lines')
      .select(['ticket_id', (eb) => eb.fn.countAll().as('n')])
      .where('status', 'in', ['pending', 'approved'])
      .groupBy('ticket_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(doubleLive).toEqual([]);

    const doublePaid = await db
      .selectFrom('payment_lines')
      .select(['ticket_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('ticket_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(doublePaid).toEqual([]);

    // "claimed" ⇔ a live claim line and not paid yet; "redeemed" ⇒ no live line.
    const tickets = await db
      .selectFrom('tickets as t')
      .select(['t.id', 't.status', (eb) => eb.selectFrom('claim_lines as l').select((e) => e.fn.countAll().as('n')).whereRef('l.ticket_id', '=', 't.id').where('l.status', 'in', ['pending', 'approved']).as('live')])
      .where('t.status', 'in', ['redeemed', 'claimed', 'paid'])
      .execute();
    for (const t of tickets) {
      if (t.status === 'claimed' || t.status === 'paid') expect(Number(t.live), `${t.status} ticket ${t.id}`).toBe(1);
      if (t.status === 'redeemed') expect(Number(t.live), `redeemed ticket ${t.id}`).toBe(0);
    }

    const orders = await db.selectFrom('payment_orders').select(['id', 'total_cents']).execute();
    for (const o of orders) {
      const s = await db.selectFrom('statements').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('sum')).where('payment_order_id', '=', o.id).executeTakeFirstOrThrow();
      const l = await db
        .selectFrom('payment_lines as p')
        .innerJoin('statements as s', 's.id', 'p.statement_id')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('p.amount_cents'), eb.lit(0)).as('sum'))
        .where('s.payment_order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      expect(Number(o.total_cents)).toBe(Number(s.sum));
      expect(Number(o.total_cents)).toBe(Number(l.sum));
    }
  }

  it('hold over random sequences of operations', async () => {
    const g = given(tdb.deps);
    const m = givenMoney(tdb.deps);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 18 }), fc.array(fc.integer({ min: 300, max: 2500 }), { minLength: 2, maxLength: 2 }), async (ops, faces) => {
        run += 1;
        const campaign = await g.campaign({ territoryId, name: `Propriété ${run}-${Math.random()}`, face_value_cents: faces[0] });
        const structures = [];
        for (let i = 0; i < 2; i++) {
          const s = await g.structure({ territoryId, accreditedFor: [campaign.id] });
          await m.verifiedBank(s.id);
          const u = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
          structures.push({ ...s, actor: actorOf({ id: u.id, role: 'structure_manager' }, territoryId, s.id) });
          const booklet = await g.issuedBooklet({ campaign, organisationId });
          await m.redeem({ booklet, structure: s, count: 3, at: '2026-04-03T10:00:00.000Z' });
          await m.redeem({ booklet: { ...booklet, tickets: booklet.tickets.slice(3) }, structure: s, at: '2026-05-06T10:00:00.000Z' });
        }
        const orders: string[] = [];
        const claimsOf = async (filter: { structureId?: string; status?: 'draft' | 'submitted' | 'reviewed' }) =>
          (await listClaimsFor(tdb.deps, finance, { ...filter, campaignId: campaign.id })).map((c) => c.id).sort();
        // Random operations, then a drain (every step once more, in order) so each run reaches payment.
        const drain: Op[] = [
          { kind: 'assemble', s: 0 }, { kind: 'assemble', s: 1 },
          ...[0, 1, 2, 3].flatMap((pick) => [{ kind: 'submit' as const, s: 0, pick }, { kind: 'submit' as const, s: 1, pick }]),
          ...[0, 1, 2, 3, 4, 5].map((pick) => ({ kind: 'review' as const, pick, reject: pick % 2 })),
          { kind: 'order', picks: [0, 1, 2] }, { kind: 'order', picks: [0, 1, 2] }, { kind: 'pay', pick: 0 }, { kind: 'pay', pick: 1 },
        ];
        for (const o of [...ops, ...drain]) {
          try {
            if (o.kind === 'assemble') await assembleStructureClaims(tdb.deps, structures[o.s].actor, structures[o.s].id);
            if (o.kind === 'submit') {
              const ids = await claimsOf({ structureId: structures[o.s].id, status: 'draft' });
              if (ids.length) await submitClaim(tdb.deps, structures[o.s].actor, { claimId: ids[o.pick % ids.length], attestation: true });
            }
            if (o.kind === 'review') {
              const ids = await claimsOf({ status: 'submitted' });
              if (ids.length) {
                const claim = await getClaimFor(tdb.deps, finance, ids[o.pick % ids.length]);
                const pending = claim.lines.filter((l) => l.status === 'pending');
                await reviewClaim(tdb.deps, finance, { claimId: claim.id, rejections: pending.slice(0, o.reject).map((l) => ({ lineId: l.id, reason: 'Motif aléatoire' })) });
              }
            }
            if (o.kind === 'withdraw' || o.kind === 'contest') {
              const s = structures[o.s];
              const lines = [];
              for (const id of await claimsOf({ structureId: s.id })) {
                const c = await getClaimFor(tdb.deps, s.actor, id);
                lines.push(...c.lines.map((l) => ({ claimId: id, lineId: l.id })));
              }
              if (lines.length) {
                const target = lines[o.pick % lines.length];
                if (o.kind === 'withdraw') await withdrawClaimLine(tdb.deps, s.actor, target);
                else await contestClaimLine(tdb.deps, s.actor, { ...target, note: 'Contestation aléatoire' });
              }
            }
            if (o.kind === 'order') {
              const ids = await claimsOf({ status: 'reviewed' });
              if (ids.length) orders.push((await releasedOrder(tdb.deps, finance, { claimIds: [...new Set(o.picks.map((p) => ids[p % ids.length]))] })).id);
            }
            if (o.kind === 'pay' && orders.length) {
              await markOrderPaid(tdb.deps, finance, { orderId: orders[o.pick % orders.length], paymentDate: '2026-05-20', reference: `REF-${run}` });
            }
          } catch (error) {
            // Refusals are expected (locked claims, nothing to pay, already paid...); anything else is a bug.
            if (!(error instanceof DomainError)) throw error;
          }
        }
        await checkInvariants();
      }),
      { numRuns: 12 },
    );
    // The generator does reach payments: at least one ticket was paid over all runs.
    const paid = await tdb.deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'paid').executeTakeFirstOrThrow();
    expect(Number(paid.n)).toBeGreaterThan(0);
    // Twelve runs, each with two structures and a four-eyes release: room for a busy machine.
  }, 90_000);

  describe('database constraints, tested directly', () => {
    async function fixture() {
      const g = given(tdb.deps);
      const m = givenMoney(tdb.deps);
      const campaign = await g.campaign({ territoryId, name: `Contraintes ${Math.random()}` });
      const s = await g.structure({ territoryId, accreditedFor: [campaign.id] });
      await m.verifiedBank(s.id);
      const u = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
      const manager = actorOf({ id: u.id, role: 'structure_manager' }, territoryId, s.id);
      const booklet = await g.issuedBooklet({ campaign, organisationId });
      await m.redeem({ booklet, structure: s, count: 2, at: '2026-05-02T10:00:00.000Z' });
      const { claimIds } = await assembleStructureClaims(tdb.deps, manager, s.id);
      const line = await tdb.deps.db.selectFrom('claim_lines').selectAll().where('claim_id', '=', claimIds[0]).executeTakeFirstOrThrow();
      return { campaign, s, manager, claimId: claimIds[0], line };
    }
    // PostgreSQL names the constraint; SQLite names the columns of the unique index.
    const violation = async (p: Promise<unknown>, constraint: string, sqliteColumns: string) => {
      const error = await p.then(() => null, (e: unknown) => e);
      expect(error, `expected ${constraint}`).not.toBeNull();
      expect(isUniqueViolation(error, dialectName === 'postgresql' ? constraint : sqliteColumns), String(error)).toBe(true);
    };

    it('one_live_claim_line_per_ticket refuses a second live line for a ticket', async () => {
      const f = await fixture();
      await violation(
        tdb.deps.db.insertInto('claim_lines').values({ ...f.line, id: tdb.deps.newId(), status: 'approved' }).execute(),
        'one_live_claim_line_per_ticket',
        'claim_lines.ticket_id',
      );
      // A withdrawn line does not count as live; a rejected, uncontested one keeps the ticket
      // (rejected_line_stays_rejected), a contested one does not.
      await tdb.deps.db.insertInto('claim_lines').values({ ...f.line, id: tdb.deps.newId(), status: 'withdrawn' }).execute();
      await violation(
        tdb.deps.db.insertInto('claim_lines').values({ ...f.line, id: tdb.deps.newId(), status: 'rejected' }).execute(),
        'rejected_line_stays_rejected',
        'claim_lines.ticket_id',
      );
      await tdb.deps.db.insertInto('claim_lines').values({ ...f.line, id: tdb.deps.newId(), status: 'rejected', contested_at: '2026-01-01T00:00:00.000Z' }).execute();
    });

    it('one_payment_per_ticket refuses paying a ticket twice', async () => {
      const f = await fixture();
      await submitClaim(tdb.deps, f.manager, { claimId: f.claimId, attestation: true });
      await reviewClaim(tdb.deps, finance, { claimId: f.claimId, rejections: [] });
      const order = await releasedOrder(tdb.deps, finance, { claimIds: [f.claimId] });
      const pl = await tdb.deps.db.selectFrom('payment_lines').selectAll().where('statement_id', '=', order.statements[0].id).executeTakeFirstOrThrow();
      await violation(tdb.deps.db.insertInto('payment_lines').values({ ...pl, id: tdb.deps.newId() }).execute(), 'one_payment_per_ticket', 'payment_lines.ticket_id');
    });

    it('one_statement_per_number refuses a duplicate statement number', async () => {
      const st = await tdb.deps.db.selectFrom('statements').selectAll().limit(1).executeTakeFirstOrThrow();
      await violation(tdb.deps.db.insertInto('statements').values({ ...st, id: tdb.deps.newId() }).execute(), 'one_statement_per_number', 'statements.territory_id, statements.year, statements.number');
    });

    it('one_draft_claim_per_structure_period refuses a second draft for the same month', async () => {
      const f = await fixture();
      const claim = await tdb.deps.db.selectFrom('claims').selectAll().where('id', '=', f.claimId).executeTakeFirstOrThrow();
      await violation(tdb.deps.db.insertInto('claims').values({ ...claim, id: tdb.deps.newId() }).execute(), 'one_draft_claim_per_structure_period', 'claims.structure_id, claims.campaign_id, claims.period');
    });
  });
});
