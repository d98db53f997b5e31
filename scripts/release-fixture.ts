// Writes the fixture of a released version: its schema and the demo data, as SQL, for SQLite and
// for PostgreSQL. The upgrade test (test/ops-upgrade.test.ts) loads each fixture and migrates it
// to the current schema, checking that every record is still there. Run it once per release, on
// the released commit, BEFORE any new migration lands:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/passnum node --import tsx scripts/release-fixture.ts
//
// (without DATABASE_URL only the SQLite fixture is written). Then commit test/fixtures/releases/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { VERSION } from '../src/http/version.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/releases');
/** The schema every PostgreSQL fixture is dumped from; the test renames it to its own. */
export const RELEASE_PG_SCHEMA = 'passnum_release';
// A fixed clock: the demo's dates are relative to it, and the fixture stays the same when regenerated.
const FIXTURE_NOW = '2026-12-07T10:00:00.000Z';

async function seeded(connection: { databaseUrl?: string; sqlitePath: string; pgSchema?: string }): Promise<void> {
  const handle = createDatabase(connection);
  try {
    await migrateToLatest(handle, connection.pgSchema);
    const config = loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: path.dirname(connection.sqlitePath) });
    await seedDemo(createDeps(config, handle, { now: () => new Date(FIXTURE_NOW) }));
  } finally {
    await handle.close();
  }
}

function quote(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** A plain SQL dump of a SQLite file: its schema, then every row (SQLite's `.dump`, without the CLI). */
export function dumpSqlite(file: string): string {
  const db = new SQLite(file, { readonly: true });
  const lines = ['PRAGMA foreign_keys=OFF;', 'BEGIN TRANSACTION;'];
  const objects = db
    .prepare("select type, name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by case type when 'table' then 0 else 1 end, name")
    .all() as { type: string; name: string; sql: string }[];
  for (const o of objects.filter((x) => x.type === 'table')) {
    lines.push(`${o.sql};`);
    const rows = db.prepare(`select * from "${o.name}" order by rowid`).raw().all() as unknown[][];
    for (const row of rows) lines.push(`INSERT INTO "${o.name}" VALUES(${row.map(quote).join(',')});`);
  }
  for (const o of objects.filter((x) => x.type !== 'table')) lines.push(`${o.sql};`);
  lines.push('COMMIT;');
  db.close();
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'passnum-release-'));
  try {
    const file = path.join(dir, 'passnum.sqlite');
    await seeded({ sqlitePath: file });
    writeFileSync(path.join(outDir, `v${VERSION}.sqlite.sql`), dumpSqlite(file));
    console.log(`Écrit : test/fixtures/releases/v${VERSION}.sqlite.sql`);
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      const admin = createDatabase({ databaseUrl, sqlitePath: ':memory:' });
      await sql`drop schema if exists ${sql.id(RELEASE_PG_SCHEMA)} cascade`.execute(admin.db);
      await seeded({ databaseUrl, sqlitePath: file, pgSchema: RELEASE_PG_SCHEMA });
      const dump = execFileSync('pg_dump', ['--schema', RELEASE_PG_SCHEMA, '--inserts', '--no-owner', '--no-privileges', '--dbname', databaseUrl], { maxBuffer: 1 << 30 });
      // pg_dump's psql meta-commands (\restrict, since 15.14) are dropped: the test runs the SQL
      // through the driver, not psql.
      const plain = dump.toString('utf8').split('\n').filter((line) => !line.startsWith('\\')).join('\n');
      writeFileSync(path.join(outDir, `v${VERSION}.pg.sql`), plain);
      await sql`drop schema if exists ${sql.id(RELEASE_PG_SCHEMA)} cascade`.execute(admin.db);
      await admin.close();
      console.log(`Écrit : test/fixtures/releases/v${VERSION}.pg.sql`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
