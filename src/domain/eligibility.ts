// Eligibility for a campaign (issue #3, item 3; docs/product.md "The life of a booklet", step 3).
// Pure: the use case gathers the facts, these rules list every check with its outcome, so the
// agent sees all the reasons at once. The rules that must hold once (one booklet per person,
// the commune quota) are re-checked by the database when the booklet is written.

import { PROFILE_LABELS, profileRank, type ProfileId } from './diagnostic.ts';

/**
 * How a campaign reads the diagnostic (issue #18, item 1), chosen per campaign:
 * - need_areas: eligible when an area linked to the person's needs is at or below the threshold
 *   (no need linked to an area: any area);
 * - any_area: eligible when any area is at or below the threshold (INSEE counts a gap in any domain);
 * - overall: the averaged profile at or below the threshold (v1's rule, and every v1 diagnostic).
 */
export const ELIGIBILITY_RULES = ['need_areas', 'any_area', 'overall'] as const;
export type EligibilityRuleKind = (typeof ELIGIBILITY_RULES)[number];
/** Each rule in plain French, as the admin chooses it on the campaign form. */
export const ELIGIBILITY_RULE_TEXT: Record<EligibilityRuleKind, { label: string; hint: string }> = {
  need_areas: {
    label: 'Selon ses besoins : un domaine utile à ce qu’elle veut faire est au niveau du seuil ou en dessous',
    hint: 'Conseillé. Par exemple, une personne à l’aise partout sauf pour les démarches en ligne, qui doit faire sa demande à la CAF, peut recevoir un carnet. Si ses besoins ne touchent aucun domaine, tous les domaines comptent.',
  },
  any_area: {
    label: 'Un domaine, quel qu’il soit, est au niveau du seuil ou en dessous',
    hint: 'Plus large : une difficulté dans un seul domaine suffit, même sans lien avec ses besoins.',
  },
  overall: {
    label: 'La moyenne de tous les domaines est au niveau du seuil ou en dessous (ancienne règle)',
    hint: 'Une personne à l’aise partout sauf dans un domaine peut être refusée. Cette règle s’applique toujours aux diagnostics faits avec l’ancien questionnaire.',
  },
};

/** The baseline diagnostic as the rule reads it: a level per area (v2) and the needs with their areas. */
export interface DiagnosticFacts {
  perArea: boolean;
  areas: { id: string; label: string; level: ProfileId | null }[];
  needs: { id: string; label: string; areas: string[] }[];
}
import type { DomainErrorCode } from './errors.ts';
import { frenchDate, parisDate } from './paris-time.ts';

export interface EligibilityFacts {
  /** Today in Europe/Paris, YYYY-MM-DD. */
  today: string;
  campaign: { name: string; status: 'draft' | 'open' | 'closed'; issuanceStart: string; issuanceEnd: string; diagnosticThreshold: string; eligibilityRule?: EligibilityRuleKind };
  /** The beneficiary's commune, and whether it belongs to the campaign's territory. */
  commune: { insee: string; name: string | null; inTerritory: boolean };
  /** The commune's quota row for the campaign (null: the commune has no allocation). */
  quota: { quota: number; issued: number } | null;
  /** Profile of the latest initial diagnostic, null when none was made. */
  profile: ProfileId | null;
  /** The same diagnostic's levels per area (v2); absent or not per area: the profile rule applies. */
  diagnostic?: DiagnosticFacts | null;
  override: { reason: string } | null;
  /** A live booklet already handed out to the same person (same normalised names and birth date). */
  /** `serial` is null when the booklet is another organisation's (the reader gets its name and date). */
  existingBooklet: { organisationName: string; issuedAt: string; serial: string | null; cancelled?: boolean } | null;
}

export type EligibilityRule = 'issuance_window' | 'territory' | 'one_booklet' | 'profile' | 'quota';

export interface EligibilityCheck {
  rule: EligibilityRule;
  ok: boolean;
  /** The refusal code when the check fails (the same codes as POST /api/booklets). */
  code: DomainErrorCode | null;
  message: string;
  details?: Record<string, unknown>;
}

