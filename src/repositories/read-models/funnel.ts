import { sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { FirstUseIn, FunnelGroupIn } from '../../domain/dashboard.ts';
import { wholeDaysBetween } from '../../db/sql-dialect.ts';
import type { Executor } from '../tx.ts';
import { campaignIn, inPeriod, num, USED, type ReadScope } from './scope.ts';

/** The funnel by commune and organisation, and the histogram of days from hand-out to first use. */
export interface FunnelData {
  groups: FunnelGroupIn[];
  firstUse: FirstUseIn[];
}

/**
 * The hand-out cohort of the scope, person by person (a person and a campaign: a replaced booklet
 * and its replacement count once), grouped by commune, issuing organisation and days to first use.
 * The caller sums the cells into the funnel, the by-commune and by-organisation tables and the
 * histogram of days: one pass over the tickets, all sums in SQL. The period filters the hand-out
 * date (a cohort: "of the booklets handed out in March, how many were used").
 */
export async function funnelCells(db: Executor, dialect: Dialect, scope: ReadScope): Promise<FunnelData> {
  const perPerson = db
    .selectFrom('booklets as b')
    .innerJoin('tickets as t', 't.booklet_id', 'b.id')
    .where('b.issued_at', 'is not', null)
    .where('b.beneficiary_id', 'is not', null)
    .where(campaignIn('b.campaign_id', scope))
    .$if(!!scope.organisationId, (q) => q.where('b.organisation_id', '=', scope.organisationId!))
    .select([
      'b.beneficiary_id',
      'b.campaign_id',
      sql<string>`min(b.commune_insee)`.as('commune_insee'),
      sql<string>`min(b.organisation_id)`.as('organisation_id'),
      sql<string>`min(b.issued_at)`.as('issued_at'),
      sql<number>`sum(case when t.status in ${USED} then 1 else 0 end)`.as('used'),
      // Tickets still to use: live, expired or blocked ones, and those of a booklet cancelled
      // without replacement (a replaced booklet's remaining tickets moved to the replacement).
      sql<number>`sum(case when t.status in ('issued', 'expired', 'blocked') or (t.status = 'cancelled' and b.status = 'cancelled') then 1 else 0 end)`.as('remaining'),
      sql<string | null>`min(case when t.status in ${USED} then t.redeemed_at end)`.as('first_used_at'),
    ])
    .groupBy(['b.beneficiary_id', 'b.campaign_id']);

  const rows = await db
    .selectFrom(perPerson.as('p'))
    .where(inPeriod('p.issued_at', scope))
    .select([
      'p.commune_insee',
      'p.organisation_id',
      sql<number | null>`case when p.first_used_at is null then null else ${wholeDaysBetween(dialect, 'p.issued_at', 'p.first_used_at')} end`.as('days'),
      sql<number>`count(*)`.as('people'),
      sql<number>`sum(case when p.used > 0 and p.remaining = 0 then 1 else 0 end)`.as('all_used'),
    ])
    .groupBy(['p.commune_insee', 'p.organisation_id', sql`3`])
    .execute();
  const groups = new Map<string, FunnelGroupIn>();
  const firstUse: FirstUseIn[] = [];
  for (const r of rows) {
    const key = `${r.commune_insee}|${r.organisation_id}`;
    const g = groups.get(key) ?? { communeInsee: r.commune_insee, organisationId: r.organisation_id, people: 0, firstUsed: 0, allUsed: 0 };
    g.people += num(r.people);
    g.allUsed += num(r.all_used);
    if (r.days !== null) {
      g.firstUsed += num(r.people);
      firstUse.push({ days: Math.max(0, num(r.days)), people: num(r.people) });
    }
    groups.set(key, g);
  }
  return { groups: [...groups.values()], firstUse };
}

/** Booklet quotas per commune for the scope's campaigns (an organisation sees its commune's). */
export async function quotasByCommune(db: Executor, scope: ReadScope): Promise<{ communeInsee: string; quota: number }[]> {
  const rows = await db
    .selectFrom('commune_quotas as q')
    .where(campaignIn('q.campaign_id', scope))
    .$if(!!scope.organisationId, (q) =>
      q.where('q.commune_insee', '=', (eb) => eb.selectFrom('organisations').select('commune_insee').where('id', '=', scope.organisationId!)),
    )
    .select(['q.commune_insee', sql<number>`sum(q.quota)`.as('quota')])
    .groupBy('q.commune_insee')
    .execute();
  return rows.map((r) => ({ communeInsee: r.commune_insee, quota: num(r.quota) }));
}
