import type { Actor } from '../../domain/actor.ts';
import { touchBeneficiary } from '../../repositories/beneficiaries.ts';
import { takeQuotaPlace } from '../../repositories/issuance.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { loadOwnBeneficiary } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { checkEligibility } from '../support/eligibility-facts.ts';
import { checkOverride, duplicateRefusal, isDuplicateBooklet, loadCampaign, quotaRefusal, refuseUnlessEligible } from '../support/issuance-guards.ts';
import { mintBooklets } from '../support/mint-booklets.ts';
import { withStats } from '../../repositories/stats.ts';

export interface IssueBookletInput {
  beneficiaryId: string;
  campaignId: string;
  override?: { reason: string } | null;
}

/**
 * Print on demand (issue #3, item 5): checks eligibility, then in one transaction takes a place of
 * the commune's quota (conditional UPDATE), mints the booklet (the live-booklet unique index
 * refuses a second one for the same person) and audits. The codes leave in clear only here.
 */
export async function issueBooklet(deps: Deps, actor: Actor, input: IssueBookletInput) {
  const beneficiary = await loadOwnBeneficiary(deps.db, actor, input.beneficiaryId);
  const override = checkOverride(input.override);
  const campaign = await loadCampaign(deps.db, actor, input.campaignId);
  const now = deps.now();
  const eligibility = await checkEligibility(deps.db, { campaign, beneficiary, override, now, viewerOrganisationId: actor.organisationId });
  refuseUnlessEligible(eligibility);
  const overrideReason = eligibility.overrideUsed ? override!.reason : null;
  try {
    const minted = await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { beneficiaryIds: [beneficiary.id] }, async () => {
      if (!(await takeQuotaPlace(trx, campaign.id, beneficiary.commune_insee))) throw quotaRefusal(eligibility.communeName, beneficiary.commune_insee);
      const [booklet] = await mintBooklets(deps, trx, {
        campaign,
        communeInsee: beneficiary.commune_insee,
        count: 1,
        issue: { beneficiaryId: beneficiary.id, personKey: beneficiary.person_key, organisationId: beneficiary.organisation_id, issuedBy: actor.id, overrideReason },
      });
      await touchBeneficiary(trx, beneficiary.id, now.toISOString());
      await audit(trx, actor, now, 'booklet.issued', { type: 'booklet', id: booklet.id }, {
        serial: booklet.serial,
        campaignId: campaign.id,
        beneficiaryId: beneficiary.id,
        communeInsee: beneficiary.commune_insee,
        tickets: booklet.tickets.length,
        ...(overrideReason ? { override: overrideReason } : {}),
      });
      return booklet;
    }));
    return {
      booklet: {
        id: minted.id,
        serial: minted.serial,
        validUntil: campaign.validity_end,
        faceValueCents: campaign.face_value_cents,
        tickets: minted.tickets.map((t) => ({ serial: t.serial, code: t.code })),
      },
    };
  } catch (error) {
    if (isDuplicateBooklet(error)) throw await duplicateRefusal(deps.db, campaign.id, beneficiary.person_key);
    throw error;
  }
}
