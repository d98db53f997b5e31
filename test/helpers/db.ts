import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/config.ts';
import { createDeps } from '../../src/composition.ts';
import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { FakeClock } from './clock.ts';

/**
 * A fresh migrated database per test file: a temporary SQLite file, or — when DATABASE_URL points
 * to PostgreSQL (CI runs the suite twice) — a fresh schema in that database.
 */
export interface TestDb {
  handle: DatabaseHandle;
  deps: Deps;
  clock: FakeClock;
  config: Config;
  /** Options to open another connection on the same database (e.g. for a second app process). */
  connection: { databaseUrl?: string; sqlitePath: string; pgSchema?: string };
  close(): Promise<void>;
}

export async function createTestDb(opts: { now?: string; poolSize?: number } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-test-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL }),
  };
  const pgSchema = config.databaseUrl ? `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const connection = { databaseUrl: config.databaseUrl, sqlitePath: path.join(dataDir, 'passnum.sqlite'), pgSchema };
  const handle = createDatabase({ ...connection, poolSize: opts.poolSize ?? 20 });
  await migrateToLatest(handle, pgSchema);
  const clock = new FakeClock(opts.now ?? '2026-03-15T10:00:00.000Z');
  const deps = createDeps(config, handle, { now: () => clock.now() });
  return {
    handle,
    deps,
    clock,
    config,
    connection,
    async close() {
      if (pgSchema) await sql`drop schema if exists ${sql.id(pgSchema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}

export const dialectName = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';
