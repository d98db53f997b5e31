import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountState, financerAmounts, structureAmounts, type TicketFact } from '../src/domain/amounts.ts';

// One definition of every amount (issue 17, point 2), as properties over random ticket facts,
// claim deadlines and instants.

const fact = fc.constantFrom<TicketFact>('none', 'pending', 'approved', 'rejected', 'paid');
const group = fc.record({ fact, count: fc.integer({ min: 0, max: 50 }), amountCents: fc.integer({ min: 0, max: 1_000_000 }) });
const day = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000));

describe('amounts (pure)', () => {
  it('the parts always add up to the redeemed value; nothing is both still payable and lapsed', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 12 }), day, day, (groups, deadlineDay, now) => {
        const deadline = deadlineDay.toISOString().slice(0, 10);
        const a = structureAmounts(groups, deadline, now);
        const sum = groups.reduce((s, g) => s + g.amountCents, 0);
        const parts = [a.redeemedUnclaimed, a.claimed, a.approvedUnpaid, a.paid, a.rejected, a.lapsed];
        expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(sum);
        expect(a.redeemed.amountCents).toBe(sum);
        // Unclaimed is payable only before the deadline, lapsed only after: never both.
        expect(a.redeemedUnclaimed.count > 0 && a.lapsed.count > 0).toBe(false);
        expect(a.stillPayable.amountCents).toBe(a.redeemedUnclaimed.amountCents + a.claimed.amountCents + a.approvedUnpaid.amountCents);
      }),
    );
  });

  it('once final, the figures are fixed: later instants change nothing', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 12 }), day, day, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10_000_000 }), (groups, deadlineDay, now, later, budget) => {
        const deadline = deadlineDay.toISOString().slice(0, 10);
        const f = financerAmounts({ budgetCents: budget, issuedCents: 0 }, structureAmounts(groups, deadline, now), deadline, now);
        if (!f.final) {
          expect(f.returnsToFinancerCents).toBeNull();
          return;
        }
        const then = new Date(now.getTime() + later * 86_400_000);
        expect(financerAmounts({ budgetCents: budget, issuedCents: 0 }, structureAmounts(groups, deadline, then), deadline, then)).toEqual(f);
        // Final means nothing is claimed or approved and unpaid any more.
        expect(groups.filter((g) => g.count > 0 && (g.fact === 'pending' || g.fact === 'approved'))).toEqual([]);
      }),
    );
  });

  it('each fact has exactly one state', () => {
    expect(amountState('none', true)).toBe('redeemedUnclaimed');
    expect(amountState('none', false)).toBe('lapsed');
    expect(amountState('rejected', true)).toBe('rejected');
    expect(amountState('approved', false)).toBe('approvedUnpaid');
  });
});
