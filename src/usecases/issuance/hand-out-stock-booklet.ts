import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { normaliseBookletSerial } from '../../domain/serials.ts';
import { touchBeneficiary } from '../../repositories/beneficiaries.ts';
import { activateStockBooklet, findBookletBySerial, getOrganisationName, listBookletTickets, moveBookletTickets, takeQuotaPlace } from '../../repositories/issuance.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { loadOwnBeneficiary } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { checkEligibility } from '../support/eligibility-facts.ts';
import { checkOverride, duplicateRefusal, isDuplicateBooklet, loadCampaign, quotaRefusal, refuseUnlessEligible } from '../support/issuance-guards.ts';
import { withStats } from '../../repositories/stats.ts';

export interface ActivateStockInput {
  serial: string;
  beneficiaryId: string;
  override?: { reason: string } | null;
}

const unknownStock = (serial: string) =>
  new DomainError('not_found', `Aucun carnet en stock de votre commune ne porte le numéro ${serial}.`, { field: 'serial' });

/**
 * Hands out a pre-printed booklet (issue #3, item 6): the agent scans or types its serial. Same
 * rules as print on demand (eligibility, quota of the person's commune, one live booklet per
 * person); the booklet and its tickets go from in_stock to issued in one transaction.
 */
export async function handOutStockBooklet(deps: Deps, actor: Actor, input: ActivateStockInput) {
  const beneficiary = await loadOwnBeneficiary(deps.db, actor, input.beneficiaryId);
  const override = checkOverride(input.override);
  const serial = normaliseBookletSerial(input.serial);
  if (!serial) throw invalid('serial', 'Le numéro de carnet n’est pas lisible : il a la forme 2026-62498-000012.');
  const organisation = await getOrganisationName(deps.db, beneficiary.organisation_id);
  const booklet = await findBookletBySerial(deps.db, serial);
  // Stock belongs to a commune: only that commune's organisations hand it out.
  if (!booklet || !booklet.print_batch_id || booklet.commune_insee !== organisation?.commune_insee) throw unknownStock(serial);
  const campaign = await loadCampaign(deps.db, actor, booklet.campaign_id).catch(() => {
    throw unknownStock(serial);
  });
  if (booklet.status !== 'in_stock') {
    throw new DomainError('conflict', `Le carnet ${serial} a déjà été remis${booklet.status === 'issued' ? '' : ' puis annulé'} : prenez-en un autre dans le stock.`, { field: 'serial', status: booklet.status });
  }
  const now = deps.now();
  const eligibility = await checkEligibility(deps.db, { campaign, beneficiary, override, now, viewerOrganisationId: actor.organisationId });
  refuseUnlessEligible(eligibility);
  const overrideReason = eligibility.overrideUsed ? override!.reason : null;
  const at = now.toISOString();
  try {
    await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { beneficiaryIds: [beneficiary.id] }, async () => {
      if (!(await takeQuotaPlace(trx, campaign.id, beneficiary.commune_insee))) throw quotaRefusal(eligibility.communeName, beneficiary.commune_insee);
      const activated = await activateStockBooklet(trx, {
        bookletId: booklet.id, beneficiaryId: beneficiary.id, personKey: beneficiary.person_key, organisationId: beneficiary.organisation_id,
        issuedBy: actor.id, issuedAt: at, overrideReason,
      });
      if (!activated) throw new DomainError('conflict', `Le carnet ${serial} vient d’être remis par ailleurs : prenez-en un autre dans le stock.`, { field: 'serial' });
      const tickets = await moveBookletTickets(trx, booklet.id, 'in_stock', 'issued', at);
      await touchBeneficiary(trx, beneficiary.id, at);
      await audit(trx, actor, now, 'booklet.activated', { type: 'booklet', id: booklet.id }, {
        serial, campaignId: campaign.id, beneficiaryId: beneficiary.id, communeInsee: beneficiary.commune_insee, tickets,
        ...(overrideReason ? { override: overrideReason } : {}),
      });
    }));
  } catch (error) {
    if (isDuplicateBooklet(error)) throw await duplicateRefusal(deps.db, campaign.id, beneficiary.person_key);
    throw error;
  }
  const tickets = await listBookletTickets(deps.db, [booklet.id]);
  return {
    booklet: {
      id: booklet.id,
      serial,
      validUntil: campaign.validity_end,
      faceValueCents: campaign.face_value_cents,
      tickets: tickets.map((t) => ({ serial: t.serial, status: t.status })),
    },
  };
}
