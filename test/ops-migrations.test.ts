// Migrations under a lock (issue 23, point 3): two processes starting together do not race, and a
// migration that fails leaves the database exactly as it was.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { createTestDb, dialectName } from './helpers/db.ts';
import { missingRecords, snapshotTables } from './helpers/ops-snapshot.ts';

const databaseUrl = process.env.DATABASE_URL;
const ROOT = path.resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A migration that writes (a table, a row, a change to existing data), then one that fails. */
const failingPair: Record<string, Migration> = {
  '99990101000000_probe_writes': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('ops_probe').addColumn('id', 'text', (c) => c.primaryKey()).execute();
      await db.insertInto('ops_probe').values({ id: 'x' }).execute();
      await db.updateTable('diagnostic_models').set({ model: '{"changé":"par une migration ratée"}' }).execute();
    },
  },
  '99990101000100_probe_fails': {
    async up(db: Kysely<any>) {
      await sql`select * from table_that_does_not_exist`.execute(db);
    },
  },
};

function freshTarget(): { handle: DatabaseHandle; pgSchema?: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'passnum-migr-'));
  const pgSchema = databaseUrl ? `mg_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const handle = createDatabase({ databaseUrl, sqlitePath: path.join(dir, 'passnum.sqlite'), pgSchema });
  cleanups.push(async () => {
    if (pgSchema) await sql`drop schema if exists ${sql.id(pgSchema)} cascade`.execute(handle.db);
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { handle, pgSchema };
}

async function appliedNames(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table('kysely_migration')} order by name`.execute(handle.db);
  return rows.map((r) => r.name);
}

describe(`migrations (${dialectName})`, () => {
  it('a failed migration on an existing database leaves every table and row as it was', async () => {
    const tdb = await createTestDb();
    cleanups.push(() => tdb.close());
    const before = await snapshotTables(tdb.handle, tdb.connection.pgSchema);
    expect(before.get('diagnostic_models')?.length).toBeGreaterThan(0);
    const names = await appliedNames(tdb.handle);
    await expect(runMigrations(tdb.handle, { ...migrations, ...failingPair }, tdb.connection.pgSchema)).rejects.toThrow(/table_that_does_not_exist/);
    expect(await appliedNames(tdb.handle)).toEqual(names);
    const after = await snapshotTables(tdb.handle, tdb.connection.pgSchema);
    expect([...after.keys()]).toEqual([...before.keys()]); // no ops_probe
    expect(missingRecords(before, after)).toEqual([]);
    expect(missingRecords(after, before)).toEqual([]);
  });

  it('a failure in the middle of a first install leaves an empty database (not half a schema)', async () => {
    const { handle, pgSchema } = freshTarget();
    const all = { ...Object.fromEntries(Object.entries(migrations).slice(0, 3)), ...failingPair };
    await expect(runMigrations(handle, all, pgSchema)).rejects.toThrow();
    expect(await appliedNames(handle)).toEqual([]);
    expect([...(await snapshotTables(handle, pgSchema)).keys()]).toEqual([]);
    // …and the same database then migrates normally.
    await runMigrations(handle, migrations, pgSchema);
    expect(await appliedNames(handle)).toEqual(Object.keys(migrations).sort());
  });

  it('the upgrade check sees a record changed or removed', async () => {
    const tdb = await createTestDb();
    cleanups.push(() => tdb.close());
    const before = await snapshotTables(tdb.handle, tdb.connection.pgSchema);
    await tdb.handle.db.updateTable('diagnostic_models').set({ model: '{}' }).execute();
    expect(missingRecords(before, await snapshotTables(tdb.handle, tdb.connection.pgSchema)).join()).toMatch(/diagnostic_models: \d+ ligne/);
  });

  it('two processes running `passnum migrate` at the same time on a fresh database: both succeed, each migration applied once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-migr-lock-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let url: string | undefined;
    if (databaseUrl) {
      // A database of its own: `passnum migrate` works in the database's default schema.
      const dbName = `passnum_ops_lock_${Date.now().toString(36)}`;
      const admin = createDatabase({ databaseUrl, sqlitePath: ':memory:' });
      await sql.raw(`create database ${dbName}`).execute(admin.db);
      url = databaseUrl.replace(/\/[^/]*$/, `/${dbName}`);
      cleanups.push(async () => {
        await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
        await admin.close();
      });
    }
    const env = { ...process.env, NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir, DATABASE_URL: url ?? '' };
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/passnum.js'), 'migrate'], { cwd: ROOT, env });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (code) => resolve({ code, out }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) expect(r.code, r.out).toBe(0);
    // One applied everything; the other waited for it and found nothing left to do.
    expect(results.filter((r) => r.out.includes('Migrations appliquées')).length).toBe(1);
    expect(results.filter((r) => r.out.includes('déjà à jour')).length).toBe(1);
    const check = createDatabase({ databaseUrl: url, sqlitePath: path.join(dataDir, 'passnum.sqlite') });
    expect(await appliedNames(check)).toEqual(Object.keys(migrations).sort());
    await check.close();
  }, 60_000);
});
