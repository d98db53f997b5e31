import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { migrations } from './migrations/index.ts';

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
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
