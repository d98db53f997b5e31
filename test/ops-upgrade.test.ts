// Upgrades keep data (issue 23, point 3): each released version's fixture (schema and demo data,
// written by scripts/release-fixture.ts) is loaded as it was, migrated to the current schema by the
// same code as `passnum migrate`, and every record it held must still be there, unchanged.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { createDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { buildApp } from '../src/http/app.ts';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { dialectName } from './helpers/db.ts';
import { missingRecords, snapshotTables } from './helpers/ops-snapshot.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/releases');
const suffix = dialectName === 'postgresql' ? '.pg.sql' : '.sqlite.sql';
const releases = readdirSync(FIXTURES).filter((f) => f.endsWith(suffix)).sort();
const databaseUrl = process.env.DATABASE_URL;
/**
 * Columns a later migration changes ON PURPOSE, by table, each with the migration that does it.
 * Every other value of every released record must come through an upgrade unchanged.
 */
const CHANGED_ON_PURPOSE: Record<string, string[]> = {
  // 20261207200000_insert_diagnostic_model_v2: v2 becomes the current model, v1 stays as it was.
  diagnostic_models: ['is_current'],
};
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Opens a database holding the released fixture as it was, NOT migrated. */
async function loadRelease(file: string): Promise<{ handle: DatabaseHandle; pgSchema?: string; dataDir: string }> {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-upgrade-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const sqlitePath = path.join(dataDir, 'passnum.sqlite');
  if (!databaseUrl) {
    const raw = new SQLite(sqlitePath);
    raw.exec(text);
    raw.close();
    return { handle: createDatabase({ sqlitePath }), dataDir };
  }
  const pgSchema = `up_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(text.replace(/\bpassnum_release\b/g, pgSchema));
  await client.end();
  const handle = createDatabase({ databaseUrl, sqlitePath, pgSchema });
  cleanups.push(async () => {
    await sql`drop schema if exists ${sql.id(pgSchema)} cascade`.execute(handle.db);
    await handle.close();
  });
  return { handle, pgSchema, dataDir };
}

describe(`upgrade from each released version (${dialectName})`, () => {
  it('has a fixture for the current release at least', () => {
    expect(releases.length).toBeGreaterThan(0);
  });

  it.each(releases)('%s: migrate keeps every record; the audit chain verifies; the app starts and signs in', async (file) => {
    const { handle, pgSchema, dataDir } = await loadRelease(file);
    const before = await snapshotTables(handle, pgSchema);
    expect(before.get('tickets')?.length).toBeGreaterThan(100);
    expect(before.get('redemptions')?.length).toBeGreaterThan(10);
    expect(before.get('audit_log')?.length).toBeGreaterThan(10);

    const applied = await migrateToLatest(handle, pgSchema);
    // Whatever this release did not have yet, and nothing else, is applied.
    const { rows } = await sql<{ name: string }>`select name from ${sql.table('kysely_migration')} order by name`.execute(handle.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    expect(applied.every((name) => name in migrations)).toBe(true);

    const after = await snapshotTables(handle, pgSchema);
    expect(missingRecords(before, after, CHANGED_ON_PURPOSE)).toEqual([]);

    const deps = createDeps(loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir }), handle);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
    const app = await buildApp(deps, { serveWeb: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'admin@demo.passnum.fr', password: 'passnum-demo' } });
      expect(signIn.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    if (!pgSchema) await handle.close();
  }, 120_000);
});
