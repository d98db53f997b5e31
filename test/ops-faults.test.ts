// Faults injected for real (issue 23, "Bad input and faults"): PostgreSQL connections killed by
// the server under load (what a restart does to the pool), the database down at start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/database.ts';
import { createTestDb, dialectName } from './helpers/db.ts';
import { spawnApp, stopApp } from './helpers/http-load.ts';
import { runCli } from './helpers/ops-cli.ts';

const databaseUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe(`database down at start (${dialectName})`, () => {
  it('PostgreSQL unreachable: `passnum start` ends at once with a French explanation', async () => {
    const r = await runCli(['start', '--no-demo'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/passnum', PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('La base de données PostgreSQL ne répond pas (127.0.0.1:1)');
    expect(r.out).not.toMatch(/at .*\.ts:\d+/); // no stack trace for an operator
  });

  it('a PostgreSQL database that does not exist: says so', async () => {
    if (!databaseUrl) return;
    const r = await runCli(['migrate'], { DATABASE_URL: databaseUrl.replace(/\/[^/]*$/, '/passnum_ops_absent') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('La base nommée dans DATABASE_URL n’existe pas');
  });

  it('SQLite: a data directory that cannot hold the database: says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passnum-down-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'not-a-dir'), '');
    const r = await runCli(['migrate'], { PASSNUM_DATA_DIR: path.join(dir, 'not-a-dir'), DATABASE_URL: '' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Impossible d’ouvrir le fichier de la base SQLite');
  });
});

describe.runIf(databaseUrl)('PostgreSQL connections terminated by the server under load', () => {
  it('a connection killed while a request holds it fails that request only, not the process', async () => {
    const tdb = await createTestDb();
    cleanups.push(() => tdb.close());
    const other = createDatabase({ ...tdb.connection, poolSize: 2 });
    cleanups.push(() => other.close());
    // The connection is checked out of the pool (inside a transaction) when the server ends it:
    // pg then emits 'error' on a client the pool no longer listens to.
    const outcome = other.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0].pid})`.execute(tdb.handle.db);
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => 'committed',
        () => 'failed',
      );
    expect(await outcome).toBe('failed');
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(other.db);
    expect(rows[0].one).toBe(1);
  });

  it('the process survives (57P01 on idle connections) and serves again', async () => {
    const tdb = await createTestDb();
    cleanups.push(() => tdb.close());
    // The app process's connections carry a name of their own: only they are terminated, never
    // those of other tests sharing the server.
    const appName = `passnum_fault_${Date.now().toString(36)}`;
    const { url, child } = await spawnApp({ DATABASE_URL: databaseUrl, PASSNUM_PG_SCHEMA: tdb.connection.pgSchema, PGAPPNAME: appName });
    cleanups.push(() => stopApp(child));
    const burst = () => Promise.all(Array.from({ length: 30 }, () => fetch(`${url}/api/health`).then((r) => r.status, () => 0)));
    expect(new Set(await burst())).toEqual(new Set([200])); // the pool now holds idle connections
    const terminate = () =>
      sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = ${appName}`.execute(tdb.handle.db);
    // Idle connections killed (what a PostgreSQL restart does), then again in the middle of a burst.
    expect((await terminate()).rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    const [during] = await Promise.all([burst(), terminate()]);
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode, 'the app process died').toBeNull();
    // Requests killed mid-flight answer an error, never a hang; the next ones are served again.
    for (const status of during) expect([200, 500, 503]).toContain(status);
    expect(new Set(await burst())).toEqual(new Set([200]));
    expect(child.exitCode).toBeNull();
  }, 60_000);
});
