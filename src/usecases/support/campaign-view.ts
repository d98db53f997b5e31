import type { CampaignTable } from '../../db/schema.ts';
import type { CampaignSettings, DiagnosticProfile } from '../../domain/campaign.ts';
import type { ServiceValue } from '../../domain/mediation-enums.ts';
import type { EligibilityRuleKind } from '../../domain/eligibility.ts';

/** eligible_services is stored as a JSON array of service names from the national schema. */
export function parseServices(stored: string): string[] {
  try {
    const v = JSON.parse(stored) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return stored.split('|').filter(Boolean);
  }
}

export function campaignView(c: CampaignTable) {
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    status: c.status,
    ticketsPerBooklet: c.tickets_per_booklet,
    faceValueCents: c.face_value_cents,
    issuanceStart: c.issuance_start,
    issuanceEnd: c.issuance_end,
    validityEnd: c.validity_end,
    claimDeadline: c.claim_deadline,
    budgetCents: Number(c.budget_cents),
    eligibleServices: parseServices(c.eligible_services),
    diagnosticThreshold: c.diagnostic_threshold as DiagnosticProfile,
    eligibilityRule: (c.eligibility_rule ?? 'need_areas') as EligibilityRuleKind,
    allowReplacement: c.allow_replacement === 1,
    quotaFixed: c.quota_fixed,
    quotaWeightedTotal: c.quota_weighted_total,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    /** Budget year and imputation of its mandats (null until the finance service sets them). */
    imputation:
      c.budget_year != null && c.imputation_nature && c.imputation_fonction
        ? { budgetYear: c.budget_year, nature: c.imputation_nature, fonction: c.imputation_fonction }
        : null,
  };
}

export function settingsOf(c: CampaignTable): CampaignSettings {
  const v = campaignView(c);
  return { ...v, eligibleServices: v.eligibleServices as ServiceValue[] };
}

export function settingsColumns(s: CampaignSettings) {
  return {
    name: s.name.trim(),
    year: s.year,
    tickets_per_booklet: s.ticketsPerBooklet,
    face_value_cents: s.faceValueCents,
    issuance_start: s.issuanceStart,
    issuance_end: s.issuanceEnd,
    validity_end: s.validityEnd,
    claim_deadline: s.claimDeadline,
    budget_cents: s.budgetCents,
    eligible_services: JSON.stringify(s.eligibleServices),
    diagnostic_threshold: s.diagnosticThreshold,
    eligibility_rule: s.eligibilityRule ?? 'need_areas',
    allow_replacement: s.allowReplacement ? 1 : 0,
    quota_fixed: s.quotaFixed,
    quota_weighted_total: s.quotaWeightedTotal,
  };
}
