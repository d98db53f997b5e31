import { LEGAL_CATEGORIES, legalCategoryLabel } from '../../../../../src/domain/payment-mode.ts';

/** The choices of the legal category (the mandats file's creditor needs it), keeping a code outside the list. */
export function legalCategoryChoices(current: string | null = null): { value: string; label: string }[] {
  const known = Object.entries(LEGAL_CATEGORIES).map(([code, label]) => ({ value: code, label: `${label} (${code})` }));
  const extra = current && !LEGAL_CATEGORIES[current] ? [{ value: current, label: legalCategoryLabel(current) }] : [];
  return [{ value: '', label: 'Pas encore connue' }, ...known, ...extra];
}

export const LEGAL_CATEGORY_HINT = 'Sur l’avis de situation SIRENE. Le comptable public en a besoin pour créer le créancier (fichier des mandats).';