export interface Eligibility {
  eligible: boolean;
  /** The failed checks, in the order of the rules: the first one is the main reason. */
  reasons: EligibilityCheck[];
  checks: EligibilityCheck[];
  /** True when the profile is above the threshold and only the agent's override lets it through. */
  overrideUsed: boolean;
}

export const OVERRIDE_REASON_MIN = 10;

const ok = (rule: EligibilityRule, message: string, details?: Record<string, unknown>): EligibilityCheck => ({ rule, ok: true, code: null, message, details });
const ko = (rule: EligibilityRule, code: DomainErrorCode, message: string, details?: Record<string, unknown>): EligibilityCheck => ({ rule, ok: false, code, message, details });

function windowCheck(f: EligibilityFacts): EligibilityCheck {
  const c = f.campaign;
  if (c.status !== 'open') {
    return ko('issuance_window', 'campaign_closed', `La campagne « ${c.name} » n’est pas ouverte : aucun carnet ne peut être remis.`, { status: c.status });
  }
  if (f.today < c.issuanceStart) {
    return ko('issuance_window', 'campaign_closed', `La remise des carnets de la campagne « ${c.name} » commence le ${frenchDate(c.issuanceStart)}.`, { issuanceStart: c.issuanceStart });
  }
  if (f.today > c.issuanceEnd) {
    return ko('issuance_window', 'campaign_closed', `La remise des carnets de la campagne « ${c.name} » est terminée depuis le ${frenchDate(c.issuanceEnd)}.`, { issuanceEnd: c.issuanceEnd });
  }
  return ok('issuance_window', `La campagne « ${c.name} » est ouverte jusqu’au ${frenchDate(c.issuanceEnd)}.`);
}

function territoryCheck(f: EligibilityFacts): EligibilityCheck {
  const name = f.commune.name ?? f.commune.insee;
  if (!f.commune.inTerritory) {
    return ko('territory', 'outside_territory', `La commune de résidence (${name}) ne fait pas partie du territoire de la campagne.`, { communeInsee: f.commune.insee });
  }
  return ok('territory', `Réside à ${name}, commune du territoire.`);
}

function duplicateCheck(f: EligibilityFacts): EligibilityCheck {
  const b = f.existingBooklet;
  if (b) {
    const on = frenchDate(parisDate(new Date(b.issuedAt)));
    const state = b.cancelled ? ', annulé depuis ; la campagne ne prévoit pas de remplacement' : '';
    return ko('one_booklet', 'duplicate_beneficiary', `Cette personne a déjà reçu un carnet pour cette campagne : remis par ${b.organisationName} le ${on}${b.serial ? ` (carnet ${b.serial}${state})` : state ? ` (${state.slice(2)})` : ''}.`, {
      organisationName: b.organisationName,
      issuedAt: b.issuedAt,
      issuedOn: parisDate(new Date(b.issuedAt)),
      serial: b.serial,
      cancelled: b.cancelled ?? false,
    });
  }
  return ok('one_booklet', 'Aucun carnet n’a encore été remis à cette personne pour cette campagne.');
}

const list = (items: string[]) => items.map((x) => `« ${x} »`).join(', ');

