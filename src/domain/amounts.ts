import { isBeforeClaimDeadline } from './claims.ts';

// One definition of every amount (issue 17, point 2). A redeemed ticket is in exactly one state,
// decided here from facts the database gives (its claim line, whether it is paid) and the
// campaign's claim deadline; the ledger, the campaign ledger and the final report all sum these
// states, with the French words below everywhere.

/** What the database knows of a redeemed ticket: its live or rejected claim line, or payment. */
export type TicketFact = 'none' | 'pending' | 'approved' | 'rejected' | 'paid';

export type AmountState = 'redeemedUnclaimed' | 'claimed' | 'approvedUnpaid' | 'paid' | 'rejected' | 'lapsed';

export const AMOUNT_LABELS: Record<AmountState, string> = {
  redeemedUnclaimed: 'Utilisés, pas encore demandés',
  claimed: 'Demandés, en cours d’examen',
  approvedUnpaid: 'Approuvés, en attente de paiement',
  paid: 'Payés',
  rejected: 'Rejetés',
  lapsed: 'Jamais demandés avant la date limite (perdus)',
};

/** The one state of a redeemed ticket: never demanded by the claim deadline means lapsed. */
export function amountState(fact: TicketFact, claimsOpen: boolean): AmountState {
  switch (fact) {
    case 'paid':
      return 'paid';
    case 'approved':
      return 'approvedUnpaid';
    case 'pending':
      return 'claimed';
    case 'rejected':
      return 'rejected';
    case 'none':
      return claimsOpen ? 'redeemedUnclaimed' : 'lapsed';
  }
}

export interface Part {
  count: number;
  amountCents: number;
}
export type StructureAmounts = Record<AmountState, Part> & {
  /** Everything redeemed: the sum of the six parts. */
  redeemed: Part;
  /** What the structure may still be paid: unclaimed (while claims are open), claimed, approved. */
  stillPayable: Part;
};

const zero = (): Part => ({ count: 0, amountCents: 0 });
const plus = (a: Part, b: Part): Part => ({ count: a.count + b.count, amountCents: a.amountCents + b.amountCents });

/** A structure's (or a campaign's) amounts from grouped facts, at `now`, for the campaign's claim deadline. */
export function structureAmounts(groups: { fact: TicketFact; count: number; amountCents: number }[], claimDeadline: string, now: Date): StructureAmounts {
  const open = isBeforeClaimDeadline(now, claimDeadline);
  const out = { redeemedUnclaimed: zero(), claimed: zero(), approvedUnpaid: zero(), paid: zero(), rejected: zero(), lapsed: zero() };
  for (const g of groups) {
    const state = amountState(g.fact, open);
    out[state] = plus(out[state], g);
  }
  const redeemed = Object.values(out).reduce(plus, zero());
  return { ...out, redeemed, stillPayable: plus(plus(out.redeemedUnclaimed, out.claimed), out.approvedUnpaid) };
}

export interface FinancerAmounts {
  budgetCents: number;
  issuedCents: number;
  /** Redeemed and neither rejected nor lapsed: what the programme owes or has paid. */
  committedCents: number;
  paidCents: number;
  /** Nothing can change any more: claims closed and every redeemed ticket paid, rejected or lapsed. */
  final: boolean;
  /** Budget not paid out, returned to the financer — only once final, null before. */
  returnsToFinancerCents: number | null;
}

export function financerAmounts(c: { budgetCents: number; issuedCents: number }, a: StructureAmounts, claimDeadline: string, now: Date): FinancerAmounts {
  const final = !isBeforeClaimDeadline(now, claimDeadline) && a.stillPayable.count === 0;
  const committedCents = a.redeemed.amountCents - a.rejected.amountCents - a.lapsed.amountCents;
  return {
    budgetCents: c.budgetCents, issuedCents: c.issuedCents, committedCents, paidCents: a.paid.amountCents, final,
    returnsToFinancerCents: final ? c.budgetCents - a.paid.amountCents : null,
  };
}

export const AMOUNT_STATES: AmountState[] = ['redeemedUnclaimed', 'claimed', 'approvedUnpaid', 'paid', 'rejected', 'lapsed'];

/** Several structures' or campaigns' parts added up (dashboards), with the same derived totals. */
export function addUpAmounts(list: Record<AmountState, Part>[]): StructureAmounts {
  const out = { redeemedUnclaimed: zero(), claimed: zero(), approvedUnpaid: zero(), paid: zero(), rejected: zero(), lapsed: zero() };
  for (const a of list) for (const s of AMOUNT_STATES) out[s] = plus(out[s], a[s]);
  const redeemed = Object.values(out).reduce(plus, zero());
  return { ...out, redeemed, stillPayable: plus(plus(out.redeemedUnclaimed, out.claimed), out.approvedUnpaid) };
}
