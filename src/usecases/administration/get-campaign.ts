import type { Actor } from '../../domain/actor.ts';
import type { CampaignStatus } from '../../domain/campaign.ts';
import { DomainError } from '../../domain/errors.ts';
import { getCampaign, listCampaigns as listCampaignRows } from '../../repositories/campaigns.ts';
import { campaignView } from '../support/campaign-view.ts';
import type { Deps } from '../support/deps.ts';

/** A campaign of the actor's territory, or not_found (other territories' campaigns do not exist for them). */
export async function findCampaign(deps: Deps, actor: Actor, id: string) {
  const row = await getCampaign(deps.db, id);
  if (!row || row.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Cette campagne n’existe pas.');
  return row;
}

/** Any signed-in user of the territory (or an integration token) reads the campaigns. */
export async function getCampaignDetails(deps: Deps, actor: Actor, id: string) {
  return campaignView(await findCampaign(deps, actor, id));
}

export async function listCampaigns(deps: Deps, actor: Actor, filter: { status?: CampaignStatus } = {}) {
  return (await listCampaignRows(deps.db, actor.territoryId, filter.status)).map(campaignView);
}
