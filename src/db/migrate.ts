import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(handle: DatabaseHandle, pgSchema?: string): Promise<string[]> {
  if (handle.dialect === 'postgresql' && pgSchema) {
    await sql`create schema if not exists ${sql.id(pgSchema)}`.execute(handle.db);
  }
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
