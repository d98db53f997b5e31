import { FORBIDDEN_CHARACTER_FR, forbiddenCharacter } from '../../domain/text.ts';
import { parse } from 'csv-parse/sync';
import type { SiteTable, StructureTable } from '../../db/schema.ts';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { checkMediationRecord, MEDIATION_FIELDS, REQUIRED_FIELDS, toMediationRecord, type MediationRecord } from '../../domain/mediation-schema.ts';
import { splitValues } from '../../domain/mediation-enums.ts';
import { placePhone } from '../../domain/open-data.ts';
import { foldText } from '../../domain/person.ts';
import { isValidSiret } from '../../domain/siret.ts';
import { findSiteByAddress, findStructureBySiret } from '../../repositories/open-data.ts';
import { communeNames } from '../../repositories/read-models/open-data.ts';
import { getSite, insertSite, insertStructure, updateSite, updateStructure } from '../../repositories/structures.ts';
import { inTransaction, type Tx } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

export interface ImportLine {
  line: number;
  id: string;
  pivot: string;
  nom: string;
  status: 'created' | 'updated' | 'unchanged' | 'refused';
  structureId: string | null;
  siteId: string | null;
  /** Fields changed (schema names), for created/updated lines. */
  changes: string[];
  /** Why the line was refused, in plain French. */
  reasons: string[];
  notes: string[];
}

interface Parsed { line: number; record: MediationRecord }

/** CSV (comma or semicolon, with or without BOM) or a JSON array of places, each with its line number. */
export function parsePlacesFile(input: { text: string; contentType: string }): Parsed[] {
  const text = input.text.replace(/^\uFEFF/, '');
  if (input.contentType.includes('json') || /^\s*\[/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw invalid('fichier', 'Le fichier JSON n’est pas lisible.');
    }
    if (!Array.isArray(data)) throw invalid('fichier', 'Le fichier JSON doit contenir une liste de lieux.');
    return data.map((o, i) => ({ line: i + 1, record: toMediationRecord((o ?? {}) as Record<string, unknown>) }));
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes(';') ? ';' : ',';
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, info: true });
  } catch (e) {
    throw invalid('fichier', `Le fichier CSV n’est pas lisible : ${e instanceof Error ? e.message : String(e)}`);
  }
  const header = parse(firstLine, { delimiter })[0] as string[];
  const missing = REQUIRED_FIELDS.filter((f) => !header.includes(f));
  if (missing.length) {
    throw invalid('fichier', `Il manque des colonnes obligatoires du schéma des lieux de médiation numérique : ${missing.join(', ')}.`);
  }
  return rows.map((r) => ({ line: r.info.lines, record: toMediationRecord(r.record) }));
}

const STRUCTURE_FIELDS: [keyof StructureTable, (r: MediationRecord) => string | null, string][] = [
  ['name', (r) => r.structure_parente || r.nom, 'structure_parente'],
  ['typology', (r) => r.typologie, 'typologie'],
  ['email', (r) => splitValues(r.courriels)[0] ?? null, 'courriels'],
  ['website', (r) => splitValues(r.site_web)[0] ?? null, 'site_web'],
  ['presentation', (r) => r.presentation_detail || r.presentation_resume || null, 'presentation'],
  ['services', (r) => r.services, 'services'],
  ['publics', (r) => r.publics_specifiquement_adresses, 'publics_specifiquement_adresses'],
  ['specific_support', (r) => r.prise_en_charge_specifique, 'prise_en_charge_specifique'],
  ['fees', (r) => r.frais_a_charge, 'frais_a_charge'],
  ['national_programmes', (r) => r.dispositif_programmes_nationaux, 'dispositif_programmes_nationaux'],
  ['access_modes', (r) => r.modalites_acces, 'modalites_acces'],
  ['support_modes', (r) => r.modalites_accompagnement, 'modalites_accompagnement'],
];

const num = (v: string) => (v === '' ? null : Number(v));

