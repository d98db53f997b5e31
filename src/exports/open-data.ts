import { stringify } from 'csv-stringify/sync';
import { MEDIATION_FIELDS, type MediationRecord } from '../domain/mediation-schema.ts';

// Open-data files follow OpenDataFrance's "CSV de qualité" and the schema's README: UTF-8 without
// BOM, comma separator, CRLF, a header with the exact field names, `.` decimals, ISO dates.

// A cell a spreadsheet would run as a formula (= @ tab CR, or + - not followed by a number such as
// a phone number or a coordinate) is prefixed with an apostrophe, as in the other exports
// (french-csv.ts); the schema's own values (+33… phones, negative longitudes) pass unchanged.
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s.,]*$)/;

export function openDataCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function mediationPlacesCsv(records: MediationRecord[]): string {
  return stringify([[...MEDIATION_FIELDS], ...records.map((r) => MEDIATION_FIELDS.map((f) => openDataCell(r[f])))], { record_delimiter: 'windows' });
}

export interface StatisticsRow {
  code_insee: string;
  commune: string;
  mois: string;
  carnets_remis: number | null;
  personnes_formees: number | null;
  seances: number | null;
  tickets_utilises: number | null;
}
export const STATISTICS_FIELDS = ['code_insee', 'commune', 'mois', 'carnets_remis', 'personnes_formees', 'seances', 'tickets_utilises'] as const;

/** Statistics as CSV: a hidden (small) count is an empty cell. */
export function statisticsCsv(rows: StatisticsRow[]): string {
  return stringify([[...STATISTICS_FIELDS], ...rows.map((r) => STATISTICS_FIELDS.map((f) => openDataCell(r[f])))], { record_delimiter: 'windows' });
}
