import { formatIban, maskIbanForReading } from '../domain/bank.ts';
import { formatStatementNumber, periodLabel } from '../domain/claims.ts';
import { formatEuros } from '../domain/money.ts';
import { frenchDate, parisDate } from '../domain/paris-time.ts';
import { themeLabel } from '../domain/themes.ts';
import type { PaymentOrderDoc, StatementDoc } from '../repositories/read-models/payment-order-documents.ts';
import { footerPages, newPdf, pdfBuffer, pdfText, table } from './pdf-kit.ts';

const FORMATS: Record<string, string> = { individuel: 'Individuel', collectif: 'Atelier collectif' };

function themes(raw: string): string {
  try {
    const v = JSON.parse(raw) as unknown;
    return (Array.isArray(v) ? v.map(String) : [String(v)]).map(themeLabel).join(', ');
  } catch {
    return raw.split('|').map(themeLabel).join(', ');
  }
}

/** The statement (bordereau) of one structure in a payment order: lines, totals, bank details, number, dates. */
export async function renderStatementPdf(order: PaymentOrderDoc, s: StatementDoc, opts: { fullIban: boolean; checkpoint: string }): Promise<Buffer> {
  const number = formatStatementNumber(s.year, s.number);
  const doc = await newPdf(`Bordereau ${number}`, order.territory.name);
  const t = (text: string, opts?: PDFKit.Mixins.TextOptions) => doc.text(pdfText(text), opts);

  doc.font('Helvetica-Bold').fontSize(15);
  t(`Bordereau de remboursement n° ${number}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.2);
  t(`Pass numérique — ${order.territory.name}`);
  t(`Date du bordereau : ${frenchDate(parisDate(new Date(s.createdAt)))} · Date d’exécution demandée : ${frenchDate(order.executionDate)}`);
  t(`Campagne(s) : ${s.campaigns.join(', ')} · Période(s) : ${s.periods.map(periodLabel).join(', ')}`);
  doc.moveDown(0.8);

  doc.font('Helvetica-Bold').fontSize(11);
  t('Structure bénéficiaire');
  doc.font('Helvetica').fontSize(10);
  t(s.structure.name);
  t(`SIRET : ${s.structure.siret}`);
  if (s.structure.address) t(`${s.structure.address}, ${s.structure.postalCode ?? ''} ${s.structure.communeName ?? ''}`.trim());
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(11);
  t('Coordonnées bancaires (vérifiées)');
  doc.font('Helvetica').fontSize(10);
  t(`Titulaire : ${s.accountHolder}`);
  t(`IBAN : ${opts.fullIban ? formatIban(s.iban) : maskIbanForReading(s.iban)}${s.bic ? ` · BIC : ${s.bic}` : ''}`);
  doc.moveDown(0.8);

  doc.font('Helvetica-Bold').fontSize(11);
  t(`Tickets remboursés (${s.lines.length})`);
  doc.moveDown(0.3);
  table(
    doc,
    [
      { title: 'Ticket', width: 110 },
      { title: 'Utilisé le', width: 62 },
      { title: 'Service délivré', width: 160 },
      { title: 'Lieu', width: 102 },
      { title: 'Montant', width: 65, align: 'right' },
    ],
    s.lines.map((l) => [
      l.ticketSerial,
      frenchDate(parisDate(new Date(l.redeemedAt))),
      `${FORMATS[l.format] ?? l.format}, ${l.durationMinutes} min — ${themes(l.themes)}`,
      l.siteName,
      formatEuros(l.amountCents),
    ]),
  );
  doc.font('Helvetica-Bold').fontSize(12);
  t(`Total à payer : ${formatEuros(s.amountCents)}`, { align: 'right' });
  doc.font('Helvetica').fontSize(9);
  t(`${s.lines.length} ticket(s) à ${s.lines.length ? formatEuros(Math.round(s.amountCents / s.lines.length)) : '0 €'} en moyenne`, { align: 'right' });

  if (s.rejected.length) {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(11);
    t(`Lignes rejetées, non payées (${s.rejected.length})`);
    doc.moveDown(0.3);
    table(
      doc,
      [
        { title: 'Ticket', width: 110 },
        { title: 'Période', width: 80 },
        { title: 'Motif du rejet', width: 244 },
        { title: 'Montant', width: 65, align: 'right' },
      ],
      s.rejected.map((r) => [r.ticketSerial, periodLabel(r.period), r.reason ?? '', formatEuros(r.amountCents)]),
    );
  }

  doc.moveDown(0.8);
  doc.font('Helvetica').fontSize(10);
  if (s.paidAt && s.paymentDate) {
    t(`Payé le ${frenchDate(s.paymentDate)} — référence du paiement : ${s.paymentReference ?? ''}`);
  } else {
    t('Statut : en attente de paiement.');
  }
  // A signed copy of the audit chain's head, outside the system (issue 17, point 7).
  doc.moveDown(0.8);
  doc.font('Helvetica').fontSize(8);
  t(opts.checkpoint);
  footerPages(doc, `Bordereau ${number} — ${s.structure.name}`);
  return pdfBuffer(doc);
}