/**
 * Imports places in the national schema (issue #7, item 4): each line creates or updates a
 * structure (by SIRET) and one of its sites (by id, else by address), or is refused with its
 * reasons. A file exported by passnum re-imports unchanged. New structures are not accredited:
 * the admin decides that, as for any structure.
 */
export async function importOpenPlaces(deps: Deps, actor: Actor, input: { text: string; contentType: string }) {
  requireRole(actor, 'admin');
  const parsed = parsePlacesFile(input);
  if (parsed.length === 0) throw invalid('fichier', 'Le fichier ne contient aucun lieu.');
  if (parsed.length > 5000) throw invalid('fichier', 'Le fichier contient plus de 5 000 lieux : découpez-le.');
  const communes = await communeNames(deps.db, actor.territoryId);
  const now = deps.now();
  const lines = await inTransaction(deps.db, async (trx) => {
    const out: ImportLine[] = [];
    for (const p of parsed) out.push(await importLine(deps, trx, actor, p, communes, now));
    await audit(trx, actor, now, 'open_data.places_imported', { type: 'territory', id: actor.territoryId }, count(out));
    return out;
  });
  return { ...count(lines), lines };
}

function count(lines: ImportLine[]) {
  const c = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const l of lines) c[l.status] += 1;
  return c;
}

