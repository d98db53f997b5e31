import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../tx.ts';
import { campaignIn, inPeriod, num, type ReadScope } from './scope.ts';

// "People, not just tickets" (docs/product.md problem 4): who was trained, on what, and with what
// result. Counts are in SQL; JSON arrays (themes, priority markers) are grouped by their stored
// value in SQL and split by the caller, which keeps the queries portable.

type LiveRedemptions = SelectQueryBuilder<DB, 'redemptions' | 'tickets' | 'booklets', object>;

/** Live (not undone) redemptions of the scope, joined to their ticket and booklet. */
function liveRedemptions(db: Executor, scope: ReadScope): LiveRedemptions {
  return db
    .selectFrom('redemptions')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .where('redemptions.undone_at', 'is', null)
    .where(campaignIn('redemptions.campaign_id', scope))
    .where(inPeriod('redemptions.redeemed_at', scope))
    .$if(!!scope.organisationId, (q) => q.where('booklets.organisation_id', '=', scope.organisationId!))
    .$if(!!scope.structureId, (q) => q.where('redemptions.structure_id', '=', scope.structureId!));
}

export interface SessionGroup {
  themes: string;
  format: string;
  durationBand: string;
  sessions: number;
  tickets: number;
}

/** Sessions (one redemption request = one service delivered) by themes, format and duration band. */
export async function sessionGroups(db: Executor, scope: ReadScope): Promise<SessionGroup[]> {
  const band = sql<string>`case when rr.duration_minutes <= 30 then 'jusqu_30' when rr.duration_minutes <= 60 then '31_60' when rr.duration_minutes <= 120 then '61_120' else 'plus_120' end`;
  const rows = await liveRedemptions(db, scope)
    .innerJoin('redemption_requests as rr', 'rr.id', 'redemptions.request_id')
    .select([
      'rr.themes',
      'rr.format',
      band.as('band'),
      sql<number>`count(distinct rr.id)`.as('sessions'),
      sql<number>`count(*)`.as('tickets'),
    ])
    .groupBy(['rr.themes', 'rr.format', sql`3`])
    .execute();
  return rows.map((r) => ({ themes: r.themes, format: r.format, durationBand: r.band, sessions: num(r.sessions), tickets: num(r.tickets) }));
}

/** Trained people by their stored priority markers (a JSON array, '[]' when none). */
export async function trainedByMarkers(db: Executor, scope: ReadScope): Promise<{ markers: string; people: number }[]> {
  const rows = await liveRedemptions(db, scope)
    .innerJoin('beneficiaries as ben', 'ben.id', 'booklets.beneficiary_id')
    .select(['ben.priority_markers', sql<number>`count(distinct ben.id)`.as('people')])
    .groupBy('ben.priority_markers')
    .execute();
  return rows.map((r) => ({ markers: r.priority_markers, people: num(r.people) }));
}

/** People handed out a booklet in the scope (hand-out date in the period), by priority markers. */
export async function handedOutByMarkers(db: Executor, scope: ReadScope): Promise<{ markers: string; people: number }[]> {
  const rows = await db
    .selectFrom('booklets')
    .innerJoin('beneficiaries as ben', 'ben.id', 'booklets.beneficiary_id')
    .where('booklets.issued_at', 'is not', null)
    .where(campaignIn('booklets.campaign_id', scope))
    .where(inPeriod('booklets.issued_at', scope))
    .$if(!!scope.organisationId, (q) => q.where('booklets.organisation_id', '=', scope.organisationId!))
    .$if(!!scope.structureId, (q) => q.where(sql<boolean>`1 = 0`))
    .select(['ben.priority_markers', sql<number>`count(distinct ben.id)`.as('people')])
    .groupBy('ben.priority_markers')
    .execute();
  return rows.map((r) => ({ markers: r.priority_markers, people: num(r.people) }));
}

export interface ProfileTransition {
  initial: string | null;
  followup: string | null;
  people: number;
}

/**
 * Autonomy profiles of the scope's people: their latest intake diagnostic and latest follow-up
 * diagnostic, as pairs (initial, follow-up) counted in SQL. People of the scope: those handed out
 * a booklet (agents, admins) or trained at the structure (structure staff).
 */
export async function profileTransitions(db: Executor, scope: ReadScope): Promise<ProfileTransition[]> {
  const people = scope.structureId
    ? liveRedemptions(db, { ...scope, from: null, to: null }).select('booklets.beneficiary_id as id')
    : db
        .selectFrom('booklets')
        .where('booklets.issued_at', 'is not', null)
        .where(campaignIn('booklets.campaign_id', scope))
        .where(inPeriod('booklets.issued_at', scope))
        .$if(!!scope.organisationId, (q) => q.where('booklets.organisation_id', '=', scope.organisationId!))
        .select('booklets.beneficiary_id as id');
  const rows = await db
    .with('latest', (qc) =>
      qc
        .selectFrom('diagnostics as d')
        .where('d.beneficiary_id', 'in', people)
        .select([
          'd.beneficiary_id',
          'd.kind',
          'd.profile',
          sql<number>`row_number() over (partition by d.beneficiary_id, d.kind order by d.created_at desc, d.id desc)`.as('rn'),
        ]),
    )
    // One pass per person (latest initial, latest follow-up side by side) rather than a self-join
    // of the CTE: PostgreSQL estimates one row for each side of that join and nests the loops,
    // which took minutes for a territory of 60,000 people (docs/benchmarks-history.md).
    .with('pairs', (qc) =>
      qc
        .selectFrom('latest')
        .where('rn', '=', 1)
        .groupBy('beneficiary_id')
        .select([
          sql<string | null>`max(case when kind = 'initial' then profile end)`.as('initial'),
          sql<string | null>`max(case when kind = 'followup' then profile end)`.as('followup'),
        ]),
    )
    .selectFrom('pairs')
    .where('initial', 'is not', null)
    .select(['initial', 'followup', sql<number>`count(*)`.as('people')])
    .groupBy(['initial', 'followup'])
    .execute();
  return rows.map((r) => ({ initial: r.initial, followup: r.followup ?? null, people: num(r.people) }));
}
