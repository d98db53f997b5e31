import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';

export type Snapshot = Map<string, Record<string, unknown>[]>;

/** Kysely's own bookkeeping, which migrating changes by design. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Every row of every application table (of `pgSchema` on PostgreSQL). */
export async function snapshotTables(handle: DatabaseHandle, pgSchema?: string): Promise<Snapshot> {
  // On PostgreSQL, only this schema's catalogue is read: Kysely's introspection reads every schema
  // of the database, and fails when another test file drops its own schema at that moment.
  const names =
    handle.dialect === 'sqlite'
      ? (await handle.db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${pgSchema} and table_type = 'BASE TABLE'`.execute(handle.db)).rows.map((r) => r.name);
  const tables = names.filter((name) => !BOOKKEEPING.has(name)).sort();
  const snapshot: Snapshot = new Map();
  for (const name of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    snapshot.set(name, rows);
  }
  return snapshot;
}

/**
 * What of `before` is not in `after`, table by table: a missing table, or rows whose values (on
 * the columns `before` had) are not all found again. Empty when every record is intact.
 */
export function missingRecords(before: Snapshot, after: Snapshot, changedOnPurpose: Record<string, string[]> = {}): string[] {
  const problems: string[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table);
    if (!now) {
      problems.push(`${table}: table disparue`);
      continue;
    }
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]).filter((c) => !(changedOnPurpose[table] ?? []).includes(c));
    const key = (row: Record<string, unknown>) => JSON.stringify(columns.map((c) => row[c]));
    const remaining = new Map<string, number>();
    for (const row of now) remaining.set(key(row), (remaining.get(key(row)) ?? 0) + 1);
    let missing = 0;
    let example = '';
    for (const row of rows) {
      const k = key(row);
      const n = remaining.get(k) ?? 0;
      if (n > 0) remaining.set(k, n - 1);
      else {
        missing += 1;
        example ||= k;
      }
    }
    if (missing) problems.push(`${table}: ${missing} ligne(s) sur ${rows.length} absentes ou modifiées, par exemple ${example.slice(0, 300)}`);
  }
  return problems;
}
