import { foldPendingStats } from '../repositories/stats.ts';
import { inTransaction } from '../repositories/tx.ts';
import type { Deps } from '../usecases/support/deps.ts';

/**
 * `passnum jobs:run stats`: folds the dashboards' pending changes into their aggregates
 * (src/repositories/stats.ts). Dashboards are exact without it (they read both); it keeps the
 * pending table small. `npm start` runs it every minute.
 */
export async function foldStatsJob(deps: Deps): Promise<Record<string, unknown>> {
  const folded = await inTransaction(deps.db, (trx) => foldPendingStats(trx, deps.dialect));
  return { folded };
}

/** The embedded setup's minute-by-minute fold (unref'd timer, the job's lock makes it safe). */
export function startStatsFolding(run: () => Promise<unknown>, everyMs = 60_000): { stop(): void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    run().finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
