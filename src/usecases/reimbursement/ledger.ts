import type { Actor } from '../../domain/actor.ts';
import { requireRole } from '../../domain/actor.ts';
import { bankNotice, type BankStatus } from '../../domain/bank.ts';
import { formatStatementNumber, isBeforeClaimDeadline, periodLabel } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { getStructureBank } from '../../repositories/bank-details.ts';
import { financerAmounts, type StructureAmounts } from '../../domain/amounts.ts';
import { campaignMoney, openRejections, structureLedger, structureStatements, type Bucket, type LedgerRow } from '../../repositories/read-models/ledger.ts';
import type { Deps } from '../support/deps.ts';

const STAFF = ['finance', 'admin', 'auditor'];

function add(a: Bucket, b: Bucket): Bucket {
  return { count: a.count + b.count, amountCents: a.amountCents + b.amountCents, lastAt: [a.lastAt, b.lastAt].filter(Boolean).sort().pop() ?? null };
}

/**
 * The ledger: a structure sees its own (per campaign: redeemed not claimed, claimed, approved,
 * paid, rejected), finance, admin and auditors any structure of the territory, or all of them.
 */
export async function getLedger(deps: Deps, actor: Actor, filter: { structureId?: string; campaignId?: string }) {
  let structureId = filter.structureId;
  if (actor.structureId) {
    if (filter.structureId && filter.structureId !== actor.structureId) throw new DomainError('not_found', 'Cette structure est introuvable.');
    structureId = actor.structureId;
  } else if (!STAFF.includes(actor.role)) {
    throw new DomainError('forbidden', 'Votre rôle ne permet pas de consulter les remboursements.');
  }
  const rows = await structureLedger(deps.db, { territoryId: actor.territoryId, structureId, campaignId: filter.campaignId, now: deps.now() });
  const zero: Bucket = { count: 0, amountCents: 0, lastAt: null };
  const totals = rows.reduce(
    (t, r) => ({
      redeemedUnclaimed: add(t.redeemedUnclaimed, r.redeemedUnclaimed), claimed: add(t.claimed, r.claimed), approved: add(t.approved, r.approved),
      paid: add(t.paid, r.paid), rejected: add(t.rejected, r.rejected), lapsed: add(t.lapsed, r.lapsed),
    }),
    { redeemedUnclaimed: zero, claimed: zero, approved: zero, paid: zero, rejected: zero, lapsed: zero },
  );
  const rejections = await openRejections(deps.db, { territoryId: actor.territoryId, structureId, campaignId: filter.campaignId });
  let structure = null;
  if (structureId) {
    const s = await getStructureBank(deps.db, structureId);
    if (!s || s.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Cette structure est introuvable.');
    const statements = await structureStatements(deps.db, { territoryId: actor.territoryId, structureId });
    structure = {
      id: s.id,
      name: s.name,
      bankStatus: s.bank_status as BankStatus,
      bankNotice: bankNotice(s.bank_status as BankStatus),
      statements: statements.map((st) => ({
        id: st.id, paymentOrderId: st.payment_order_id, number: formatStatementNumber(st.year, st.number), amountCents: Number(st.amount_cents),
        createdAt: st.created_at, paidAt: st.paid_at ?? null, paymentDate: st.payment_date ?? null, paymentReference: st.payment_reference ?? null,
      })),
    };
  }
  return {
    structure,
    rows,
    totals,
    rejections: rejections.map((r) => ({
        lineId: r.line_id, claimId: r.claim_id, structureId: r.structure_id, structureName: r.structure_name, campaignName: r.campaign_name,
        period: r.period, periodLabel: periodLabel(r.period), ticketSerial: r.serial, amountCents: r.amount_cents, reason: r.reject_reason,
        rejectedAt: r.reviewed_at ?? null, ticketStatus: r.ticket_status,
    })),
  };
}

/** The amounts of one campaign (domain/amounts.ts) from its ledger rows. */
export function campaignAmounts(rows: LedgerRow[]): StructureAmounts {
  const sum = (k: keyof Pick<LedgerRow, 'redeemedUnclaimed' | 'claimed' | 'approved' | 'paid' | 'rejected' | 'lapsed'>) =>
    rows.reduce((t, r) => ({ count: t.count + r[k].count, amountCents: t.amountCents + r[k].amountCents }), { count: 0, amountCents: 0 });
  const parts = { redeemedUnclaimed: sum('redeemedUnclaimed'), claimed: sum('claimed'), approvedUnpaid: sum('approved'), paid: sum('paid'), rejected: sum('rejected'), lapsed: sum('lapsed') };
  const total = (...ps: { count: number; amountCents: number }[]) => ps.reduce((t, p) => ({ count: t.count + p.count, amountCents: t.amountCents + p.amountCents }), { count: 0, amountCents: 0 });
  return { ...parts, redeemed: total(...Object.values(parts)), stillPayable: total(parts.redeemedUnclaimed, parts.claimed, parts.approvedUnpaid) };
}

/**
 * Per campaign: budget, value issued, committed (redeemed, neither rejected nor lapsed), paid, and
 * what returns to the financer — only once nothing can change any more (domain/amounts.ts).
 */
export async function getCampaignLedger(deps: Deps, actor: Actor, filter: { campaignId?: string } = {}) {
  requireRole(actor, 'finance', 'admin', 'auditor');
  const now = deps.now();
  const rows = await campaignMoney(deps.db, { territoryId: actor.territoryId, campaignId: filter.campaignId });
  const ledger = await structureLedger(deps.db, { territoryId: actor.territoryId, campaignId: filter.campaignId, now });
  return rows.map((c) => {
    const closed = !isBeforeClaimDeadline(now, c.claimDeadline);
    const f = financerAmounts({ budgetCents: c.budgetCents, issuedCents: c.issued.amountCents }, campaignAmounts(ledger.filter((r) => r.campaignId === c.campaignId)), c.claimDeadline, now);
    return {
      ...c,
      claimsClosed: closed,
      committedCents: f.committedCents,
      final: f.final,
      returnsToFinancerCents: f.returnsToFinancerCents,
      // Kept for the screens: the budget not paid out, final only with `final`.
      unusedCents: c.budgetCents - c.paid.amountCents,
      unusedIsFinal: f.final,
      notRedeemedCents: c.issued.amountCents - c.redeemed.amountCents,
    };
  });
}
