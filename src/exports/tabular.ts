import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { decimalComma } from '../domain/money.ts';
import { parisDate } from '../domain/paris-time.ts';
import { xmlSafe } from '../domain/text.ts';
import { neutraliseCell } from './french-csv.ts';

// Streamed table exports (issue #7, item 3): rows come from an async source (database pages),
// go out as French-spreadsheet CSV or XLSX without ever holding the whole file in memory.

/** How a cell is shown: dates and instants as dd/mm/yyyy, amounts with a decimal comma. */
export type CellKind = 'text' | 'int' | 'date' | 'instant' | 'cents' | 'phone';
export interface Column<R> {
  header: string;
  kind?: CellKind;
  /** Width in characters (XLSX). */
  width?: number;
  value: (row: R) => string | number | null | undefined;
}

// An ISO instant's Paris day depends only on its UTC hour: memoise per hour, so that a million
// rows do not each pay for an Intl call (the cache stays small: hours present in the data).
const parisDayOfHour = new Map<string, string>();
function parisDay(instant: string): string {
  const hour = instant.slice(0, 13);
  let day = parisDayOfHour.get(hour);
  if (day === undefined) {
    day = parisDate(new Date(`${hour}:00:00.000Z`));
    if (parisDayOfHour.size > 200_000) parisDayOfHour.clear();
    parisDayOfHour.set(hour, day);
  }
  return day;
}

function dayOf(kind: CellKind, v: string): string {
  return kind === 'instant' && v.length > 10 ? parisDay(v) : v.slice(0, 10);
}

/** "2026-03-15" → "15/03/2026". */
function frenchDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "+33612345678" → "06 12 34 56 78": what people dial, and no leading "+" for a spreadsheet to compute. */
function frenchPhone(v: string): string {
  const m = /^\+33(\d{9})$/.exec(v.replace(/\s/g, ''));
  return m ? `0${m[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : v;
}

function csvCell(kind: CellKind, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  switch (kind) {
    case 'phone':
      return neutraliseCell(frenchPhone(String(v)));
    case 'date':
    case 'instant':
      return frenchDay(dayOf(kind, String(v)));
    case 'cents':
      return decimalComma(Number(v));
    case 'int':
      return String(v);
    default:
      return neutraliseCell(String(v));
  }
}

/** CSV for French spreadsheets: UTF-8 BOM, `;`, CRLF, dd/mm/yyyy, decimal comma, no formula cells. */
export function csvStream<R>(columns: Column<R>[], rows: AsyncIterable<R>): Readable {
  async function* records() {
    yield columns.map((c) => neutraliseCell(c.header));
    for await (const row of rows) yield columns.map((c) => csvCell(c.kind ?? 'text', c.value(row)));
  }
  const out = new PassThrough();
  const csv = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows' });
  pipeline(Readable.from(records()), csv, out).catch((error: Error) => out.destroy(error));
  return out;
}

const XLSX_FORMATS: Partial<Record<CellKind, string>> = { date: 'dd/mm/yyyy', instant: 'dd/mm/yyyy', cents: '#,##0.00 "€"' };

function xlsxCell(kind: CellKind, v: string | number | null | undefined): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  switch (kind) {
    case 'date':
    case 'instant': {
      const day = dayOf(kind, String(v));
      return new Date(`${day}T00:00:00.000Z`);
    }
    case 'cents':
      return Number(v) / 100;
    case 'int':
      return Number(v);
    case 'phone':
      return xmlSafe(frenchPhone(String(v)));
    default:
      // exceljs writes strings as text, never as formulas: "=…" stays a harmless string. It does
      // not drop what XML cannot hold, though: one such character would break the whole file.
      return xmlSafe(String(v));
  }
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip)
 * as soon as it is added, and the writer waits whenever the reader is behind (backpressure).
 */
export function xlsxStream<R>(columns: Column<R>[], rows: AsyncIterable<R>, sheetName = 'Export'): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const write = async () => {
    // exceljs is loaded on first use: ~25 MB resident that the app does not need until then.
    const { default: ExcelJS } = await import('exceljs');
    await writeXlsx(ExcelJS, out, columns, rows, sheetName);
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}

async function writeXlsx<R>(ExcelJS: typeof import('exceljs'), out: PassThrough, columns: Column<R>[], rows: AsyncIterable<R>, sheetName: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(xmlSafe(sheetName.slice(0, 31)), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: xmlSafe(c.header), key: String(i), width: c.width ?? Math.max(12, Math.min(40, c.header.length + 2)), style: XLSX_FORMATS[c.kind ?? 'text'] ? { numFmt: XLSX_FORMATS[c.kind ?? 'text'] } : {} }));
  sheet.getRow(1).font = { bold: true };
  // exceljs pipes the sheet's XML into the zip's deflate stream without waiting for it: wait
  // ourselves whenever that stream holds more than a few megabytes, or a fast source would pile
  // the whole sheet up in memory in front of the compressor.
  // (archiver's streams come from the `readable-stream` package: the buffered length is in
  // `_writableState`.)
  type Pipe = Writable & { _writableState?: { length: number } };
  const compressor = () => (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
  let n = 0;
  for await (const row of rows) {
    sheet.addRow(columns.map((c) => xlsxCell(c.kind ?? 'text', c.value(row)))).commit();
    if (++n % 200 === 0) {
      const pipe = compressor();
      if (pipe && (pipe.writableLength ?? pipe._writableState?.length ?? 0) > 4 << 20) await once(pipe, 'drain');
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
}
