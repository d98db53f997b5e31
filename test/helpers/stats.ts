import { sql } from 'kysely';
import { expect } from 'vitest';
import { rebuildStats } from '../../src/repositories/stats.ts';
import type { TestDb } from './db.ts';

/** Every dashboard aggregate (cells + pending, summed by key, zeros dropped) and the call list, sorted. */
export async function statsSnapshot(tdb: TestDb) {
  const { rows } = await sql<Record<string, unknown>>`select stat, campaign_id, month, d1, d2, d3, sum(n1) as n1, sum(n2) as n2, sum(n3) as n3, sum(n4) as n4
    from (select stat, campaign_id, month, d1, d2, d3, n1, n2, n3, n4 from stats_cells
          union all select stat, campaign_id, month, d1, d2, d3, n1, n2, n3, n4 from stats_pending) x
    group by stat, campaign_id, month, d1, d2, d3`.execute(tdb.deps.db);
  const cells = rows
    .map((r) => ({ ...r, n1: Number(r.n1), n2: Number(r.n2), n3: Number(r.n3), n4: Number(r.n4) }))
    .filter((r) => r.n1 || r.n2 || r.n3 || r.n4)
    .map((r) => JSON.stringify(r))
    .sort();
  const calls = (await tdb.deps.db.selectFrom('call_list').selectAll().execute())
    .map((r) => JSON.stringify({ ...r, unused: Number(r.unused), unused_cents: Number(r.unused_cents), used: Number(r.used) }))
    .sort();
  return { cells, calls };
}

/**
 * The maintained aggregates equal a recomputation from the detail rows (src/repositories/stats.ts):
 * a write path that forgot `withStats` fails here. Leaves the recomputed aggregates in place.
 */
export async function expectStatsConsistent(tdb: TestDb) {
  const maintained = await statsSnapshot(tdb);
  await tdb.deps.db.transaction().execute((trx) => rebuildStats(trx, tdb.deps.dialect, tdb.clock.now().toISOString()));
  const rebuilt = await statsSnapshot(tdb);
  expect(maintained.cells).toEqual(rebuilt.cells);
  expect(maintained.calls).toEqual(rebuilt.calls);
  return rebuilt;
}