/** The areas rule (need_areas, any_area) over a v2 diagnostic; null when it does not apply. */
function areasCheck(f: EligibilityFacts, threshold: ProfileId, thresholdLabel: string): { check: EligibilityCheck; overrideUsed: boolean } | null {
  const rule = f.campaign.eligibilityRule ?? 'need_areas';
  const d = f.diagnostic;
  if (rule === 'overall' || !d?.perArea) return null;
  const rated = d.areas.filter((a): a is typeof a & { level: ProfileId } => a.level !== null);
  const linkedIds = new Set(rule === 'need_areas' ? d.needs.flatMap((n) => n.areas) : []);
  const considered = linkedIds.size ? rated.filter((a) => linkedIds.has(a.id)) : rated;
  const low = considered.filter((a) => profileRank(a.level) <= profileRank(threshold));
  const why = (a: { id: string; label: string; level: ProfileId }) => {
    const needs = d.needs.filter((n) => n.areas.includes(a.id)).map((n) => n.label);
    return `« ${a.label} » : ${PROFILE_LABELS[a.level]}${linkedIds.size && needs.length ? ` (besoin ${list(needs)})` : ''}`;
  };
  const details = { rule, threshold, areas: considered.map((a) => ({ areaId: a.id, level: a.level })) };
  if (low.length) {
    const scope = linkedIds.size ? 'Domaine lié à ses besoins' : 'Domaine';
    return { check: ok('profile', `${scope} au niveau « ${thresholdLabel} » ou en dessous — ${low.map(why).join(' ; ')}.`, { ...details, lowAreas: low.map((a) => a.id) }), overrideUsed: false };
  }
  const where = linkedIds.size ? 'dans les domaines liés à ses besoins' : 'dans tous les domaines';
  const levels = considered.length ? ` — ${considered.map(why).join(' ; ')}` : '';
  if (f.override && f.override.reason.trim().length >= OVERRIDE_REASON_MIN) {
    return { check: ok('profile', `Autonome ${where}${levels}. Remise autorisée par dérogation : ${f.override.reason.trim()}`, { ...details, override: true }), overrideUsed: true };
  }
  return { check: ko('profile', 'not_eligible', `La personne est autonome ${where}${levels}. La campagne est réservée aux niveaux jusqu’à « ${thresholdLabel} ». Une dérogation motivée est possible.`, details), overrideUsed: false };
}

function profileCheck(f: EligibilityFacts): { check: EligibilityCheck; overrideUsed: boolean } {
  const threshold = f.campaign.diagnosticThreshold as ProfileId;
  const thresholdLabel = PROFILE_LABELS[threshold] ?? threshold;
  if (!f.profile) {
    return { check: ko('profile', 'not_eligible', 'Le diagnostic n’a pas encore été fait : faites-le avant de remettre un carnet.', { missing: 'diagnostic' }), overrideUsed: false };
  }
  const byArea = areasCheck(f, threshold, thresholdLabel);
  if (byArea) return byArea;
  const label = PROFILE_LABELS[f.profile];
  if (profileRank(f.profile) <= profileRank(threshold)) {
    return { check: ok('profile', `Profil « ${label} » : dans les critères de la campagne (jusqu’à « ${thresholdLabel} »).`, { profile: f.profile }), overrideUsed: false };
  }
  if (f.override && f.override.reason.trim().length >= OVERRIDE_REASON_MIN) {
    return { check: ok('profile', `Profil « ${label} » au-delà du seuil « ${thresholdLabel} », remise autorisée par dérogation : ${f.override.reason.trim()}`, { profile: f.profile, override: true }), overrideUsed: true };
  }
  return {
    check: ko('profile', 'not_eligible', `Profil « ${label} » : la campagne est réservée aux profils jusqu’à « ${thresholdLabel} ». Une dérogation motivée est possible.`, { profile: f.profile, threshold }),
    overrideUsed: false,
  };
}

function quotaCheck(f: EligibilityFacts): EligibilityCheck {
  const name = f.commune.name ?? f.commune.insee;
  if (!f.quota || f.quota.issued >= f.quota.quota) {
    return ko('quota', 'quota_exhausted', `Le quota de carnets de ${name} est atteint (${f.quota?.issued ?? 0} sur ${f.quota?.quota ?? 0}).`, { quota: f.quota?.quota ?? 0, issued: f.quota?.issued ?? 0 });
  }
  const left = f.quota.quota - f.quota.issued;
  return ok('quota', `Il reste ${left} carnet${left > 1 ? 's' : ''} sur le quota de ${name}.`, { quota: f.quota.quota, issued: f.quota.issued });
}

/** Every rule, in order; eligible when none fails. */
export function assessEligibility(f: EligibilityFacts): Eligibility {
  const profile = profileCheck(f);
  const checks = [windowCheck(f), territoryCheck(f), duplicateCheck(f), profile.check, quotaCheck(f)];
  const reasons = checks.filter((c) => !c.ok);
  return { eligible: reasons.length === 0, reasons, checks, overrideUsed: profile.overrideUsed };
}
