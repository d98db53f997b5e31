import { stringify } from 'csv-stringify/sync';
import { MEDIATION_FIELDS, type MediationRecord } from '../domain/mediation-schema.ts';

// Open-data files follow OpenDataFrance's "CSV de qualité" and the schema's README: UTF-8 without
// BOM, comma separator, CRLF, a header with the exact field names, `.` decimals, ISO dates.

export function mediationPlacesCsv(records: MediationRecord[]): string {
  return stringify([[...MEDIATION_FIELDS], ...records.map((r) => MEDIATION_FIELDS.map((f) => r[f]))], { record_delimiter: 'windows' });
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
  return stringify([[...STATISTICS_FIELDS], ...rows.map((r) => STATISTICS_FIELDS.map((f) => (r[f] === null ? '' : String(r[f]))))], { record_delimiter: 'windows' });
}
