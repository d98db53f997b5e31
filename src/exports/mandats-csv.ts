import { formatStatementNumber } from '../domain/claims.ts';
import { legalCategoryLabel, mandatObject } from '../domain/payment-mode.ts';
import type { PaymentOrderDoc } from '../repositories/read-models/payment-order-documents.ts';
import { csvAmount, csvDate, frenchCsv } from './french-csv.ts';

// What the finance service types (or imports) into its finance software to create one mandat per
// creditor, which its comptable public then pays: docs/money.md §5 lists the columns. A statement
// that pays tickets of two campaigns gives one row per campaign, each charged to its own budget
// year and imputation; the statement PDF is the supporting document of every row it gives.
export const MANDATS_HEADER = [
  'N° de bordereau (pièce justificative)', 'SIRET du créancier', 'Créancier', 'Adresse', 'Code postal', 'Commune',
  'Catégorie juridique (code INSEE)', 'Catégorie juridique', 'Montant (EUR)', 'Objet', 'Exercice budgétaire', 'Nature', 'Fonction',
  'Campagne', 'Nombre de tickets', 'Pièce justificative (fichier)', 'IBAN', 'BIC', 'Titulaire du compte', 'Date de l’ordre',
];

/** The statement PDF's file name, as the API serves it and as the mandats file cites it. */
export function statementFilename(s: { year: number; number: number }): string {
  return `bordereau-${formatStatementNumber(s.year, s.number)}.pdf`;
}

/** One row per statement and campaign; every campaign of the order must carry its imputation (checked by the caller). */
export function renderMandatsCsv(order: PaymentOrderDoc): string {
  const rows = order.statements.flatMap((s) =>
    order.campaigns
      .map((k) => ({ k, lines: s.lines.filter((l) => l.campaignId === k.id) }))
      .filter(({ lines }) => lines.length > 0)
      .map(({ k, lines }) => [
        formatStatementNumber(s.year, s.number),
        s.structure.siret,
        s.structure.name,
        s.structure.address ?? '',
        s.structure.postalCode ?? '',
        s.structure.communeName ?? '',
        s.structure.legalCategory ?? '',
        legalCategoryLabel(s.structure.legalCategory),
        csvAmount(lines.reduce((sum, l) => sum + l.amountCents, 0)),
        mandatObject(s),
        k.budgetYear === null ? '' : String(k.budgetYear),
        k.nature ?? '',
        k.fonction ?? '',
        k.name,
        lines.length,
        statementFilename(s),
        s.iban,
        s.bic ?? '',
        s.accountHolder,
        csvDate(order.createdAt),
      ]),
  );
  return frenchCsv(MANDATS_HEADER, rows);
}
