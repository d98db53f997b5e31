import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { createDeps } from '../../src/composition.ts';
import { createDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { FakeClock } from './clock.ts';

/**
 * A fresh migrated database per test file: a temporary SQLite file (a copy of the run's migrated
 * template), or — when DATABASE_URL points to PostgreSQL (CI runs the suite twice) — a fresh
 * schema in that database.
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

const DEFAULT_NOW = '2026-03-15T10:00:00.000Z';

export async function createTestDb(opts: { now?: string; poolSize?: number; copyOf?: string } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-test-'));
  const templates = process.env.DATABASE_URL ? undefined : templatesDir();
  const copyOf = opts.copyOf ?? (templates ? await migratedTemplate(templates) : undefined);
  if (copyOf) cpSync(copyOf, dataDir, { recursive: true, filter: (src) => path.basename(src) !== '.ready' });
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL }),
  };
  const pgSchema = config.databaseUrl ? `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const connection = { databaseUrl: config.databaseUrl, sqlitePath: path.join(dataDir, 'passnum.sqlite'), pgSchema };
  const handle = createDatabase({ ...connection, poolSize: opts.poolSize ?? 20 });
  await migrateToLatest(handle, pgSchema);
  const clock = new FakeClock(opts.now ?? DEFAULT_NOW);
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

/**
 * A fresh database holding the demo. Seeding it takes seconds; on SQLite the first test file of a
 * run seeds a template (database file and data directory, closed so that the WAL is folded in) and
 * every file copies it, as immich copies a migrated template. PostgreSQL seeds each time: its test
 * databases are schemas, which have no template to copy.
 */
export async function createDemoDb(opts: { now?: string; poolSize?: number } = {}): Promise<TestDb> {
  const now = opts.now ?? DEFAULT_NOW;
  const templates = templatesDir();
  if (process.env.DATABASE_URL || !templates) {
    const tdb = await createTestDb(opts);
    await seedDemo(tdb.deps);
    return tdb;
  }
  return createTestDb({ ...opts, copyOf: await demoTemplate(templates, now) });
}

function templatesDir(): string | undefined {
  try {
    return inject('templatesDir');
  } catch {
    return undefined; // outside a vitest worker (no global setup): no template
  }
}

/** The seeded demo's data directory, built once per run (on SQLite). */
function demoTemplate(templates: string, now: string): Promise<string> {
  return template(path.join(templates, `demo-${now.replace(/[^0-9]/g, '')}`), async () => {
    const tdb = await createTestDb({ now });
    await seedDemo(tdb.deps);
    await tdb.handle.close();
    return tdb.config.dataDir;
  });
}

/** An empty migrated SQLite database, built once per run: copying it costs milliseconds, migrating half a second. */
function migratedTemplate(templates: string): Promise<string> {
  return template(path.join(templates, 'migrated'), async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-test-'));
    const handle = createDatabase({ sqlitePath: path.join(dataDir, 'passnum.sqlite') });
    await migrateToLatest(handle);
    await handle.close(); // folds the WAL into the file
    return dataDir;
  });
}

/** A data directory built once by whichever test file comes first; the others wait for it, then copy it. */
async function template(dir: string, build: () => Promise<string>): Promise<string> {
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 180_000;
  while (!existsSync(ready)) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`template lock held too long: ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (!existsSync(ready)) {
        const built = await build();
        rmSync(dir, { recursive: true, force: true });
        renameSync(built, dir);
        writeFileSync(ready, '');
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

declare module 'vitest' {
  export interface ProvidedContext {
    templatesDir: string;
  }
}
