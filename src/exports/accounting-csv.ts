import { formatStatementNumber, periodLabel } from '../domain/claims.ts';
import type { PaymentOrderDoc } from '../repositories/read-models/payment-order-documents.ts';
import { csvAmount, csvDate, frenchCsv } from './french-csv.ts';

export const ACCOUNTING_HEADER = [
  'SIRET', 'Structure', 'IBAN', 'BIC', 'Titulaire du compte', 'Montant (EUR)', 'N° de bordereau', 'Campagne', 'Période',
  'Nombre de tickets', 'Date de l’ordre', 'Date d’exécution', 'Objet',
];

/** The rows the local authority's accounting software takes: one per structure and statement. */
export function renderAccountingCsv(order: PaymentOrderDoc): string {
  const rows = order.statements.map((s) => {
    const number = formatStatementNumber(s.year, s.number);
    return [
      s.structure.siret,
      s.structure.name,
      s.iban,
      s.bic ?? '',
      s.accountHolder,
      csvAmount(s.amountCents),
      number,
      s.campaigns.join(', '),
      s.periods.map(periodLabel).join(', '),
      s.lines.length,
      csvDate(order.createdAt),
      csvDate(order.executionDate),
      `Pass numérique - remboursement des tickets - bordereau ${number}`,
    ];
  });
  return frenchCsv(ACCOUNTING_HEADER, rows);
}
