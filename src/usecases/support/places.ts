import { rankHelperPlaces, rankPlaces, splitValues, type HelperPlace, type OrientationQuery, type RankedPlace } from '../../domain/orientation.ts';
import { listAccreditedPlaces, listProgrammePlaces } from '../../repositories/orientation.ts';
import type { Executor } from '../../repositories/tx.ts';
import { parseServices } from './campaign-view.ts';
import { openingHoursText } from './opening-hours-text.ts';

export type SuggestedPlace = RankedPlace & { openingHoursText: string | null };

/** A site as orientation ranks it (domain/orientation.ts). */
function placeOf(r: Awaited<ReturnType<typeof listAccreditedPlaces>>[number]) {
  return {
    structureId: r.structure_id,
    structureName: r.structure_name,
    siteId: r.site_id,
    siteName: r.site_name,
    address: r.address,
    postalCode: r.postal_code,
    communeInsee: r.commune_insee,
    communeName: r.commune_name,
    phone: r.site_phone ?? r.structure_phone,
    openingHours: r.opening_hours,
    services: splitValues(r.services),
    supportModes: splitValues(r.support_modes),
    specificSupport: splitValues(r.specific_support),
  };
}

/** Accredited places of a campaign ranked for a person, for the services the campaign pays for (see domain/orientation.ts). */
export async function suggestPlaces(
  db: Executor,
  campaign: { id: string; eligible_services: string },
  q: Omit<OrientationQuery, 'eligibleServices'>,
  limit: number,
): Promise<SuggestedPlace[]> {
  const rows = await listAccreditedPlaces(db, campaign.id);
  const ranked = rankPlaces(
    rows.map(placeOf),
    { ...q, eligibleServices: parseServices(campaign.eligible_services) },
  );
  return ranked.slice(0, limit).map((p) => ({ ...p, openingHoursText: openingHoursText(p.openingHours) }));
}

/** France Services and Aidants Connect places of the territory for a person (see domain/orientation.ts). */
export async function helperPlaces(
  db: Executor,
  territoryId: string,
  q: { communeInsee: string; specificSupport?: string[] },
  limit: number,
): Promise<(HelperPlace & { openingHoursText: string | null })[]> {
  const rows = await listProgrammePlaces(db, territoryId);
  const ranked = rankHelperPlaces(
    rows.map((r) => ({ ...placeOf(r), nationalProgrammes: splitValues(r.national_programmes) })),
    q,
  );
  return ranked.slice(0, limit).map((p) => ({ ...p, openingHoursText: openingHoursText(p.openingHours) }));
}

/** "1 rue de la Gare, 62300 Lens" */
export function fullAddress(p: { address: string; postalCode: string; communeName: string | null }): string {
  return [p.address, [p.postalCode, p.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
