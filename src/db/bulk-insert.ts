import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';

// Bulk INSERT of many rows in one statement whose SQL text does not depend on the number of rows
// (ARCHITECTURE.md: a dialect-specific query lives in db/ behind a function). Issuance mints
// thousands of tickets per transaction: through Kysely's builder, every 400-row multi-row INSERT
// was built, compiled and prepared again — a third of the issuance profile (docs/benchmarks-history.md).
// Here the SQL text is built once per table and column list, the statement is prepared once by
// the driver's statement cache (src/db/sqlite-driver.ts), and only the data changes:
// - SQLite: `insert into t (a, b) select value->>0, value->>1 from json_each(?)` — the rows travel
//   as one JSON array of arrays (JSON numbers stay integers, strings text, null NULL);
// - PostgreSQL: `insert into t (a, b) select * from unnest($1::text[], $2::integer[])` — one
//   array parameter per column (what the pg driver sends without an extra package).
// The rows are still checked by every constraint, index and foreign key of the table.

export type BulkColumnType = 'text' | 'integer';
export type BulkColumns<Row> = readonly (readonly [column: keyof Row & string, type: BulkColumnType])[];

const sqliteText = new Map<string, string>();
const pgText = new Map<string, string>();
const sqliteValuesText = new Map<string, string>();

function isPostgres(db: Kysely<any> | Transaction<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The compiled statement inserting `rows` into `table` (columns in the given order). */
export function bulkInsertQuery<Row>(db: Kysely<any> | Transaction<any>, table: string, columns: BulkColumns<Row>, rows: readonly Row[]): CompiledQuery {
  if (isPostgres(db)) return CompiledQuery.raw(pgUnnestText(table, columns, 1), pgArrays(columns, rows));
  const key = `${table}(${columns.map(([c]) => c).join(',')})`;
  let text = sqliteText.get(key);
  if (!text) {
    const names = columns.map(([c]) => `"${c}"`).join(', ');
    text = `insert into "${table}" (${names}) select ${columns.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?)`;
    sqliteText.set(key, text);
  }
  return CompiledQuery.raw(text, [JSON.stringify(rows.map((r) => columns.map(([c]) => r[c])))]);
}

/** PostgreSQL: the unnest INSERT's text, its array parameters numbered from `first`. */
function pgUnnestText<Row>(table: string, columns: BulkColumns<Row>, first: number): string {
  const key = `${table}(${columns.map(([c]) => c).join(',')})$${first}`;
  let text = pgText.get(key);
  if (!text) {
    const names = columns.map(([c]) => `"${c}"`).join(', ');
    text = `insert into "${table}" (${names}) select * from unnest(${columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ')})`;
    pgText.set(key, text);
  }
  return text;
}

const pgArrays = <Row>(columns: BulkColumns<Row>, rows: readonly Row[]) => columns.map(([c]) => rows.map((r) => r[c]));

/** Rows for one table, as `bulkInsertQuery` takes them. */
export interface BulkRows<Row = any> {
  table: string;
  columns: BulkColumns<Row>;
  rows: readonly Row[];
}

const pgWithText = new Map<string, string>();

/**
 * PostgreSQL only: a statement (`lead`, its parameters $1…$n, without a WITH of its own) and bulk
 * INSERTs into other tables run as one statement — the INSERTs as data-modifying CTEs in front of
 * it: one round trip instead of one per table (the redemption's hot path). Every constraint is
 * checked as for separate statements (foreign keys at its end); the result is the lead's rows. The
 * SQL text is the same for the same lead and tables.
 */
function pgWithInserts<R>(lead: CompiledQuery<R>, inserts: readonly BulkRows[]): CompiledQuery<R> {
  const key = [lead.sql, ...inserts.map((i) => `${i.table}(${i.columns.map(([c]) => c).join(',')})`)].join('\u0000');
  let text = pgWithText.get(key);
  if (!text) {
    let first = lead.parameters.length + 1;
    const parts = inserts.map((i, n) => {
      const part = `i${n} as (${pgUnnestText(i.table, i.columns, first)})`;
      first += i.columns.length;
      return part;
    });
    if (/^\s*with\b/i.test(lead.sql)) throw new Error('pgWithInserts: the lead statement has its own WITH');
    text = `with ${parts.join(', ')} ${lead.sql}`;
    pgWithText.set(key, text);
  }
  return CompiledQuery.raw(text, [...lead.parameters, ...inserts.flatMap((i) => pgArrays(i.columns, i.rows))]) as CompiledQuery<R>;
}

/**
 * Runs `lead` and the bulk INSERTs — one statement on PostgreSQL (`pgWithInserts`); on SQLite,
 * where a statement costs no round trip, `lead` then each INSERT. Returns the lead's rows.
 */
export async function executeWithInserts<R>(db: Kysely<any> | Transaction<any>, lead: CompiledQuery<R>, inserts: readonly BulkRows[]): Promise<R[]> {
  const pending = inserts.filter((i) => i.rows.length);
  if (isPostgres(db) && pending.length) return (await db.executeQuery(pgWithInserts(lead, pending))).rows;
  const { rows } = await db.executeQuery(lead);
  for (const i of pending) await db.executeQuery(bulkInsertQuery(db, i.table, i.columns, i.rows));
  return rows;
}

/**
 * Rows per multi-row VALUES statement on SQLite: 1,000 rows of 15 columns bind 15,000 parameters,
 * under SQLite's limit of 32,766.
 */
export const SQLITE_VALUES_ROWS = 1000;

/**
 * The statements inserting many rows (issuance: thousands of tickets per transaction). On SQLite,
 * full chunks of `SQLITE_VALUES_ROWS` rows go through one multi-row `insert … values (?, …), …`
 * prepared once (its text is the same for every full chunk), the remainder through the json_each
 * statement of bulkInsertQuery: two statements per table whatever the count. Binding the values
 * directly costs SQLite less than extracting them from JSON (`value ->> i` for each column of each
 * row): +15 to 20 % tickets per CPU-second on the issuance benchmark. PostgreSQL: one unnest
 * statement, as bulkInsertQuery.
 */
export function bulkInsertQueries<Row>(db: Kysely<any> | Transaction<any>, table: string, columns: BulkColumns<Row>, rows: readonly Row[]): CompiledQuery[] {
  if (isPostgres(db) || rows.length < SQLITE_VALUES_ROWS) return rows.length ? [bulkInsertQuery(db, table, columns, rows)] : [];
  const key = `${table}(${columns.map(([c]) => c).join(',')})`;
  let text = sqliteValuesText.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into "${table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) values ${Array.from({ length: SQLITE_VALUES_ROWS }, () => tuple).join(', ')}`;
    sqliteValuesText.set(key, text);
  }
  const queries: CompiledQuery[] = [];
  const full = rows.length - (rows.length % SQLITE_VALUES_ROWS);
  for (let start = 0; start < full; start += SQLITE_VALUES_ROWS) {
    const parameters: unknown[] = new Array(SQLITE_VALUES_ROWS * columns.length);
    let p = 0;
    for (let i = start; i < start + SQLITE_VALUES_ROWS; i++) for (const [c] of columns) parameters[p++] = rows[i][c];
    queries.push(CompiledQuery.raw(text, parameters));
  }
  if (full < rows.length) queries.push(bulkInsertQuery(db, table, columns, rows.slice(full)));
  return queries;
}
