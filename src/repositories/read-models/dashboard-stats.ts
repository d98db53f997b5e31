import { sql } from 'kysely';
import { readStats, type StatsScope } from '../stats.ts';
import type { Executor } from '../tx.ts';
import type { FunnelData } from './funnel.ts';
import type { MoneyFigures } from './money.ts';
import type { ProfileTransition } from './people.ts';
import { campaignIn, num, type ReadScope } from './scope.ts';

// The territory's and the country's dashboards, read from the maintained aggregates
// (src/repositories/stats.ts) in the same shapes as the detail read models, which still serve an
// organisation's and a structure's dashboards and periods that are not whole months.

/** The scope as the aggregates know it, or null when they cannot answer it. */
export function statsScope(scope: ReadScope): StatsScope | null {
  if (scope.organisationId || scope.structureId || !scope.months) return null;
  return { territoryId: scope.territoryId, campaignId: scope.campaignId ?? null, fromMonth: scope.months.from, toMonth: scope.months.to };
}

export async function funnelFromStats(db: Executor, scope: StatsScope): Promise<FunnelData> {
  const [groups, firstUse] = await Promise.all([readStats(db, 'funnel', scope), readStats(db, 'first_use', scope)]);
  return {
    groups: groups.map((r) => ({ communeInsee: r.d1, organisationId: r.d2, people: r.n1, firstUsed: r.n2, allUsed: r.n3 })),
    firstUse: firstUse.map((r) => ({ days: Number(r.d1), people: r.n1 })),
  };
}

/** Sessions by format and duration band, and by theme. */
export async function sessionsFromStats(db: Executor, scope: StatsScope) {
  const [groups, themes] = await Promise.all([readStats(db, 'sessions', scope), readStats(db, 'session_themes', scope)]);
  return {
    groups: groups.map((r) => ({ format: r.d1, durationBand: r.d2, sessions: r.n1, tickets: r.n2 })),
    themes: themes.map((r) => ({ theme: r.d1, sessions: r.n1 })),
  };
}

/** People on the call list whose live tickets are valid until a day in [from, to]. */
export async function toCallFromStats(db: Executor, scope: StatsScope, window: { from: string; to?: string; after?: string }): Promise<number> {
  const rows = await readStats(db, 'to_call', { territoryId: scope.territoryId, campaignId: scope.campaignId ?? null });
  return rows.filter((r) => r.d1 >= window.from && (!window.to || r.d1 <= window.to) && (!window.after || r.d1 > window.after)).reduce((a, r) => a + r.n1, 0);
}

/** People handed out a booklet ('handed_markers') or trained for the first time ('trained_markers'). */
export async function markersFromStats(db: Executor, stat: 'handed_markers' | 'trained_markers', scope: StatsScope) {
  const rows = await readStats(db, stat, scope);
  return rows.map((r) => ({ markers: r.d1, people: r.n1 }));
}

export async function profilesFromStats(db: Executor, scope: StatsScope): Promise<ProfileTransition[]> {
  const rows = await readStats(db, 'profiles', scope);
  return rows.map((r) => ({ initial: r.d1, followup: r.d2 || null, people: r.n1 }));
}

/** The money figures; `today` (Paris day) splits unused tickets into still valid and past validity. */
export async function moneyFromStats(db: Executor, scope: StatsScope, today: string): Promise<MoneyFigures> {
  const [rows, budget] = await Promise.all([
    readStats(db, 'money', scope),
    db
      .selectFrom('campaigns')
      .where(campaignIn('campaigns.id', { territoryId: scope.territoryId, campaignId: scope.campaignId ?? null }))
      .select(sql<number>`sum(budget_cents)`.as('budget'))
      .executeTakeFirst(),
  ]);
  const f: MoneyFigures = {
    budgetCents: num(budget?.budget), issuedCents: 0, redeemedCents: 0, unusedValidCents: 0, unusedExpiredCents: 0,
    claimedCents: 0, approvedCents: 0, rejectedCents: 0, paidCents: 0,
  };
  for (const r of rows) {
    switch (r.d1) {
      case 'issued': f.issuedCents += r.n1; break;
      case 'redeemed': f.redeemedCents += r.n1; break;
      case 'unused_live':
        if (r.d2 >= today) f.unusedValidCents += r.n1;
        else f.unusedExpiredCents += r.n1;
        break;
      case 'unused_expired': f.unusedExpiredCents += r.n1; break;
      case 'claimed': f.claimedCents += r.n1; break;
      case 'approved': f.approvedCents += r.n1; break;
      case 'rejected': f.rejectedCents += r.n1; break;
      case 'paid': f.paidCents += r.n1; break;
    }
  }
  return f;
}
