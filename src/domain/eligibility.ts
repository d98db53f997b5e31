// Eligibility for a campaign (issue #3, item 3; docs/product.md "The life of a booklet", step 3).
// Pure: the use case gathers the facts, these rules list every check with its outcome, so the
// agent sees all the reasons at once. The rules that must hold once (one booklet per person,
// the commune quota) are re-checked by the database when the booklet is written.

import { PROFILE_LABELS, profileRank, type ProfileId } from './diagnostic.ts';
import type { DomainErrorCode } from './errors.ts';
import { frenchDate, parisDate } from './paris-time.ts';

export interface EligibilityFacts {
  /** Today in Europe/Paris, YYYY-MM-DD. */
  today: string;
  campaign: { name: string; status: 'draft' | 'open' | 'closed'; issuanceStart: string; issuanceEnd: string; diagnosticThreshold: string };
  /** The beneficiary's commune, and whether it belongs to the campaign's territory. */
  commune: { insee: string; name: string | null; inTerritory: boolean };
  /** The commune's quota row for the campaign (null: the commune has no allocation). */
  quota: { quota: number; issued: number } | null;
  /** Profile of the latest initial diagnostic, null when none was made. */
  profile: ProfileId | null;
  override: { reason: string } | null;
  /** A live booklet already handed out to the same person (same normalised names and birth date). */
  existingBooklet: { organisationName: string; issuedAt: string; serial: string; cancelled?: boolean } | null;
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
    return ko('one_booklet', 'duplicate_beneficiary', `Cette personne a déjà reçu un carnet pour cette campagne : remis par ${b.organisationName} le ${on} (carnet ${b.serial}${state}).`, {
      organisationName: b.organisationName,
      issuedAt: b.issuedAt,
      issuedOn: parisDate(new Date(b.issuedAt)),
      serial: b.serial,
      cancelled: b.cancelled ?? false,
    });
  }
  return ok('one_booklet', 'Aucun carnet n’a encore été remis à cette personne pour cette campagne.');
}

function profileCheck(f: EligibilityFacts): { check: EligibilityCheck; overrideUsed: boolean } {
  const threshold = f.campaign.diagnosticThreshold as ProfileId;
  const thresholdLabel = PROFILE_LABELS[threshold] ?? threshold;
  if (!f.profile) {
    return { check: ko('profile', 'not_eligible', 'Le diagnostic n’a pas encore été fait : faites-le avant de remettre un carnet.', { missing: 'diagnostic' }), overrideUsed: false };
  }
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
