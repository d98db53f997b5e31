import { DomainError, invalid } from './errors.ts';
import { frenchDate, isValidDate } from './paris-time.ts';
import { SERVICES, type ServiceValue } from './mediation-enums.ts';
import { ELIGIBILITY_RULES, type EligibilityRuleKind } from './eligibility.ts';

export type CampaignStatus = 'draft' | 'open' | 'closed';

/** Autonomy profiles, from least to most autonomous (diagnostic result). */
export const DIAGNOSTIC_PROFILES = ['sans_autonomie', 'debutant', 'intermediaire', 'autonome'] as const;
export type DiagnosticProfile = (typeof DIAGNOSTIC_PROFILES)[number];

/** Everything an admin sets on a campaign (docs/product.md "The life of a booklet", step 1). */
export interface CampaignSettings {
  name: string;
  year: number;
  ticketsPerBooklet: number;
  faceValueCents: number;
  issuanceStart: string;
  issuanceEnd: string;
  /** Last day (inclusive, Europe/Paris) a ticket can be redeemed. */
  validityEnd: string;
  /** Last day a structure can submit a claim. */
  claimDeadline: string;
  budgetCents: number;
  eligibleServices: ServiceValue[];
  /** The profile at or below which a person is eligible. */
  diagnosticThreshold: DiagnosticProfile;
  /** How the threshold reads the diagnostic: areas linked to the needs (default), any area, or the averaged profile. */
  eligibilityRule?: EligibilityRuleKind;
  allowReplacement: boolean;
  /** Booklets every commune receives. */
  quotaFixed: number;
  /** Booklets shared among communes in proportion to their weight. */
  quotaWeightedTotal: number;
}

export const TICKETS_PER_BOOKLET_MAX = 50;

function checkDate(field: string, label: string, value: string): void {
  if (!isValidDate(value)) throw invalid(field, `${label} n’est pas une date valide (format AAAA-MM-JJ attendu).`);
}

function checkPositiveInt(field: string, label: string, value: number, opts: { min: number; max?: number }): void {
  if (!Number.isInteger(value) || value < opts.min || (opts.max !== undefined && value > opts.max)) {
    const range = opts.max !== undefined ? `entre ${opts.min} et ${opts.max}` : opts.min === 0 ? 'positif ou nul' : `supérieur ou égal à ${opts.min}`;
    throw invalid(field, `${label} doit être un nombre entier ${range}.`);
  }
}

/**
 * Checks a campaign's settings; refuses the first inconsistency with a French message naming the
 * field. Dates are compared as YYYY-MM-DD strings (lexicographic order = calendar order).
 */
