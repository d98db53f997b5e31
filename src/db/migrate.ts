import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { migrations } from './migrations/index.ts';
import { rebuildStats, statsBuilt } from '../repositories/stats.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(handle: DatabaseHandle, pgSchema?: string): Promise<string[]> {
  if (handle.dialect === 'postgresql' && pgSchema) {
    await sql`create schema if not exists ${sql.id(pgSchema)}`.execute(handle.db);
  }
  // With a schema per test file, Kysely must look for its migration tables in that schema: by
  // default it finds another schema's `kysely_migration_lock` and skips creating its own.
  const migrator = new Migrator({
    db: handle.db,
    provider,
    ...(handle.dialect === 'postgresql' && pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  // The dashboards' aggregates are computed from the detail rows once, after the migration that
  // created them (an existing database keeps its figures); afterwards every write maintains them.
  if (!(await statsBuilt(handle.db))) {
    await handle.db.transaction().execute((trx) => rebuildStats(trx, handle.dialect, new Date().toISOString()));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
