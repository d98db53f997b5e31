import { splitValues } from '../../domain/mediation-enums.ts';
import { listAccreditedForOpenCampaigns } from '../../repositories/read-models/public-places.ts';
import { listSites } from '../../repositories/structures.ts';
import { findTerritoryByCode } from '../../repositories/territories.ts';
import type { Deps } from '../support/deps.ts';
import { siteView } from '../support/structure-view.ts';

export interface PublicPlacesFilter { commune?: string; service?: string; territory?: string }

/**
 * "Où utiliser mon pass ?": the places accredited for an open campaign, for residents (no sign-in).
 * Only what a place publishes anyway (name, address, phone, hours, services): no bank details, no SIRET.
 */
export async function listPublicPlaces(deps: Deps, filter: PublicPlacesFilter) {
  let territoryId: string | undefined;
  if (filter.territory) {
    const t = await findTerritoryByCode(deps.db, /^\d{9}$/.test(filter.territory) ? 'epci' : 'departement', filter.territory);
    if (!t) return [];
    territoryId = t.id;
  }
  const rows = await listAccreditedForOpenCampaigns(deps.db, { territoryId });
  const byStructure = new Map<string, { row: (typeof rows)[number]; campaigns: { id: string; name: string; validityEnd: string }[] }>();
  for (const r of rows) {
    const entry = byStructure.get(r.structure_id) ?? { row: r, campaigns: [] };
    entry.campaigns.push({ id: r.campaign_id, name: r.campaign_name, validityEnd: r.validity_end });
    byStructure.set(r.structure_id, entry);
  }
  const sites = await listSites(deps.db, [...byStructure.keys()]);
  const places = [];
  for (const { row, campaigns } of byStructure.values()) {
    const services = splitValues(row.services);
    if (filter.service && !services.includes(filter.service)) continue;
    const own = sites
      .filter((s) => s.structure_id === row.structure_id && (!filter.commune || s.commune_insee === filter.commune))
      .map(siteView)
      .map(({ structureId: _s, ...site }) => site);
    if (own.length === 0) continue;
    places.push({
      structureId: row.structure_id,
      name: row.name,
      typology: splitValues(row.typology),
      services,
      supportModes: splitValues(row.support_modes),
      accessModes: splitValues(row.access_modes),
      phone: row.phone,
      email: row.email,
      website: row.website,
      presentation: row.presentation,
      campaigns,
      sites: own,
    });
  }
  return places;
}