export function validateCampaign(s: CampaignSettings): void {
  if (!s.name.trim()) throw invalid('name', 'Le nom de la campagne est obligatoire.');
  if (s.name.trim().length > 120) throw invalid('name', 'Le nom de la campagne ne doit pas dépasser 120 caractères.');
  checkPositiveInt('year', 'L’année (millésime)', s.year, { min: 2000, max: 2100 });
  checkPositiveInt('ticketsPerBooklet', 'Le nombre de tickets par carnet', s.ticketsPerBooklet, { min: 1, max: TICKETS_PER_BOOKLET_MAX });
  if (!Number.isInteger(s.faceValueCents) || s.faceValueCents <= 0) {
    throw invalid('faceValueCents', 'La valeur faciale d’un ticket doit être un montant positif (en centimes).');
  }
  if (!Number.isInteger(s.budgetCents) || s.budgetCents <= 0) {
    throw invalid('budgetCents', 'Le budget de la campagne doit être un montant positif (en centimes).');
  }
  checkDate('issuanceStart', 'La date de début de distribution', s.issuanceStart);
  checkDate('issuanceEnd', 'La date de fin de distribution', s.issuanceEnd);
  checkDate('validityEnd', 'La date de fin de validité des tickets', s.validityEnd);
  checkDate('claimDeadline', 'La date limite des demandes de remboursement', s.claimDeadline);
  if (s.issuanceEnd < s.issuanceStart) {
    throw invalid('issuanceEnd', `La fin de distribution (${frenchDate(s.issuanceEnd)}) ne peut pas précéder son début (${frenchDate(s.issuanceStart)}).`);
  }
  const startYear = Number(s.issuanceStart.slice(0, 4));
  const endYear = Number(s.issuanceEnd.slice(0, 4));
  if (s.year < startYear || s.year > endYear) {
    throw invalid('year', `Le millésime ${s.year} doit correspondre à la période de distribution (${frenchDate(s.issuanceStart)} – ${frenchDate(s.issuanceEnd)}).`);
  }
  if (s.validityEnd < s.issuanceEnd) {
    throw invalid('validityEnd', `La fin de validité des tickets (${frenchDate(s.validityEnd)}) ne peut pas précéder la fin de distribution (${frenchDate(s.issuanceEnd)}).`);
  }
  if (s.claimDeadline < s.validityEnd) {
    throw invalid('claimDeadline', `La date limite de remboursement (${frenchDate(s.claimDeadline)}) ne peut pas précéder la fin de validité des tickets (${frenchDate(s.validityEnd)}).`);
  }
  if (s.eligibleServices.length === 0) {
    throw invalid('eligibleServices', 'Choisissez au moins un service payable avec les tickets.');
  }
  const unknown = s.eligibleServices.find((v) => !(SERVICES as readonly string[]).includes(v));
  if (unknown) throw invalid('eligibleServices', `« ${unknown} » n’est pas un service du schéma national des lieux de médiation numérique.`);
  if (!DIAGNOSTIC_PROFILES.includes(s.diagnosticThreshold)) {
    throw invalid('diagnosticThreshold', 'Le seuil de diagnostic doit être : sans_autonomie, debutant, intermediaire ou autonome.');
  }
  if (s.eligibilityRule !== undefined && !ELIGIBILITY_RULES.includes(s.eligibilityRule)) {
    throw invalid('eligibilityRule', 'La règle d’éligibilité doit être : need_areas, any_area ou overall.');
  }
  checkPositiveInt('quotaFixed', 'La part fixe du quota par commune', s.quotaFixed, { min: 0, max: 1_000_000 });
  checkPositiveInt('quotaWeightedTotal', 'La part pondérée du quota', s.quotaWeightedTotal, { min: 0, max: 10_000_000 });
}

/** draft → open: the campaign starts accepting issuance. */
export function assertCanOpen(status: CampaignStatus): void {
  if (status !== 'draft') {
    throw new DomainError('invalid_transition', status === 'open' ? 'Cette campagne est déjà ouverte.' : 'Une campagne close ne peut pas être rouverte.', { status });
  }
}

/** open → closed: no more issuance; tickets stay valid until their validity end. */
export function assertCanClose(status: CampaignStatus): void {
  if (status !== 'open') {
    throw new DomainError('invalid_transition', status === 'closed' ? 'Cette campagne est déjà close.' : 'Seule une campagne ouverte peut être close.', { status });
  }
}

/** Settings change only while the campaign is a draft (booklets already carry its values). */
export function assertEditable(status: CampaignStatus): void {
  if (status !== 'draft') {
    throw new DomainError('campaign_not_draft', 'Seule une campagne en préparation (brouillon) peut être modifiée.', { status });
  }
}

/** The current year's campaign dates per the CALL rule: 1 Jan–31 Dec, valid until 31 Jan next year. */
export function yearlyCampaignDates(year: number): Pick<CampaignSettings, 'issuanceStart' | 'issuanceEnd' | 'validityEnd' | 'claimDeadline'> {
  return {
    issuanceStart: `${year}-01-01`,
    issuanceEnd: `${year}-12-31`,
    validityEnd: `${year + 1}-01-31`,
    claimDeadline: `${year + 1}-03-31`,
  };
}
