import { stringify } from 'csv-stringify/sync';
import { decimalComma } from '../domain/money.ts';

// CSV that opens as-is in a French spreadsheet (Excel, LibreOffice): UTF-8 with BOM, `;` between
// cells, CRLF line ends, dates dd/mm/yyyy, amounts with a decimal comma. Text cells starting with
// = + - @ (or a tab/CR) are prefixed with an apostrophe so that no cell runs as a formula.

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const FRENCH_NUMBER = /^-?\d+(,\d+)?$/;

/** Neutralises spreadsheet formula injection in a text cell; numbers are left alone. */
export function neutraliseCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (FRENCH_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** "2026-03-15" or an ISO instant → "15/03/2026" (instants are read in Europe/Paris). */
export function csvDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = value.length > 10 ? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value)) : null;
  if (day) return day;
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

/** 123456 cents → "1234,56". */
export function csvAmount(cents: number): string {
  return decimalComma(cents);
}

/** The whole file: header + rows, as a string starting with the UTF-8 BOM. */
export function frenchCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header.map(neutraliseCell), ...rows.map((r) => r.map(neutraliseCell))], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
  });
}
