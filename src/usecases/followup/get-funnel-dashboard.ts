import type { Actor } from '../../domain/actor.ts';
import { percent, summariseFunnel } from '../../domain/dashboard.ts';
import { DomainError } from '../../domain/errors.ts';
import { namesFor } from '../../repositories/read-models/action-list.ts';
import { funnelFromStats, statsScope } from '../../repositories/read-models/dashboard-stats.ts';
import { funnelCells, quotasByCommune } from '../../repositories/read-models/funnel.ts';
import type { Deps } from '../support/deps.ts';
import { resolveReadScope, scopeBody, type ReadFilters } from '../support/read-scope.ts';

const rates = (s: { handedOut: number; firstUsed: number; allUsed: number }) => ({
  ...s,
  firstUsedPercent: percent(s.firstUsed, s.handedOut),
  allUsedPercent: percent(s.allUsed, s.handedOut),
});

/** Quota → handed out → first ticket used → all tickets used, by commune and organisation. */
export async function getFunnelDashboard(deps: Deps, actor: Actor, filters: ReadFilters) {
  const scope = await resolveReadScope(deps, actor, filters);
  if (scope.actorScope.level === 'structure') {
    throw new DomainError('forbidden', 'Le suivi des carnets remis est réservé aux mairies et au financeur.');
  }
  const stats = statsScope(scope.read);
  const [funnel, quotas, names] = await Promise.all([
    stats ? funnelFromStats(deps.db, stats) : funnelCells(deps.db, deps.dialect, scope.read),
    quotasByCommune(deps.db, scope.read),
    namesFor(deps.db, actor.territoryId),
  ]);
  const f = summariseFunnel(funnel.groups, funnel.firstUse);
  const quotaOf = new Map(quotas.map((q) => [q.communeInsee, q.quota]));
  const communes = new Set([...quotaOf.keys(), ...f.byCommune.keys()]);
  const empty = { handedOut: 0, firstUsed: 0, allUsed: 0 };
  const quotaTotal = quotas.reduce((a, q) => a + q.quota, 0);
  return {
    scope: scopeBody(scope),
    totals: { ...rates(f.totals), quota: quotas.length ? quotaTotal : null, handedOutPercentOfQuota: percent(f.totals.handedOut, quotaTotal) },
    byCommune: [...communes]
      .map((insee) => ({ inseeCode: insee, name: names.communes.get(insee) ?? insee, quota: quotaOf.get(insee) ?? 0, ...rates(f.byCommune.get(insee) ?? empty) }))
      .sort((a, b) => b.handedOut - a.handedOut || a.name.localeCompare(b.name, 'fr')),
    byOrganisation: [...f.byOrganisation]
      .map(([id, s]) => ({ organisationId: id, name: names.organisations.get(id) ?? id, ...rates(s) }))
      .sort((a, b) => b.handedOut - a.handedOut || a.name.localeCompare(b.name, 'fr')),
    timeToFirstUse: f.timeToFirstUse,
  };
}
