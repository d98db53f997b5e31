import type { FinalReport } from '../usecases/reimbursement/final-report.ts';
import { csvAmount, csvDate, frenchCsv, type CsvCell } from './french-csv.ts';

/** The final campaign report as one flat table: section; label; count; amount. */
export function renderFinalReportCsv(r: FinalReport): string {
  const rows: CsvCell[][] = [
    ['Campagne', r.campaign.name, '', ''],
    ['Campagne', 'Date limite des demandes de remboursement', csvDate(r.campaign.claimDeadline), ''],
    ['Campagne', 'Budget', '', csvAmount(r.campaign.budgetCents)],
    ['Carnets', 'Carnets créés', r.booklets.total, ''],
    ['Carnets', 'Carnets remis aux bénéficiaires', r.booklets.handedOut, ''],
    ['Carnets', 'Carnets restés en stock', r.booklets.inStock, ''],
    ['Tickets', 'Tickets remis', r.tickets.handedOut.count, csvAmount(r.tickets.handedOut.amountCents)],
    ['Tickets', 'Tickets utilisés', r.tickets.redeemed.count, csvAmount(r.tickets.redeemed.amountCents)],
    ['Tickets', 'Tickets payés', r.tickets.paid.count, csvAmount(r.tickets.paid.amountCents)],
    ['Tickets', 'Tickets utilisés non payés', r.tickets.redeemedNotPaid.count, csvAmount(r.tickets.redeemedNotPaid.amountCents)],
    ['Tickets', 'Tickets expirés (non utilisés)', r.tickets.expired.count, csvAmount(r.tickets.expired.amountCents)],
    ['Tickets', 'Tickets annulés', r.tickets.cancelled.count, csvAmount(r.tickets.cancelled.amountCents)],
    ['Tickets', 'Tickets bloqués', r.tickets.blocked.count, csvAmount(r.tickets.blocked.amountCents)],
    ['Montants', 'Montant approuvé', '', csvAmount(r.approvedCents)],
    ['Montants', 'Montant payé', '', csvAmount(r.paidCents)],
    ['Montants', 'Valeur non utilisée revenant au financeur (budget - payé)', '', csvAmount(r.unusedCents)],
    ...r.byStructure.map((s) => ['Structure (payé)', s.structureName, s.paidTickets, csvAmount(s.paidCents)]),
    ...r.byStructure.map((s) => ['Structure (utilisé)', s.structureName, '', csvAmount(s.redeemedCents)]),
    ...r.byStructure.map((s) => ['Structure (rejeté)', s.structureName, '', csvAmount(s.rejectedCents)]),
    ...r.byCommune.map((c) => ['Commune (remis)', `${c.name} (${c.inseeCode})`, c.tickets, csvAmount(c.issuedCents)]),
    ...r.byCommune.map((c) => ['Commune (utilisé)', `${c.name} (${c.inseeCode})`, '', csvAmount(c.redeemedCents)]),
    ...r.byCommune.map((c) => ['Commune (payé)', `${c.name} (${c.inseeCode})`, '', csvAmount(c.paidCents)]),
  ];
  return frenchCsv(['Rubrique', 'Libellé', 'Nombre', 'Montant (EUR)'], rows);
}
