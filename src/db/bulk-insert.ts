import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';

// Bulk INSERT of many rows in one statement whose SQL text does not depend on the number of rows
// (ARCHITECTURE.md: a dialect-specific query lives in db/ behind a function). Issuance mints
// thousands of tickets per transaction: through Kysely's builder, every 400-row multi-row INSERT
// was built, compiled and prepared again — a third of the issuance profile (docs/benchmarks.md).
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

function isPostgres(db: Kysely<any> | Transaction<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The compiled statement inserting `rows` into `table` (columns in the given order). */
export function bulkInsertQuery<Row>(db: Kysely<any> | Transaction<any>, table: string, columns: BulkColumns<Row>, rows: readonly Row[]): CompiledQuery {
  const key = `${table}(${columns.map(([c]) => c).join(',')})`;
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  if (isPostgres(db)) {
    let text = pgText.get(key);
    if (!text) {
      text = `insert into "${table}" (${names}) select * from unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
      pgText.set(key, text);
    }
    const arrays = columns.map(([c]) => rows.map((r) => r[c]));
    return CompiledQuery.raw(text, arrays);
  }
  let text = sqliteText.get(key);
  if (!text) {
    text = `insert into "${table}" (${names}) select ${columns.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?)`;
    sqliteText.set(key, text);
  }
  return CompiledQuery.raw(text, [JSON.stringify(rows.map((r) => columns.map(([c]) => r[c])))]);
}
