// Pure shaping for the admin's screens: the campaign form (euros typed the French way ↔ cents),
// its fields named as the API names them, campaign states in words.
import type { CampaignDto } from '../../../src/contracts/campaigns.ts';
import { ELIGIBILITY_RULES, type EligibilityRuleKind } from '../../../src/domain/eligibility.ts';

/** "10", "10,50", "1 500,00 €" → cents; null if not an amount. */
export function parseEuros(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** 150000 → "1500,00" (for an input field). */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

export interface CampaignForm {
  name: string;
  year: string;
  ticketsPerBooklet: string;
  faceValue: string;
  issuanceStart: string;
  issuanceEnd: string;
  validityEnd: string;
  claimDeadline: string;
  budget: string;
  eligibleServices: string[];
  diagnosticThreshold: string;
  /** How the diagnostic decides (domain/eligibility.ts); '' until chosen. */
  eligibilityRule: EligibilityRuleKind | '';
  allowReplacement: boolean;
  quotaFixed: string;
  quotaWeightedTotal: string;
}

/** Field id of each API field (refusals name the API field in details.field). */
export const CAMPAIGN_FIELDS: Record<string, string> = {
  name: 'nom', year: 'millesime', ticketsPerBooklet: 'tickets-par-carnet', faceValueCents: 'valeur', issuanceStart: 'debut-distribution',
  issuanceEnd: 'fin-distribution', validityEnd: 'fin-validite', claimDeadline: 'limite-demandes', budgetCents: 'budget',
  eligibleServices: 'services-eligibles', diagnosticThreshold: 'seuil', eligibilityRule: 'regle-eligibilite', quotaFixed: 'quota-fixe', quotaWeightedTotal: 'quota-pondere',
};

export function emptyCampaignForm(year: number, services: string[]): CampaignForm {
  return {
    name: `Pass numérique ${year}`, year: String(year), ticketsPerBooklet: '5', faceValue: '10,00', issuanceStart: `${year}-01-01`, issuanceEnd: `${year}-12-31`,
    validityEnd: `${year + 1}-01-31`, claimDeadline: `${year + 1}-03-31`, budget: '', eligibleServices: services, diagnosticThreshold: 'intermediaire',
    eligibilityRule: 'need_areas', allowReplacement: true, quotaFixed: '10', quotaWeightedTotal: '0',
  };
}

export function campaignToForm(c: CampaignDto): CampaignForm {
  return {
    name: c.name, year: String(c.year), ticketsPerBooklet: String(c.ticketsPerBooklet), faceValue: centsToInput(c.faceValueCents), issuanceStart: c.issuanceStart,
    issuanceEnd: c.issuanceEnd, validityEnd: c.validityEnd, claimDeadline: c.claimDeadline, budget: centsToInput(c.budgetCents), eligibleServices: c.eligibleServices,
    diagnosticThreshold: c.diagnosticThreshold, eligibilityRule: c.eligibilityRule, allowReplacement: c.allowReplacement, quotaFixed: String(c.quotaFixed), quotaWeightedTotal: String(c.quotaWeightedTotal),
  };
}

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The API body, or the field errors (keyed by field id) found before sending. */
export function campaignBody(f: CampaignForm): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const F = CAMPAIGN_FIELDS;
  if (!f.name.trim()) errors[F.name] = 'Donnez un nom à la campagne.';
  const year = int(f.year);
  if (year === null || year < 2000 || year > 2100) errors[F.year] = 'Saisissez le millésime sur 4 chiffres, par exemple 2026.';
  const tickets = int(f.ticketsPerBooklet);
  if (tickets === null || tickets < 1 || tickets > 50) errors[F.ticketsPerBooklet] = 'Saisissez un nombre de tickets par carnet entre 1 et 50.';
  const face = parseEuros(f.faceValue);
  if (face === null || face <= 0) errors[F.faceValueCents] = 'Saisissez la valeur d’un ticket en euros, par exemple 10,00.';
  const budget = parseEuros(f.budget);
  if (budget === null) errors[F.budgetCents] = 'Saisissez le budget en euros, par exemple 150 000,00.';
  for (const k of ['issuanceStart', 'issuanceEnd', 'validityEnd', 'claimDeadline'] as const) if (!DATE.test(f[k])) errors[F[k]] = 'Saisissez une date.';
  if (f.eligibleServices.length === 0) errors[F.eligibleServices] = 'Cochez au moins un service payable avec les tickets.';
  if (!(ELIGIBILITY_RULES as readonly string[]).includes(f.eligibilityRule)) errors[F.eligibilityRule] = 'Choisissez comment le diagnostic décide qui peut recevoir un carnet.';
  const fixed = int(f.quotaFixed);
  if (fixed === null) errors[F.quotaFixed] = 'Saisissez un nombre entier de carnets (0 ou plus).';
  const weighted = int(f.quotaWeightedTotal);
  if (weighted === null) errors[F.quotaWeightedTotal] = 'Saisissez un nombre entier de carnets (0 ou plus).';
  return {
    errors,
    body: {
      name: f.name.trim(), year, ticketsPerBooklet: tickets, faceValueCents: face, issuanceStart: f.issuanceStart, issuanceEnd: f.issuanceEnd,
      validityEnd: f.validityEnd, claimDeadline: f.claimDeadline, budgetCents: budget, eligibleServices: f.eligibleServices,
      diagnosticThreshold: f.diagnosticThreshold, eligibilityRule: f.eligibilityRule, allowReplacement: f.allowReplacement, quotaFixed: fixed, quotaWeightedTotal: weighted,
    },
  };
}

export const CAMPAIGN_STATUS: Record<CampaignDto['status'], { tone: 'attention' | 'succes' | 'info'; text: string }> = {
  draft: { tone: 'attention', text: 'En préparation (brouillon)' },
  open: { tone: 'succes', text: 'Ouverte à la distribution' },
  closed: { tone: 'info', text: 'Close' },
};
