import { statfs, stat } from 'node:fs/promises';
import { sqlitePath } from '../../config.ts';
import { migrations } from '../../db/migrations/index.ts';
import { JOBS } from '../../jobs/registry.ts';
import { pingDatabase } from '../../repositories/health.ts';
import { appliedMigrations, latestJobRuns, outboxDepth, type JobRunStats } from '../../repositories/ops-metrics.ts';
import type { Deps } from '../support/deps.ts';

/** Below this free space on the data disk (SQLite), the service says it is not ready. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

export interface Readiness {
  ready: boolean;
  checks: { database: 'ok' | string; migrations: 'ok' | string; disk: 'ok' | string };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Free bytes on the disk holding the SQLite database (null on PostgreSQL). */
export async function sqliteFreeBytes(deps: Deps): Promise<number | null> {
  if (deps.dialect !== 'sqlite') return null;
  const s = await statfs(deps.config.dataDir);
  return s.bavail * s.bsize;
}

/**
 * Ready to serve: the database answers, every migration this code knows is applied, and (SQLite)
 * the data disk has room for writes. Each failed check says why, in French.
 */
export async function checkReadiness(deps: Deps): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'ok', migrations: 'ok', disk: 'ok' };
  try {
    await withTimeout(pingDatabase(deps.db), 2_000, 'la base de données');
    const applied = new Set(await appliedMigrations(deps.db));
    const pending = Object.keys(migrations).filter((m) => !applied.has(m));
    if (pending.length) checks.migrations = `${pending.length} migration(s) à appliquer (passnum migrate) : ${pending.join(', ')}`;
  } catch (error) {
    checks.database = `la base de données ne répond pas : ${(error as Error).message}`;
  }
  const free = await sqliteFreeBytes(deps).catch(() => null);
  if (free !== null && free < MIN_FREE_BYTES) checks.disk = `disque de la base presque plein : ${Math.floor(free / 1024)} Kio libres`;
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}

export interface OperationalFigures {
  jobs: JobRunStats[];
  outbox: Record<string, number>;
  sqliteWalBytes: number | null;
  sqliteFreeBytes: number | null;
}

/** What /metrics reports from the database and the disk at each scrape (cheap, indexed reads). */
export async function operationalFigures(deps: Deps): Promise<OperationalFigures> {
  const walBytes = deps.dialect === 'sqlite' ? await stat(`${sqlitePath(deps.config)}-wal`).then((s) => s.size, () => 0) : null;
  return {
    jobs: await latestJobRuns(deps.db, Object.keys(JOBS)),
    outbox: await outboxDepth(deps.db),
    sqliteWalBytes: walBytes,
    sqliteFreeBytes: await sqliteFreeBytes(deps).catch(() => null),
  };
}
