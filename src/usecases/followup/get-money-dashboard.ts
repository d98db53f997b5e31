import type { Actor } from '../../domain/actor.ts';
import { percent } from '../../domain/dashboard.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { moneyFromStats, statsScope } from '../../repositories/read-models/dashboard-stats.ts';
import { moneyFigures } from '../../repositories/read-models/money.ts';
import { AMOUNT_LABELS, AMOUNT_STATES, addUpAmounts } from '../../domain/amounts.ts';
import { structureLedger } from '../../repositories/read-models/ledger.ts';
import type { ReadScope } from '../../repositories/read-models/scope.ts';
import type { Deps } from '../support/deps.ts';
import { resolveReadScope, scopeBody, type ReadFilters } from '../support/read-scope.ts';

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
    amounts: await reimbursementAmounts(deps, scope.read),
  };
}

/**
 * Where the value of the redeemed tickets stands now, state by state, as domain/amounts.ts decides
 * it (the ledger's very figures, same words): for a territory, a campaign or a structure, the
 * tickets redeemed in the period. Not for a mairie (its booklets are redeemed anywhere) nor nationally.
 */
async function reimbursementAmounts(deps: Deps, read: ReadScope) {
  if (!read.territoryId || read.organisationId) return null;
  const rows = await structureLedger(deps.db, {
    territoryId: read.territoryId, structureId: read.structureId, campaignId: read.campaignId, from: read.from, to: read.to, now: deps.now(),
  });
  const a = addUpAmounts(rows.map((r) => ({ ...r, approvedUnpaid: r.approved })));
  return {
    parts: AMOUNT_STATES.map((state) => ({ state, label: AMOUNT_LABELS[state], count: a[state].count, amountCents: a[state].amountCents })),
    redeemed: { count: a.redeemed.count, amountCents: a.redeemed.amountCents },
    stillPayable: { count: a.stillPayable.count, amountCents: a.stillPayable.amountCents },
  };
}
