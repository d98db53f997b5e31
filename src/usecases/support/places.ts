import { rankPlaces, splitValues, type OrientationQuery, type RankedPlace } from '../../domain/orientation.ts';
import { listAccreditedPlaces } from '../../repositories/orientation.ts';
import type { Executor } from '../../repositories/tx.ts';
import { openingHoursText } from './opening-hours-text.ts';

export type SuggestedPlace = RankedPlace & { openingHoursText: string | null };

/** Accredited places of a campaign ranked for a person (see domain/orientation.ts). */
export async function suggestPlaces(db: Executor, campaignId: string, q: OrientationQuery, limit: number): Promise<SuggestedPlace[]> {
  const rows = await listAccreditedPlaces(db, campaignId);
  const ranked = rankPlaces(
    rows.map((r) => ({
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
    })),
    q,
  );
  return ranked.slice(0, limit).map((p) => ({ ...p, openingHoursText: openingHoursText(p.openingHours) }));
}

/** "1 rue de la Gare, 62300 Lens" */
export function fullAddress(p: { address: string; postalCode: string; communeName: string | null }): string {
  return [p.address, [p.postalCode, p.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