async function importLine(
  deps: Deps, trx: Tx, actor: Actor, { line, record: r }: Parsed,
  communes: { insee_code: string; name: string; postal_codes: string }[], now: Date,
): Promise<ImportLine> {
  const report: ImportLine = { line, id: r.id, pivot: r.pivot, nom: r.nom, status: 'refused', structureId: null, siteId: null, changes: [], reasons: [], notes: [] };
  const refuse = (...reasons: string[]) => ({ ...report, reasons });
  // What the database or an export could not hold is refused like any other bad value (domain/text.ts).
  for (const [field, value] of Object.entries(r)) {
    const kind = typeof value === 'string' ? forbiddenCharacter(value) : null;
    if (kind) return refuse(`${field} : contient ${FORBIDDEN_CHARACTER_FR[kind]}.`);
  }
  const problems = checkMediationRecord(r);
  if (problems.length) return refuse(...problems.map((p) => (p.field === 'ligne' ? p.message : `${p.field} : ${p.message}`)));
  if (!/^\d{14}$/.test(r.pivot) || !isValidSiret(r.pivot)) {
    return refuse('pivot : passnum rembourse les structures et a besoin de leur SIRET (14 chiffres, clé de contrôle juste) ; un RNA seul ne suffit pas.');
  }
  const commune = r.code_insee
    ? communes.find((c) => c.insee_code === r.code_insee)
    : communes.find((c) => c.postal_codes.split(',').includes(r.code_postal) && foldText(c.name) === foldText(r.commune))
      ?? (communes.filter((c) => c.postal_codes.split(',').includes(r.code_postal)).length === 1 ? communes.find((c) => c.postal_codes.split(',').includes(r.code_postal)) : undefined);
  if (!commune) return refuse(`commune : ${r.commune} (${r.code_insee || r.code_postal}) ne fait pas partie du territoire.`);
  if (commune.postal_codes && !commune.postal_codes.split(',').includes(r.code_postal)) {
    return refuse(`code_postal : ${r.code_postal} n’est pas un code postal de ${commune.name} (${commune.postal_codes.split(',').join(', ')}).`);
  }

  const at = now.toISOString();
  let structure = await findStructureBySiret(trx, actor.territoryId, r.pivot);
  const wanted = Object.fromEntries(STRUCTURE_FIELDS.map(([k, get]) => [k, get(r)])) as Partial<StructureTable>;
  let createdStructure = false;
  if (!structure) {
    const row: StructureTable = {
      id: deps.newId(), territory_id: actor.territoryId, siret: r.pivot, name: wanted.name!, typology: wanted.typology ?? '', email: wanted.email ?? null,
      phone: r.telephone || null, website: wanted.website ?? null, presentation: wanted.presentation ?? null, services: wanted.services ?? '',
      publics: wanted.publics ?? '', specific_support: wanted.specific_support ?? '', fees: wanted.fees ?? '', national_programmes: wanted.national_programmes ?? '',
      access_modes: wanted.access_modes ?? '', support_modes: wanted.support_modes ?? '', iban: null, bic: null, account_holder: null, bank_status: 'none',
      bank_updated_at: null, bank_verified_at: null, bank_verified_by: null, bank_updated_by: null, bank_document_id: null, legal_category: null, created_at: at, updated_at: at,
    };
    await insertStructure(trx, row);
    structure = row;
    createdStructure = true;
    report.notes.push('Structure créée sans habilitation : habilitez-la pour qu’elle accepte le pass numérique.');
  } else {
    const patch: Partial<StructureTable> = {};
    for (const [k, , label] of STRUCTURE_FIELDS) {
      if ((structure[k] ?? null) !== (wanted[k] ?? null) && !(structure[k] === '' && wanted[k] === null)) {
        (patch as Record<string, unknown>)[k] = wanted[k] ?? (k === 'email' || k === 'website' || k === 'presentation' ? null : '');
        report.changes.push(label);
      }
    }
    if (report.changes.length) {
      await updateStructure(trx, structure.id, { ...patch, updated_at: at });
      structure = { ...structure, ...patch, updated_at: at };
    }
  }

  const byId = r.id ? await getSite(trx, r.id) : undefined;
  const site = byId && byId.structure_id === structure.id ? byId : await findSiteByAddress(trx, structure.id, r.adresse, r.code_postal);
  const siteWanted = {
    name: r.nom, address: r.adresse, commune_insee: commune.insee_code, postal_code: r.code_postal, opening_hours: r.horaires || null,
    latitude: num(r.latitude), longitude: num(r.longitude),
  };
  let createdSite = false;
  if (!site) {
    const row: SiteTable = {
      id: byId ? deps.newId() : /^[0-9a-f-]{36}$/.test(r.id) ? r.id : deps.newId(), structure_id: structure.id, ...siteWanted,
      phone: r.telephone && r.telephone !== placePhone(null, structure.phone) ? r.telephone : null, created_at: at,
    };
    await insertSite(trx, row);
    createdSite = true;
    report.siteId = row.id;
  } else {
    const patch: Partial<SiteTable> = {};
    const labels: Record<string, string> = { name: 'nom', address: 'adresse', commune_insee: 'code_insee', postal_code: 'code_postal', opening_hours: 'horaires', latitude: 'latitude', longitude: 'longitude' };
    for (const [k, v] of Object.entries(siteWanted) as [keyof typeof siteWanted, string | number | null][]) {
      if ((site[k] ?? null) !== v) {
        (patch as Record<string, unknown>)[k] = v;
        report.changes.push(labels[k]);
      }
    }
    if ((r.telephone || '') !== placePhone(site.phone, structure.phone)) {
      patch.phone = r.telephone || null;
      report.changes.push('telephone');
    }
    if (Object.keys(patch).length) await updateSite(trx, site.id, patch);
    report.siteId = site.id;
  }
  report.structureId = structure.id;
  report.status = createdStructure || createdSite ? 'created' : report.changes.length ? 'updated' : 'unchanged';
  if (report.status === 'created') report.changes = [...MEDIATION_FIELDS.filter((f) => r[f] !== '')];
  if (report.status !== 'unchanged') {
    await audit(trx, actor, now, `open_data.place_${report.status}`, { type: 'site', id: report.siteId! }, { line, structureId: structure.id, changes: report.changes });
  }
  if (report.status === 'created' && !createdStructure && createdSite) report.notes.push('Nouveau lieu ajouté à une structure existante.');
  if (byId && byId.structure_id !== structure.id) report.notes.push('Cet identifiant désignait un lieu d’une autre structure : un nouveau lieu a été créé.');
  return { ...report, reasons: [] };
}

