// How a territory pays its structures (issue #17, point 5), and what a mandat needs.
//
// A communauté d'agglomération does not send transfers from a bank account of its own: its finance
// service issues mandats in its finance software, and its comptable public (DGFiP) pays them. Only
// an operator with its own account (an association or SPL running the programme) sends SEPA files.
import { formatStatementNumber } from './claims.ts';
import { invalid } from './errors.ts';

export const PAYMENT_MODES = ['mandat', 'sepa'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** The default for a local authority: it pays through its public accountant. */
export const DEFAULT_PAYMENT_MODE: PaymentMode = 'mandat';

export const PAYMENT_MODE_LABELS: Record<PaymentMode, string> = {
  mandat: 'Mandats via le comptable public',
  sepa: 'Virement SEPA par l’opérateur',
};

export function isPaymentMode(value: string): value is PaymentMode {
  return (PAYMENT_MODES as readonly string[]).includes(value);
}

// Budget imputation of a mandat: the nature is an expense account of class 6 of the M57 (or M14)
// nomenclature, e.g. 6574 "subventions de fonctionnement aux associations et autres personnes de
// droit privé"; the fonction is the functional code (1 to 4 digits) of the policy it serves.
export const IMPUTATION_NATURE = /^6\d{2,6}$/;
export const IMPUTATION_FONCTION = /^\d{1,4}$/;
export const NATURE_MESSAGE = 'Le compte de nature doit être un compte de charge de la classe 6 : 3 à 7 chiffres commençant par 6 (par exemple 6574).';
export const FONCTION_MESSAGE = 'La fonction doit comporter 1 à 4 chiffres (par exemple 312).';

export interface Imputation {
  budgetYear: number;
  nature: string;
  fonction: string;
}

/** Checks a campaign's imputation: class-6 nature, numeric fonction, a budget year from the campaign's year to five years later. */
export function validateImputation(i: Imputation, campaignYear: number): Imputation {
  const nature = i.nature.replace(/\s/g, '');
  const fonction = i.fonction.replace(/\s/g, '');
  if (!IMPUTATION_NATURE.test(nature)) throw invalid('nature', NATURE_MESSAGE);
  if (!IMPUTATION_FONCTION.test(fonction)) throw invalid('fonction', FONCTION_MESSAGE);
  if (!Number.isInteger(i.budgetYear) || i.budgetYear < campaignYear || i.budgetYear > campaignYear + 5) {
    throw invalid(
      'budgetYear',
      `L’exercice budgétaire doit être compris entre ${campaignYear} et ${campaignYear + 5} (l’année de la campagne ou l’une des cinq suivantes).`,
    );
  }
  return { budgetYear: i.budgetYear, nature, fonction };
}

// INSEE catégories juridiques (level III, 4 digits) of the structures a pass numérique pays.
// Every well-formed code is accepted; the common ones are named on screens and in the mandats file.
export const LEGAL_CATEGORIES: Record<string, string> = {
  '1000': 'Entrepreneur individuel',
  '5499': 'Société à responsabilité limitée',
  '5599': 'Société anonyme à conseil d’administration',
  '5710': 'Société par actions simplifiée',
  '5720': 'Société par actions simplifiée à associé unique',
  '7210': 'Commune et commune nouvelle',
  '7220': 'Département',
  '7343': 'Communauté urbaine',
  '7344': 'Métropole',
  '7346': 'Communauté de communes',
  '7348': 'Communauté d’agglomération',
  '7361': 'Centre communal d’action sociale',
  '7378': 'Régie d’une collectivité locale à caractère administratif',
  '9210': 'Association non déclarée',
  '9220': 'Association déclarée',
  '9230': 'Association déclarée, reconnue d’utilité publique',
  '9300': 'Fondation',
};

export const LEGAL_CATEGORY = /^[1-9]\d{3}$/;
export const LEGAL_CATEGORY_MESSAGE =
  'La catégorie juridique est le code INSEE à 4 chiffres de l’avis de situation SIRENE (par exemple 9220 pour une association déclarée).';

export function checkLegalCategory(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const code = value.trim();
  if (!LEGAL_CATEGORY.test(code)) throw invalid('legalCategory', LEGAL_CATEGORY_MESSAGE);
  return code;
}

export function legalCategoryLabel(code: string | null): string {
  if (!code) return '';
  return LEGAL_CATEGORIES[code] ?? `Catégorie juridique ${code}`;
}

/** The object of a mandat, the same words as the statement it pays. */
export function mandatObject(statement: { year: number; number: number }): string {
  return `Pass numérique – remboursement des tickets – bordereau n° ${formatStatementNumber(statement.year, statement.number)}`;
}
