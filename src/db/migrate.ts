import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { migrations } from './migrations/index.ts';
import { rebuildStats, statsBuilt } from '../repositories/stats.ts';

/** How long a starting process waits for another one's migrations (SQLite's busy timeout meanwhile). */
const SQLITE_MIGRATION_WAIT_MS = 10 * 60 * 1000;
const SQLITE_BUSY_TIMEOUT_MS = 10_000; // database.ts

/** The advisory lock under which the first start builds the dashboards' aggregates (PostgreSQL). */
const STATS_BUILD_LOCK = 7_310_001;

/**
 * Kysely's migrator first reads the catalogue of every schema of the database. Where several
 * schemas share one database (PASSNUM_PG_SCHEMA), a schema dropped by someone else at that
 * instant fails the read before anything of ours was written: worth reading again.
 */
function catalogueRace(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '3F000' || (e.code === 'XX000' && /cache lookup failed/.test(e.message ?? ''));
}

export async function migrateToLatest(handle: DatabaseHandle, pgSchema?: string): Promise<string[]> {
  return runMigrations(handle, migrations, pgSchema);
}

/**
 * Applies the pending migrations of `all` in ONE transaction, under a lock: two processes starting
 * together do not race (the second waits, then finds nothing left to do), and a migration that
 * fails leaves the database as it was, every earlier migration of the run included.
 * - PostgreSQL: Kysely locks its `kysely_migration_lock` table inside the transaction.
 * - SQLite: the transaction starts with BEGIN IMMEDIATE (sqlite-driver.ts), which takes the
 *   database's write lock; the other process waits for it (busy timeout raised meanwhile).
 */
export async function runMigrations(handle: DatabaseHandle, all: Record<string, Migration>, pgSchema?: string): Promise<string[]> {
  if (handle.dialect === 'postgresql' && pgSchema) {
    await sql`create schema if not exists ${sql.id(pgSchema)}`.execute(handle.db);
  }
  const provider: MigrationProvider = { getMigrations: async () => all };
  // With a schema per test file, Kysely must look for its migration tables in that schema: by
  // default it finds another schema's `kysely_migration_lock` and skips creating its own.
  const migrator = new Migrator({
    db: handle.db,
    provider,
    // Changes developed side by side land in any order, each with its own timestamp prefix: a
    // database that already ran a later-named migration still applies an earlier-named newcomer.
    allowUnorderedMigrations: true,
    ...(handle.dialect === 'postgresql' && pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  if (handle.dialect === 'sqlite') await sql.raw(`pragma busy_timeout = ${SQLITE_MIGRATION_WAIT_MS}`).execute(handle.db);
  try {
    let outcome = await migrator.migrateToLatest();
    for (let attempt = 1; outcome.error && attempt < 5 && catalogueRace(outcome.error); attempt++) outcome = await migrator.migrateToLatest();
    const { error, results } = outcome;
    if (error) throw error;
    // The dashboards' aggregates are computed from the detail rows once, after the migration that
    // created them (an existing database keeps its figures); afterwards every write maintains them.
    // Checked again under a lock: two processes starting together would otherwise both build them.
    if (!(await statsBuilt(handle.db))) {
      await handle.db.transaction().execute(async (trx) => {
        if (handle.dialect === 'postgresql') await sql`select pg_advisory_xact_lock(${STATS_BUILD_LOCK})`.execute(trx);
        if (!(await statsBuilt(trx))) await rebuildStats(trx, handle.dialect, new Date().toISOString());
      });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    if (handle.dialect === 'sqlite') await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(handle.db);
  }
}
