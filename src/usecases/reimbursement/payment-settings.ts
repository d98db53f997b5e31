import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { PAYMENT_MODE_LABELS, PAYMENT_MODES, DEFAULT_PAYMENT_MODE, validateImputation, type Imputation, type PaymentMode } from '../../domain/payment-mode.ts';
import { getCampaign, setCampaignImputation } from '../../repositories/campaigns.ts';
import { getTerritory, setTerritoryPaymentMode } from '../../repositories/territories.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { findCampaign } from '../administration/get-campaign.ts';
import { audit } from '../support/audit.ts';
import { campaignView } from '../support/campaign-view.ts';
import type { Deps } from '../support/deps.ts';

// How the territory pays (issue #17, point 5): the admin chooses the mode; the budget year and
// imputation of each campaign's mandats are set by the admin or the finance service.

function settingsView(mode: PaymentMode) {
  return { mode, label: PAYMENT_MODE_LABELS[mode], choices: PAYMENT_MODES.map((value) => ({ value, label: PAYMENT_MODE_LABELS[value] })) };
}

export async function getPaymentSettings(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'finance', 'auditor');
  const territory = await getTerritory(deps.db, actor.territoryId);
  return settingsView(territory?.payment_mode ?? DEFAULT_PAYMENT_MODE);
}

/** Only the admin changes the mode; orders already prepared keep theirs (create-payment-order.ts). */
export async function setPaymentMode(deps: Deps, actor: Actor, input: { mode: PaymentMode }) {
  requireRole(actor, 'admin');
  await inTransaction(deps.db, async (trx) => {
    const before = (await getTerritory(trx, actor.territoryId))?.payment_mode ?? DEFAULT_PAYMENT_MODE;
    if (!(await setTerritoryPaymentMode(trx, actor.territoryId, input.mode))) throw new DomainError('not_found', 'Ce territoire est introuvable.');
    await audit(trx, actor, deps.now(), 'territory.payment_mode_set', { type: 'territory', id: actor.territoryId }, { from: before, to: input.mode });
  });
  return settingsView(input.mode);
}

export async function setImputation(deps: Deps, actor: Actor, campaignId: string, input: Imputation) {
  requireRole(actor, 'admin', 'finance');
  const campaign = await findCampaign(deps, actor, campaignId);
  const imputation = validateImputation(input, campaign.year);
  await inTransaction(deps.db, async (trx) => {
    if (!(await setCampaignImputation(trx, campaignId, actor.territoryId, imputation, deps.now().toISOString()))) {
      throw new DomainError('not_found', 'Cette campagne n’existe pas.');
    }
    await audit(trx, actor, deps.now(), 'campaign.imputation_set', { type: 'campaign', id: campaignId }, {
      before: campaign.budget_year == null ? null : { budgetYear: campaign.budget_year, nature: campaign.imputation_nature, fonction: campaign.imputation_fonction },
      after: imputation,
    });
  });
  return campaignView((await getCampaign(deps.db, campaignId))!);
}
