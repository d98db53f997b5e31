import type { BeneficiaryTable, CampaignTable } from '../../db/schema.ts';
import { isProfileId } from '../../domain/diagnostic.ts';
import { assessEligibility, type Eligibility, type EligibilityRuleKind } from '../../domain/eligibility.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { latestDiagnostic } from '../../repositories/diagnostics.ts';
import { findCommuneQuota, findPersonBooklet, findTerritoryCommune } from '../../repositories/issuance.ts';
import type { Executor } from '../../repositories/tx.ts';
import { diagnosticFacts } from './diagnostic-model.ts';

export interface EligibilityInput {
  campaign: CampaignTable;
  beneficiary: Pick<BeneficiaryTable, 'id' | 'commune_insee' | 'person_key'>;
  override?: { reason: string } | null;
  now: Date;
  /** Who reads the result: another organisation's booklet is named by organisation and date, not serial. */
  viewerOrganisationId: string | null;
}

/**
 * Gathers the facts the eligibility rules need and applies them. When the campaign does not allow
 * replacement, a cancelled booklet also counts as "already received" (a lost booklet is not
 * re-issued in full); the database itself guarantees one live booklet per person and campaign.
 */
export async function checkEligibility(db: Executor, input: EligibilityInput): Promise<Eligibility & { communeName: string | null }> {
  const { campaign, beneficiary } = input;
  const [commune, quota, diagnostic, existing] = await Promise.all([
    findTerritoryCommune(db, campaign.territory_id, beneficiary.commune_insee),
    findCommuneQuota(db, campaign.id, beneficiary.commune_insee),
    latestDiagnostic(db, beneficiary.id, 'initial'),
    findPersonBooklet(db, campaign.id, beneficiary.person_key, campaign.allow_replacement ? ['issued'] : ['issued', 'cancelled']),
  ]);
  const result = assessEligibility({
    today: parisDate(input.now),
    campaign: {
      name: campaign.name,
      status: campaign.status,
      issuanceStart: campaign.issuance_start,
      issuanceEnd: campaign.issuance_end,
      diagnosticThreshold: campaign.diagnostic_threshold,
      eligibilityRule: (campaign.eligibility_rule ?? 'need_areas') as EligibilityRuleKind,
    },
    commune: { insee: beneficiary.commune_insee, name: commune?.name ?? null, inTerritory: !!commune },
    quota: quota ?? null,
    profile: diagnostic && isProfileId(diagnostic.profile) ? diagnostic.profile : null,
    diagnostic: diagnostic ? await diagnosticFacts(db, diagnostic) : null,
    override: input.override ?? null,
    existingBooklet: existing
      ? { organisationName: existing.organisation_name ?? 'une autre organisation', issuedAt: existing.issued_at ?? '', serial: existing.organisation_id === input.viewerOrganisationId ? existing.serial : null, cancelled: existing.status === 'cancelled' }
      : null,
  });
  return { ...result, communeName: commune?.name ?? null };
}
