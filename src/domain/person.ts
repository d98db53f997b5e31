// Beneficiary identity rules (issue #3, items 1 and 3): duplicate detection on normalised names
// and birth date, search tolerant of accents, case, hyphens and apostrophes.
//
// The person key is built from the FIRST NAME, the BIRTH NAME and the BIRTH DATE. The usage name
// (nom d'usage, e.g. a spouse's name) does not take part: it changes over a life and a person may
// give it at one desk and not at another, whereas the birth name is the one on every identity
// document. Using it would let the same person get two booklets by giving a different usage name
// (see docs/adr/0003-issuance.md).

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/** Lower case, no accents or ligatures; hyphens, apostrophes and punctuation become spaces. */
export function foldText(input: string): string {
  return input
    .replace(/[œŒæÆß]/g, (ch) => LIGATURES[ch])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A name reduced to its letters: "Jean-Pierre", "jean pierre" and "JEAN PIERRE" are one. */
export function nameKey(name: string): string {
  return foldText(name).replace(/ /g, '');
}

export function personKey(p: { firstName: string; birthName: string; birthDate: string }): string {
  return `${nameKey(p.firstName)}|${nameKey(p.birthName)}|${p.birthDate}`;
}

/** The text searched by the beneficiary search: every name, folded, joined names too. */
export function searchText(p: { firstName: string; birthName: string; usageName?: string | null }): string {
  const parts = [p.firstName, p.birthName, p.usageName ?? ''].map(foldText).filter(Boolean);
  const joined = parts.map((s) => s.replace(/ /g, ''));
  return ` ${[...new Set([...parts, ...joined])].join(' ')} `;
}

/** Search words: folded, each must be found in the search text. */
export function searchTerms(q: string): string[] {
  return foldText(q).split(' ').filter((w) => w.length > 0).slice(0, 6);
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const MIN_AGE = 12;
export const MAX_AGE = 120;

export const PRIORITY_MARKERS = [
  { id: 'demandeur_emploi', label: 'Demandeur ou demandeuse d’emploi' },
  { id: 'sans_diplome', label: 'Sans diplôme' },
  { id: 'senior', label: 'Personne de 60 ans ou plus' },
  { id: 'qpv', label: 'Habite un quartier prioritaire (QPV)' },
  { id: 'rsa', label: 'Allocataire du RSA' },
  { id: 'jeune_sans_emploi', label: 'Jeune de 16 à 25 ans sans emploi ni formation' },
  { id: 'parent_isole', label: 'Parent seul avec enfant(s)' },
] as const;
export type PriorityMarker = (typeof PRIORITY_MARKERS)[number]['id'];
export const PRIORITY_MARKER_IDS = PRIORITY_MARKERS.map((m) => m.id) as [PriorityMarker, ...PriorityMarker[]];

/**
 * « de » before a first name, elided before a vowel or a mute h as French writes it: « Carnet
 * d’Hélène », « Carnet d’Yves », « Carnet de Zoé ». (An aspirated h, rare in first names, is not told apart.)
 */
export function deBeforeName(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(name.trim()) ? `d’${name.trim()}` : `de ${name.trim()}`;
}
