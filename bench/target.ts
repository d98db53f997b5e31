// Where a benchmark runs: a SQLite file under data/bench/ (reused while its parameters match) or
// a PostgreSQL database created on 127.0.0.1:5432 for the run and dropped at the end (kept and
// reused with --keep-db). Children (app servers, memory probes) get the same connection by env.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { rebuildStats } from '../src/repositories/stats.ts';
import { pgSink, sqliteSink, type BulkSink } from './bulk.ts';
import { pgAdminUrl, pgUrlFor, type DatasetSize, type DbKind } from './config.ts';
import { buildDataset, datasetKey, readCodes, readMeta, writeSidecar, type DatasetMeta } from './dataset.ts';

/** Built datasets (git-ignored): data/bench/ unless PASSNUM_BENCH_DIR says otherwise. */
export function benchDir(): string {
  return path.resolve(process.env.PASSNUM_BENCH_DIR ?? 'data/bench');
}

export interface Target {
  dialect: DbKind;
  /** The env a child process needs to open this database with the app's own config. */
  env: Record<string, string>;
  /** Human-readable location (file or database name). */
  where: string;
  open(poolSize?: number): DatabaseHandle;
  dispose(): Promise<void>;
}

export interface Prepared {
  target: Target;
  meta: DatasetMeta;
  codes: string[];
  reused: boolean;
}

async function adminQuery(sqlText: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await client.query(sqlText);
  } finally {
    await client.end();
  }
}

function sqliteTarget(dir: string, temporary: boolean): Target {
  const file = path.join(dir, 'passnum.sqlite');
  return {
    dialect: 'sqlite',
    env: { PASSNUM_DATA_DIR: dir, DATABASE_URL: '' },
    where: file,
    open: () => createDatabase({ sqlitePath: file }),
    async dispose() {
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pgTarget(database: string, drop: boolean): Target {
  const url = pgUrlFor(database);
  return {
    dialect: 'postgresql',
    env: { DATABASE_URL: url },
    where: `${database} (127.0.0.1:5432)`,
    open: (poolSize = 10) => createDatabase({ databaseUrl: url, sqlitePath: ':memory:', poolSize }),
    async dispose() {
      if (drop) await adminQuery(`drop database if exists ${database} with (force)`);
    },
  };
}

function findPrevious(kind: DbKind, size: DatasetSize): { meta: DatasetMeta; dir?: string } | null {
  if (!existsSync(benchDir())) return null;
  for (const name of readdirSync(benchDir())) {
    if (kind === 'sqlite' && name.startsWith('sqlite-')) {
      const meta = readMeta(path.join(benchDir(), name, 'dataset.json'), size);
      if (meta) return { meta, dir: path.join(benchDir(), name) };
    }
    if (kind === 'postgresql' && /^pg-[0-9a-f]+\.json$/.test(name)) {
      const meta = readMeta(path.join(benchDir(), name), size);
      if (meta) return { meta };
    }
  }
  return null;
}

/** Reuses a built dataset, migrated first to the latest schema (new indexes are built on its data). */
async function reuse(target: Target, meta: DatasetMeta, codesPath: string, log: (m: string) => void): Promise<Prepared> {
  const handle = target.open();
  try {
    const applied = await migrateToLatest(handle);
    if (applied.length) log(`Jeu de données existant migré : ${applied.join(', ')}`);
    if (applied.length && target.dialect === 'postgresql') await sql`analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
  return { target, meta, codes: readCodes(codesPath), reused: true };
}

/**
 * A database holding the dataset of `size`: reused when a previous run built the same one (and
 * `keep` allows it), built otherwise. `temporary` targets are removed by dispose().
 */
export async function prepareDataset(
  kind: DbKind,
  size: DatasetSize,
  opts: { keep: boolean; temporary?: boolean; log?: (m: string) => void },
): Promise<Prepared> {
  const log = opts.log ?? (() => {});
  const key = datasetKey(size);
  mkdirSync(benchDir(), { recursive: true });
  let target: Target;
  let sidecar: string;
  let codesPath: string;
  // A dataset of the same sizes built earlier (under any key: older keys also hashed the schema).
  const previous = opts.temporary ? null : findPrevious(kind, size);
  if (kind === 'sqlite') {
    const dir = opts.temporary ? path.join(benchDir(), `tmp-${key}-${process.pid}-${Date.now()}`) : (previous?.dir ?? path.join(benchDir(), `sqlite-${key}`));
    target = sqliteTarget(dir, !!opts.temporary);
    sidecar = path.join(dir, 'dataset.json');
    codesPath = path.join(dir, 'codes.txt');
    if (previous && existsSync(target.where)) return reuse(target, previous.meta, codesPath, log);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  } else {
    const keep = opts.keep && !opts.temporary;
    if (keep && previous) {
      const database = `passnum_bench_${previous.meta.key}`;
      if ((await adminQuery(`select 1 from pg_database where datname = '${database}'`)).rowCount === 1) {
        return reuse(pgTarget(database, false), previous.meta, path.join(benchDir(), `pg-${previous.meta.key}.codes.txt`), log);
      }
    }
    const database = keep ? `passnum_bench_${key}` : `passnum_bench_${key}_${process.pid}_${Date.now().toString(36)}`;
    target = pgTarget(database, !keep);
    sidecar = path.join(benchDir(), `pg-${key}.json`);
    codesPath = path.join(benchDir(), `pg-${key}.codes.txt`);
    await adminQuery(`drop database if exists ${database} with (force)`);
    await adminQuery(`create database ${database}`);
  }
  log(`Construction du jeu de données (${kind}, ${target.where})…`);
  const handle = target.open();
  await migrateToLatest(handle);
  await handle.close();
  const sink: BulkSink = kind === 'sqlite' ? sqliteSink(target.where) : await pgSink(pgUrlFor(target.where.split(' ')[0]));
  try {
    const built = await buildDataset(sink, size, new Date(), log);
    await buildStats(target, log);
    const meta: DatasetMeta = { key, dialect: kind, ...built.meta };
    if (!opts.temporary) writeSidecar(sidecar, meta, codesPath, built.codes);
    log(`Jeu de données prêt en ${Math.round(meta.buildSeconds)} s (${meta.rowsPerSecond} lignes/s, index ${Math.round(meta.indexSeconds)} s).`);
    return { target, meta, codes: built.codes, reused: false };
  } finally {
    await sink.close();
  }
}

/** The dashboards' aggregates, computed from the bulk-loaded rows as after their migration. */
async function buildStats(target: Target, log: (m: string) => void): Promise<void> {
  const t = performance.now();
  const handle = target.open();
  try {
    await handle.db.transaction().execute((trx) => rebuildStats(trx, handle.dialect, new Date().toISOString()));
  } finally {
    await handle.close();
  }
  log(`Agrégats des tableaux de bord calculés en ${Math.round((performance.now() - t) / 1000)} s.`);
}
