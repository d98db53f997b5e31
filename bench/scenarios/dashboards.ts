// Scenario 4: each dashboard query (the read models behind /api/dashboards/*) for one territory
// and for the whole country (territoryId null), p50 and p95 over repeated runs, plus each
// dashboard as its use case serves it to a territory's admin (the queries it runs together).
import { addDays, parisDate, parisStartOfDay } from '../../src/domain/paris-time.ts';
import { dormantBooklets, expiringUnused, namesFor } from '../../src/repositories/read-models/action-list.ts';
import { funnelFromStats, markersFromStats, moneyFromStats, profilesFromStats, sessionsFromStats } from '../../src/repositories/read-models/dashboard-stats.ts';
import { quotasByCommune } from '../../src/repositories/read-models/funnel.ts';
import type { ReadScope } from '../../src/repositories/read-models/scope.ts';
import { getActionList } from '../../src/usecases/followup/get-action-list.ts';
import { getFunnelDashboard } from '../../src/usecases/followup/get-funnel-dashboard.ts';
import { getMoneyDashboard } from '../../src/usecases/followup/get-money-dashboard.ts';
import { getPeopleDashboard } from '../../src/usecases/followup/get-people-dashboard.ts';
import { percentile } from '../load.ts';
import { adminActor, benchDeps, figure, timed, type BenchContext, type Figure, type ScenarioResult } from './common.ts';

export function dashboardsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('dashboards', async () => {
    const prepared = await ctx.dataset();
    const ids = prepared.meta.bench;
    const handle = prepared.target.open();
    try {
      const deps = benchDeps(handle);
      const db = deps.db;
      const today = parisDate(new Date());
      const window = { today, until: ids.validityEnd };
      // Territory and country: the maintained aggregates (src/repositories/stats.ts), as the use
      // cases read them; quotas and names from their own small tables; the call list by index.
      const stats = (s: ReadScope) => ({ territoryId: s.territoryId, campaignId: null, fromMonth: null, toMonth: null });
      const handedBefore = parisStartOfDay(addDays(today, -30)).toISOString();
      const queries: Record<string, (s: ReadScope) => Promise<unknown>> = {
        'entonnoir: funnelFromStats': (s) => funnelFromStats(db, stats(s)),
        'entonnoir: quotasByCommune': (s) => quotasByCommune(db, s),
        'personnes: sessionsFromStats': (s) => sessionsFromStats(db, stats(s)),
        'personnes: trainedMarkersFromStats': (s) => markersFromStats(db, 'trained_markers', stats(s)),
        'personnes: handedMarkersFromStats': (s) => markersFromStats(db, 'handed_markers', stats(s)),
        'personnes: profilesFromStats': (s) => profilesFromStats(db, stats(s)),
        'argent: moneyFromStats': (s) => moneyFromStats(db, stats(s), today),
        'à appeler: expiringUnused': (s) => expiringUnused(db, s, window, { limit: 50, offset: 0 }),
        'à appeler: dormantBooklets': (s) => dormantBooklets(db, s, { ...window, handedBefore }, { limit: 50, offset: 0 }),
        'noms: namesFor': (s) => namesFor(db, s.territoryId),
      };
      const admin = adminActor(ids);
      const dashboards: Record<string, () => Promise<unknown>> = {
        'tableau entonnoir (cas d’usage)': () => getFunnelDashboard(deps, admin, {}),
        'tableau personnes (cas d’usage)': () => getPeopleDashboard(deps, admin, {}),
        'tableau argent (cas d’usage)': () => getMoneyDashboard(deps, admin, {}),
        'liste à appeler (cas d’usage)': () => getActionList(deps, admin, { days: 90, limit: 50, offset: 0 }),
      };
      const sample = async (fn: () => Promise<unknown>) => {
        const times: number[] = [];
        const deadline = performance.now() + ctx.scale.dashboardSeconds * 1000;
        const w = performance.now();
        await fn(); // warm the caches once, as a dashboard opened twice would
        // Queries of more than 10 s (national scans) are timed twice, others at least three times.
        const minRuns = performance.now() - w > 10_000 ? 2 : 3;
        while (times.length < ctx.scale.dashboardIterations && (times.length < minRuns || performance.now() < deadline)) {
          const t = performance.now();
          await fn();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return { n: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
      };
      const figures: Figure[] = [];
      const details: Record<string, unknown> = {};
      for (const [scopeName, scope, limit] of [
        ['territoire', { territoryId: ids.territoryId } as ReadScope, 100],
        ['national', { territoryId: null } as ReadScope, 500],
      ] as const) {
        for (const [name, q] of Object.entries(queries)) {
          ctx.log(`  ${scopeName} — ${name}…`);
          const r = await sample(() => q(scope));
          details[`${scopeName} — ${name}`] = r;
          figures.push(figure(`${scopeName} — ${name} — p50`, r.p50, 'ms'), figure(`${scopeName} — ${name} — p95`, r.p95, 'ms', { op: '<=', value: limit }));
        }
      }
      for (const [name, fn] of Object.entries(dashboards)) {
        ctx.log(`  territoire — ${name}…`);
        const r = await sample(fn);
        details[`territoire — ${name}`] = r;
        figures.push(figure(`territoire — ${name} — p50`, r.p50, 'ms'), figure(`territoire — ${name} — p95`, r.p95, 'ms', { op: '<=', value: 100 }));
      }
      return { figures, details: { ...details, dataset: prepared.meta.counts } };
    } finally {
      await handle.close();
    }
  });
}
