import { formatEuros } from '../domain/money.ts';
import { frenchDate, parisDate } from '../domain/paris-time.ts';
import type { FinalReport } from '../usecases/reimbursement/final-report.ts';
import { footerPages, newPdf, pdfBuffer, pdfText, table } from './pdf-kit.ts';

/** The final campaign report (bilan final) as a PDF. */
export async function renderFinalReportPdf(r: FinalReport): Promise<Buffer> {
  const doc = await newPdf(`Bilan final — ${r.campaign.name}`, r.territoryName);
  const t = (text: string, opts?: PDFKit.Mixins.TextOptions) => doc.text(pdfText(text), opts);
  const h = (text: string) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11);
    t(text);
    doc.font('Helvetica').fontSize(10).moveDown(0.2);
  };
  doc.font('Helvetica-Bold').fontSize(15);
  t(`Bilan final de la campagne « ${r.campaign.name} »`);
  doc.font('Helvetica').fontSize(10);
  t(`Pass numérique — ${r.territoryName}`);
  t(`Demandes de remboursement closes le ${frenchDate(r.campaign.claimDeadline)} · bilan établi le ${frenchDate(parisDate(new Date(r.generatedAt)))}`);

  h('Synthèse');
  table(doc, [{ title: 'Indicateur', width: 300 }, { title: 'Nombre', width: 80, align: 'right' }, { title: 'Montant', width: 119, align: 'right' }], [
    ['Budget de la campagne', '', formatEuros(r.campaign.budgetCents)],
    ['Carnets créés', String(r.booklets.total), ''],
    ['Carnets remis aux bénéficiaires', String(r.booklets.handedOut), ''],
    ['Tickets remis', String(r.tickets.handedOut.count), formatEuros(r.tickets.handedOut.amountCents)],
    ['Tickets utilisés', String(r.tickets.redeemed.count), formatEuros(r.tickets.redeemed.amountCents)],
    ['Tickets payés', String(r.tickets.paid.count), formatEuros(r.tickets.paid.amountCents)],
    ['Tickets utilisés non payés', String(r.tickets.redeemedNotPaid.count), formatEuros(r.tickets.redeemedNotPaid.amountCents)],
    ['Tickets expirés (jamais utilisés)', String(r.tickets.expired.count), formatEuros(r.tickets.expired.amountCents)],
    ['Tickets annulés', String(r.tickets.cancelled.count), formatEuros(r.tickets.cancelled.amountCents)],
    ['Montant approuvé', '', formatEuros(r.approvedCents)],
    ['Montant payé aux structures', '', formatEuros(r.paidCents)],
    ['Valeur non utilisée revenant au financeur', '', formatEuros(r.unusedCents)],
  ]);

  h('Par structure');
  table(doc, [
    { title: 'Structure', width: 199 }, { title: 'Utilisé', width: 75, align: 'right' }, { title: 'Approuvé', width: 75, align: 'right' },
    { title: 'Payé', width: 75, align: 'right' }, { title: 'Rejeté', width: 75, align: 'right' },
  ], r.byStructure.map((s) => [s.structureName, formatEuros(s.redeemedCents), formatEuros(s.approvedCents), formatEuros(s.paidCents), formatEuros(s.rejectedCents)]));

  h('Par commune de remise du carnet');
  table(doc, [
    { title: 'Commune', width: 199 }, { title: 'Remis', width: 75, align: 'right' }, { title: 'Utilisé', width: 75, align: 'right' },
    { title: 'Payé', width: 75, align: 'right' }, { title: 'Expiré', width: 75, align: 'right' },
  ], r.byCommune.map((c) => [c.name, formatEuros(c.issuedCents), formatEuros(c.redeemedCents), formatEuros(c.paidCents), formatEuros(c.expiredCents)]));

  footerPages(doc, `Bilan final — ${r.campaign.name}`);
  return pdfBuffer(doc);
}
