import { DomainError } from '../../domain/errors.ts';
import { toSchemaObject } from '../../domain/mediation-schema.ts';
import { openDataFileName, parisMonths, placeRecord, publishable } from '../../domain/open-data.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { mediationPlacesCsv, statisticsCsv, type StatisticsRow } from '../../exports/open-data.ts';
import { accreditedPlaces, communeNames, firstIssuanceDay, monthlyCommuneStats } from '../../repositories/read-models/open-data.ts';
import { findTerritory } from '../administration/find-territory.ts';
import type { Deps } from '../support/deps.ts';

/** The territory of a public open-data address, by SIREN (EPCI) or département code. */
async function publicTerritory(deps: Deps, code: string) {
  try {
    return await findTerritory(deps, code);
  } catch {
    throw new DomainError('not_found', `Aucun territoire ${code} n’est servi par cette plateforme.`);
  }
}

/** The accredited places of a territory in the national schema (public, no personal data). */
export async function openPlaces(deps: Deps, territoryCode: string, format: 'csv' | 'json') {
  const territory = await publicTerritory(deps, territoryCode);
  const rows = await accreditedPlaces(deps.db, territory.id);
  const records = rows.map((p) =>
    placeRecord(
      {
        siteId: p.site_id, siteName: p.site_name, address: p.address, communeInsee: p.commune_insee, communeName: p.commune_name, postalCode: p.postal_code,
        openingHours: p.opening_hours, sitePhone: p.site_phone, latitude: p.latitude, longitude: p.longitude, siteCreatedAt: p.site_created_at,
        siret: p.siret, structureName: p.structure_name, typology: p.typology, email: p.email, structurePhone: p.structure_phone, website: p.website,
        presentation: p.presentation, services: p.services, publics: p.publics, specificSupport: p.specific_support, fees: p.fees,
        nationalProgrammes: p.national_programmes, accessModes: p.access_modes, supportModes: p.support_modes, structureUpdatedAt: p.structure_updated_at,
      },
      territory.name,
    ),
  );
  const filename = openDataFileName(parisDate(deps.now()), territory.code, territory.name, format);
  return format === 'csv'
    ? { filename, contentType: 'text/csv; charset=utf-8', body: mediationPlacesCsv(records) }
    : { filename, contentType: 'application/json; charset=utf-8', body: JSON.stringify(records.map(toSchemaObject), null, 2) };
}

/**
 * Anonymised statistics of a territory per commune and Paris month: booklets handed out, people
 * trained, sessions, tickets used. Counts from 1 to 4 are hidden (null / empty cell).
 */
export async function openStatistics(deps: Deps, territoryCode: string, q: { campaignId?: string }) {
  const territory = await publicTerritory(deps, territoryCode);
  const scope = { territoryId: territory.id, campaignId: q.campaignId ?? null };
  const first = await firstIssuanceDay(deps.db, scope);
  if (q.campaignId && !first) throw new DomainError('not_found', 'Cette campagne est introuvable sur ce territoire.');
  const today = parisDate(deps.now());
  const months = first ? parisMonths(first, today) : [];
  const [cells, communes] = await Promise.all([monthlyCommuneStats(deps.db, scope, months), communeNames(deps.db, territory.id)]);
  const names = new Map(communes.map((c) => [c.insee_code, c.name]));
  const rows: StatisticsRow[] = cells.map((c) => ({
    code_insee: c.communeInsee,
    commune: names.get(c.communeInsee) ?? '',
    mois: c.month,
    carnets_remis: publishable(c.booklets),
    personnes_formees: publishable(c.people),
    seances: publishable(c.sessions),
    tickets_utilises: publishable(c.tickets),
  }));
  return {
    territory: { code: territory.code, name: territory.name },
    rule: 'Secret statistique : les effectifs de 1 à 4 ne sont pas publiés (valeur vide ou null).',
    generatedOn: today,
    rows,
    csv: () => statisticsCsv(rows),
    filename: (ext: string) => `${today}_${territory.code}_statistiques-pass-numerique.${ext}`,
  };
}
