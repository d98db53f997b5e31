import type { Executor } from '../tx.ts';

/** Structures accredited for at least one open campaign, with those campaigns (public listing). */
export function listAccreditedForOpenCampaigns(db: Executor, filter: { territoryId?: string } = {}) {
  let q = db
    .selectFrom('accreditations')
    .innerJoin('campaigns', 'campaigns.id', 'accreditations.campaign_id')
    .innerJoin('structures', 'structures.id', 'accreditations.structure_id')
    .select([
      'structures.id as structure_id', 'structures.territory_id', 'structures.name', 'structures.typology', 'structures.services',
      'structures.support_modes', 'structures.access_modes', 'structures.phone', 'structures.email', 'structures.website',
      'structures.presentation', 'campaigns.id as campaign_id', 'campaigns.name as campaign_name', 'campaigns.validity_end',
    ])
    .where('accreditations.status', '=', 'accredited')
    .where('campaigns.status', '=', 'open');
  if (filter.territoryId) q = q.where('structures.territory_id', '=', filter.territoryId);
  return q.orderBy('structures.name').execute();
}
