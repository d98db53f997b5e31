import { listPersonBookletsInTerritory } from '../../repositories/issuance.ts';
import type { Executor } from '../../repositories/tx.ts';

/** Live booklets of a person (by person key) in the territory: who handed them out, and when. */
export async function liveBookletsOfPerson(db: Executor, territoryId: string, personKey: string, viewerOrganisationId: string | null) {
  const rows = await listPersonBookletsInTerritory(db, territoryId, personKey);
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    organisationName: r.organisation_name ?? '',
    issuedAt: r.issued_at ?? '',
    // The serial is shown only to the organisation that handed the booklet out.
    serial: r.organisation_id === viewerOrganisationId ? r.serial : null,
  }));
}
