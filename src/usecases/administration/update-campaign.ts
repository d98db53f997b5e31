import { requireRole, type Actor } from '../../domain/actor.ts';
import { assertEditable, validateCampaign, type CampaignSettings } from '../../domain/campaign.ts';
import { DomainError } from '../../domain/errors.ts';
import { getCampaign, listQuotas, updateDraftCampaign } from '../../repositories/campaigns.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { nameTaken, writeQuotas } from './create-campaign.ts';
import { audit } from '../support/audit.ts';
import { campaignView, settingsColumns, settingsOf } from '../support/campaign-view.ts';
import { findCampaign } from './get-campaign.ts';
import type { Deps } from '../support/deps.ts';

export type CampaignPatch = Partial<CampaignSettings> & { weights?: Record<string, number> };

/** An admin edits a campaign while it is a draft; quotas are recomputed when their inputs change. */
export async function updateCampaign(deps: Deps, actor: Actor, id: string, patch: CampaignPatch) {
  requireRole(actor, 'admin');
  const current = await findCampaign(deps, actor, id);
  assertEditable(current.status);
  const { weights, ...rest } = patch;
  // Absent fields keep their value (a key present with `undefined` must not erase it).
  const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<CampaignSettings>;
  const settings: CampaignSettings = { ...settingsOf(current), ...changes };
  validateCampaign(settings);
  const now = deps.now().toISOString();
  try {
    await inTransaction(deps.db, async (trx) => {
      if (!(await updateDraftCampaign(trx, id, { ...settingsColumns(settings), updated_at: now }))) {
        throw new DomainError('campaign_not_draft', 'Seule une campagne en préparation (brouillon) peut être modifiée.');
      }
      const quotaInputsChanged = weights !== undefined || changes.quotaFixed !== undefined || changes.quotaWeightedTotal !== undefined;
      if (quotaInputsChanged) {
        const previous = Object.fromEntries((await listQuotas(trx, id)).map((q) => [q.commune_insee, q.weight]));
        await writeQuotas(trx, actor.territoryId, id, settings, weights ?? previous);
      }
      await audit(trx, actor, deps.now(), 'campaign.updated', { type: 'campaign', id }, { fields: Object.keys(changes).concat(weights ? ['weights'] : []) });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(settings.name);
    throw error;
  }
  return campaignView((await getCampaign(deps.db, id))!);
}
