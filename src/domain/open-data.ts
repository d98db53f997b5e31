// Open data (issue #7, item 4): accredited places in the national schema, and anonymised
// statistics per commune and month where no cell is small enough to point at a person.
import { MEDIATION_FIELDS, splitPresentation, type MediationRecord } from './mediation-schema.ts';
import { parisStartOfDay } from './paris-time.ts';
import { normalisePhone } from './structure.ts';

/** Counts from 1 to 4 are not published (secret statistique); 0 reveals no one and stays. */
export const SMALLEST_PUBLISHED_COUNT = 5;
export function publishable(n: number): number | null {
  return n > 0 && n < SMALLEST_PUBLISHED_COUNT ? null : n;
}

/** The Paris months from the one holding `fromDay` to the one holding `toDay`, each with the instant it starts. */
export function parisMonths(fromDay: string, toDay: string, max = 120): { month: string; start: string }[] {
  const out: { month: string; start: string }[] = [];
  let [y, m] = fromDay.slice(0, 7).split('-').map(Number);
  const last = toDay.slice(0, 7);
  while (out.length < max) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push({ month, start: parisStartOfDay(`${month}-01`).toISOString() });
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export interface PlaceSource {
  siteId: string; siteName: string; address: string; communeInsee: string; communeName: string | null; postalCode: string;
  openingHours: string | null; sitePhone: string | null; latitude: number | null; longitude: number | null; siteCreatedAt: string;
  siret: string; structureName: string; typology: string; email: string | null; structurePhone: string | null; website: string | null;
  presentation: string | null; services: string; publics: string; specificSupport: string; fees: string; nationalProgrammes: string;
  accessModes: string; supportModes: string; structureUpdatedAt: string;
}

const SCHEMA_PHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/;

/** The phone a place publishes: its site's, else its structure's, in the schema's E.164 form (or none). */
export function placePhone(sitePhone: string | null, structurePhone: string | null): string {
  const p = sitePhone ?? structurePhone;
  if (!p) return '';
  const n = normalisePhone(p);
  return SCHEMA_PHONE.test(n) ? n : '';
}

/**
 * One site of an accredited structure as a national-schema record. The structure's name goes to
 * `structure_parente` when the site has its own name, so that an import gives both back.
 */
export function placeRecord(p: PlaceSource, territoryName: string): MediationRecord {
  const { resume, detail } = splitPresentation(p.presentation);
  const record: MediationRecord = Object.fromEntries(MEDIATION_FIELDS.map((f) => [f, ''])) as MediationRecord;
  return Object.assign(record, {
    id: p.siteId,
    pivot: p.siret,
    nom: p.siteName,
    commune: p.communeName ?? '',
    code_postal: p.postalCode,
    code_insee: p.communeInsee,
    adresse: p.address,
    latitude: p.latitude === null ? '' : String(p.latitude),
    longitude: p.longitude === null ? '' : String(p.longitude),
    typologie: p.typology,
    telephone: placePhone(p.sitePhone, p.structurePhone),
    courriels: p.email ?? '',
    site_web: p.website ?? '',
    horaires: p.openingHours ?? '',
    presentation_resume: resume,
    presentation_detail: detail,
    source: `passnum — ${territoryName}`,
    itinerance: 'Fixe',
    structure_parente: p.structureName === p.siteName ? '' : p.structureName,
    date_maj: [p.structureUpdatedAt, p.siteCreatedAt].sort().at(-1)!.slice(0, 10),
    services: p.services,
    publics_specifiquement_adresses: p.publics,
    prise_en_charge_specifique: p.specificSupport,
    frais_a_charge: p.fees,
    dispositif_programmes_nationaux: p.nationalProgrammes,
    // "Pass numérique" is no value of the schema v1: named as another label (docs/ecosystem.md §1.3).
    autres_formations_labels: `Pass numérique ${territoryName}`.replace(/\|/g, ' '),
    modalites_acces: p.accessModes,
    modalites_accompagnement: p.supportModes,
  });
}

/** Files named as the schema asks: YYYY-MM-DD_<producer>_lieux-de-mediation-numerique_<territory>. */
export function openDataFileName(day: string, producer: string, territoryName: string, ext: string): string {
  const slug = territoryName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '');
  return `${day}_${producer}_lieux-de-mediation-numerique_${slug}.${ext}`;
}

