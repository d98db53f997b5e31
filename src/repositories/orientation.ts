import type { Executor } from './tx.ts';

/** Sites of the structures accredited for a campaign, with what orientation needs to rank them. */
export function listAccreditedPlaces(db: Executor, campaignId: string) {
  return db
    .selectFrom('accreditations')
    .innerJoin('structures', 'structures.id', 'accreditations.structure_id')
    .innerJoin('sites', 'sites.structure_id', 'structures.id')
    .leftJoin('communes', (j) => j.onRef('communes.territory_id', '=', 'structures.territory_id').onRef('communes.insee_code', '=', 'sites.commune_insee'))
    .select([
      'structures.id as structure_id', 'structures.name as structure_name', 'structures.services', 'structures.support_modes',
      'structures.specific_support', 'structures.phone as structure_phone', 'sites.id as site_id', 'sites.name as site_name',
      'sites.address', 'sites.postal_code', 'sites.commune_insee', 'sites.phone as site_phone', 'sites.opening_hours',
      'communes.name as commune_name',
    ])
    .where('accreditations.campaign_id', '=', campaignId)
    .where('accreditations.status', '=', 'accredited')
    .execute();
}

/** Sites of the territory's structures that carry a national programme (any accreditation), to find France Services and Aidants Connect places. */
export function listProgrammePlaces(db: Executor, territoryId: string) {
  return db
    .selectFrom('structures')
    .innerJoin('sites', 'sites.structure_id', 'structures.id')
    .leftJoin('communes', (j) => j.onRef('communes.territory_id', '=', 'structures.territory_id').onRef('communes.insee_code', '=', 'sites.commune_insee'))
    .select([
      'structures.id as structure_id', 'structures.name as structure_name', 'structures.services', 'structures.support_modes',
      'structures.specific_support', 'structures.national_programmes', 'structures.phone as structure_phone', 'sites.id as site_id',
      'sites.name as site_name', 'sites.address', 'sites.postal_code', 'sites.commune_insee', 'sites.phone as site_phone', 'sites.opening_hours',
      'communes.name as commune_name',
    ])
    .where('structures.territory_id', '=', territoryId)
    .where('structures.national_programmes', '!=', '')
    .execute();
}
