import { requireRole, type Actor } from '../../domain/actor.ts';
import { isBeforeClaimDeadline } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { frenchDate } from '../../domain/paris-time.ts';
import { renderFinalReportCsv } from '../../exports/final-report-csv.ts';
import { renderFinalReportPdf } from '../../exports/final-report-pdf.ts';
import { bookletCounts, territoryName, ticketsByStatus, valueByCommune } from '../../repositories/read-models/final-report.ts';
import { financerAmounts } from '../../domain/amounts.ts';
import { campaignMoney, structureLedger } from '../../repositories/read-models/ledger.ts';
import { campaignAmounts } from './ledger.ts';
import type { Deps } from '../support/deps.ts';

export type FinalReport = Awaited<ReturnType<typeof finalReportData>>;

/** The end-of-campaign figures, available once the campaign's claim deadline has passed. */
export async function finalReportData(deps: Deps, actor: Actor, campaignId: string) {
  requireRole(actor, 'admin', 'finance', 'auditor');
  const [money] = await campaignMoney(deps.db, { territoryId: actor.territoryId, campaignId });
  if (!money) throw new DomainError('not_found', 'Cette campagne est introuvable.');
  if (isBeforeClaimDeadline(deps.now(), money.claimDeadline)) {
    throw new DomainError(
      'campaign_not_finished',
      `Le bilan final de la campagne « ${money.campaignName} » sera disponible après la date limite des demandes de remboursement (${frenchDate(money.claimDeadline)}).`,
      { claimDeadline: money.claimDeadline },
    );
  }
  const [booklets, tickets, communes, ledger, territory] = await Promise.all([
    bookletCounts(deps.db, campaignId),
    ticketsByStatus(deps.db, campaignId),
    valueByCommune(deps.db, campaignId, actor.territoryId),
    structureLedger(deps.db, { territoryId: actor.territoryId, campaignId, now: deps.now() }),
    territoryName(deps.db, actor.territoryId),
  ]);
  // "Définitif" only when nothing can change: every redeemed ticket paid, rejected or lapsed.
  const amounts = campaignAmounts(ledger);
  const financer = financerAmounts({ budgetCents: money.budgetCents, issuedCents: money.issued.amountCents }, amounts, money.claimDeadline, deps.now());
  if (!financer.final) {
    throw new DomainError(
      'campaign_not_finished',
      `Le bilan final de la campagne « ${money.campaignName} » n’est pas encore définitif : ${amounts.stillPayable.count} ticket(s) restent demandés ou approuvés sans être payés. Il sera disponible quand chaque demande sera payée ou rejetée.`,
      { claimDeadline: money.claimDeadline, stillPayableCents: amounts.stillPayable.amountCents },
    );
  }
  const count = (...statuses: string[]) => {
    const rs = tickets.filter((t) => statuses.includes(t.status));
    return { count: rs.reduce((s, r) => s + r.count, 0), amountCents: rs.reduce((s, r) => s + r.amountCents, 0) };
  };
  return {
    territoryName: territory.name,
    generatedAt: deps.now().toISOString(),
    campaign: { id: money.campaignId, name: money.campaignName, year: money.year, claimDeadline: money.claimDeadline, budgetCents: money.budgetCents },
    booklets,
    tickets: {
      handedOut: money.issued,
      redeemed: count('redeemed', 'claimed', 'paid'),
      paid: count('paid'),
      // Never redeemed: expired, plus tickets still "issued" if the expiry job has not run yet.
      expired: count('expired', 'issued'),
      cancelled: count('cancelled'),
      blocked: count('blocked'),
      inStock: count('in_stock'),
      redeemedNotPaid: count('redeemed', 'claimed'),
    },
    approvedCents: money.approvedCents,
    paidCents: money.paid.amountCents,
    unusedCents: financer.returnsToFinancerCents ?? 0,
    committedCents: financer.committedCents,
    lapsedCents: amounts.lapsed.amountCents,
    byStructure: ledger.map((r) => ({
      structureName: r.structureName,
      redeemedCents: r.redeemedUnclaimed.amountCents + r.claimed.amountCents + r.approved.amountCents + r.paid.amountCents + r.rejected.amountCents + r.lapsed.amountCents,
      approvedCents: r.approved.amountCents + r.paid.amountCents,
      paidCents: r.paid.amountCents,
      rejectedCents: r.rejected.amountCents,
      paidTickets: r.paid.count,
    })),
    byCommune: communes,
  };
}

export async function finalReportPdf(deps: Deps, actor: Actor, campaignId: string) {
  const data = await finalReportData(deps, actor, campaignId);
  return { filename: `bilan-final-${data.campaign.year}.pdf`, body: await renderFinalReportPdf(data) };
}

export async function finalReportCsv(deps: Deps, actor: Actor, campaignId: string) {
  const data = await finalReportData(deps, actor, campaignId);
  return { filename: `bilan-final-${data.campaign.year}.csv`, body: renderFinalReportCsv(data) };
}
