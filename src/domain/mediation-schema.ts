// The national schema of digital-mediation places (schéma des lieux de médiation numérique,
// LaMednum/standard-mediation-num v1.0.2; docs/ecosystem.md §1): the 32 columns in order, their
// patterns and enumerations (taken from @gouvfr-anct/lieux-de-mediation-numerique), and the check
// of one record, first field by field in plain French, then by the ANCT library's own model.
import { FormationLabel, fromSchemaLieuDeMediationNumerique, Itinerance } from '@gouvfr-anct/lieux-de-mediation-numerique';
import OpeningHours from 'opening_hours';
import {
  ACCESS_MODES, FEES, NATIONAL_PROGRAMMES, PUBLICS, SERVICES, SPECIFIC_SUPPORTS, SUPPORT_MODES, TYPOLOGIES, splitValues,
} from './mediation-enums.ts';

export const MEDIATION_FIELDS = [
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude',
  'typologie', 'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source',
  'itinerance', 'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique',
  'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels', 'autres_formations_labels', 'modalites_acces',
  'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
] as const;
export type MediationField = (typeof MEDIATION_FIELDS)[number];
/** One place as the schema's CSV holds it: every value a string, '' when empty. */
export type MediationRecord = Record<MediationField, string>;

export const REQUIRED_FIELDS: MediationField[] = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj'];

export const PATTERNS: Partial<Record<MediationField, RegExp>> = {
  pivot: /^[a-zA-Z0-9]{9,14}$/,
  code_postal: /^\d{5}$/,
  code_insee: /^([013-9]\d|2[AB1-9])\d{3}$/,
  telephone: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/,
  date_maj: /^\d{4}-\d{2}-\d{2}$/,
};

// The schema's regex spells one label "Étapes numériques(La Poste)" while the npm enum has a
// space: both are accepted (docs/ecosystem.md §1.2).
const FORMATION_LABELS = [...(Object.values(FormationLabel) as string[]), 'Étapes numériques(La Poste)'];

export const ENUM_FIELDS: Partial<Record<MediationField, readonly string[]>> = {
  typologie: TYPOLOGIES,
  services: SERVICES as string[],
  publics_specifiquement_adresses: PUBLICS,
  prise_en_charge_specifique: SPECIFIC_SUPPORTS,
  frais_a_charge: FEES,
  dispositif_programmes_nationaux: NATIONAL_PROGRAMMES,
  formations_labels: FORMATION_LABELS,
  modalites_acces: ACCESS_MODES,
  modalites_accompagnement: SUPPORT_MODES,
  itinerance: Object.values(Itinerance) as string[],
};

const EMAIL = /^[^\s@|]+@[^\s@|]+\.[^\s@|]+$/;
const URL = /^https?:\/\/[^\s|]+$/;

export interface FieldProblem {
  field: MediationField | 'ligne';
  message: string;
}

function isValidDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** Every rule of the schema that the record breaks, in plain French (empty when valid). */
export function checkMediationRecord(r: MediationRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const say = (field: MediationField, message: string) => problems.push({ field, message });
  for (const f of REQUIRED_FIELDS) if (!r[f]?.trim()) say(f, `le champ « ${f} » est obligatoire`);
  for (const [f, re] of Object.entries(PATTERNS) as [MediationField, RegExp][]) {
    if (r[f] && !re.test(r[f])) say(f, `« ${r[f]} » n’a pas le format attendu pour « ${f} »`);
  }
  if (r.date_maj && PATTERNS.date_maj!.test(r.date_maj) && !isValidDay(r.date_maj)) say('date_maj', `« ${r.date_maj} » n’est pas une date`);
  for (const [f, values] of Object.entries(ENUM_FIELDS) as [MediationField, readonly string[]][]) {
    for (const v of splitValues(r[f])) if (!values.includes(v)) say(f, `« ${v} » n’est pas une valeur admise pour « ${f} »`);
  }
  for (const [f, min, max] of [['latitude', -90, 90], ['longitude', -180, 180]] as const) {
    if (r[f] && !(Number.isFinite(Number(r[f])) && Number(r[f]) >= min && Number(r[f]) <= max)) say(f, `« ${r[f]} » n’est pas une ${f} valide`);
  }
  for (const e of splitValues(r.courriels)) if (!EMAIL.test(e)) say('courriels', `« ${e} » n’est pas une adresse e-mail valide`);
  for (const f of ['site_web', 'fiche_acces_libre', 'prise_rdv'] as const) {
    for (const u of splitValues(r[f])) if (!URL.test(u)) say(f, `« ${u} » n’est pas une adresse web (https://…)`);
  }
  if (r.presentation_resume.length > 280) say('presentation_resume', 'le résumé de présentation dépasse 280 caractères');
  if (r.horaires) {
    try {
      new OpeningHours(r.horaires, null, { locale: 'fr' } as never);
    } catch {
      say('horaires', `« ${r.horaires} » n’est pas au format OpenStreetMap (ex. « Mo-Fr 09:00-12:00,14:00-18:00 »)`);
    }
  }
  if (problems.length === 0) {
    // The ANCT library's model is the reference implementation of the schema: it must accept it too.
    try {
      fromSchemaLieuDeMediationNumerique(toSchemaObject(r) as never);
    } catch (e) {
      problems.push({ field: 'ligne', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return problems;
}

/** The record as the schema's JSON holds it: empty fields left out, coordinates as numbers. */
export function toSchemaObject(r: MediationRecord): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of MEDIATION_FIELDS) {
    const v = r[f];
    if (v === '' || v === undefined || v === null) continue;
    out[f] = f === 'latitude' || f === 'longitude' ? Number(v) : v;
  }
  return out;
}

/** A record from a parsed CSV row or a JSON object: unknown keys ignored, missing ones empty. */
export function toMediationRecord(raw: Record<string, unknown>): MediationRecord {
  const r = {} as MediationRecord;
  for (const f of MEDIATION_FIELDS) {
    const v = raw[f];
    r[f] = v === undefined || v === null ? '' : Array.isArray(v) ? v.map(String).join('|') : String(v).trim();
  }
  return r;
}

/** The résumé (280 characters at most) and the detail of a presentation, so that detail || résumé gives it back. */
export function splitPresentation(text: string | null): { resume: string; detail: string } {
  if (!text) return { resume: '', detail: '' };
  if (text.length <= 280) return { resume: text, detail: '' };
  const cut = text.slice(0, 279);
  return { resume: `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200)).trimEnd()}…`, detail: text };
}
