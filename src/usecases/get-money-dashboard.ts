import type { Actor } from '../domain/actor.ts';
import { percent } from '../domain/dashboard.ts';
import { parisDate } from '../domain/paris-time.ts';
import { moneyFromStats, statsScope } from '../repositories/read-models/dashboard-stats.ts';
import { moneyFigures } from '../repositories/read-models/money.ts';
import type { Deps } from './support/deps.ts';
import { resolveReadScope, scopeBody, type ReadFilters } from './support/read-scope.ts';

/** Budget, value issued, redeemed, claimed, approved, paid and unused (cents). */
export async function getMoneyDashboard(deps: Deps, actor: Actor, filters: ReadFilters) {
  const scope = await resolveReadScope(deps, actor, filters);
  const today = parisDate(deps.now());
  const stats = statsScope(scope.read);
  const m = stats ? await moneyFromStats(deps.db, stats, today) : await moneyFigures(deps.db, scope.read, today);
  const structure = scope.actorScope.level === 'structure';
  return {
    scope: scopeBody(scope),
    ...m,
    // A structure does not hand out booklets: what it "issued" means nothing for it.
    issuedCents: structure ? 0 : m.issuedCents,
    unusedValidCents: structure ? 0 : m.unusedValidCents,
    unusedExpiredCents: structure ? 0 : m.unusedExpiredCents,
    unusedCents: structure ? 0 : m.unusedValidCents + m.unusedExpiredCents,
    notIssuedCents: m.budgetCents === null ? null : Math.max(0, m.budgetCents - m.issuedCents),
    redeemedPercentOfIssued: structure ? null : percent(m.redeemedCents, m.issuedCents),
  };
}
