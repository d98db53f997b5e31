import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../tx.ts';
import { campaignIn, num } from './scope.ts';

/**
 * Sites of the structures accredited for an open campaign of the territory (the places where the
 * pass is accepted now), with their commune's name, in a stable order.
 */
export function accreditedPlaces(db: Executor, territoryId: string) {
  return db
    .selectFrom('sites as si')
    .innerJoin('structures as s', 's.id', 'si.structure_id')
    .leftJoin('communes as cm', (j) => j.onRef('cm.territory_id', '=', 's.territory_id').onRef('cm.insee_code', '=', 'si.commune_insee'))
    .where('s.territory_id', '=', territoryId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('accreditations as a')
          .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
          .select('a.structure_id')
          .whereRef('a.structure_id', '=', 's.id')
          .where('a.status', '=', 'accredited')
          .where('c.status', '=', 'open'),
      ),
    )
    .select([
      'si.id as site_id', 'si.name as site_name', 'si.address', 'si.commune_insee', 'si.postal_code', 'si.opening_hours', 'si.phone as site_phone',
      'si.latitude', 'si.longitude', 'si.created_at as site_created_at', 'cm.name as commune_name',
      's.id as structure_id', 's.siret', 's.name as structure_name', 's.typology', 's.email', 's.phone as structure_phone', 's.website',
      's.presentation', 's.services', 's.publics', 's.specific_support', 's.fees', 's.national_programmes', 's.access_modes', 's.support_modes',
      's.updated_at as structure_updated_at',
    ])
    .orderBy('s.name')
    .orderBy('si.name')
    .orderBy('si.id')
    .execute();
}
export type AccreditedPlace = Awaited<ReturnType<typeof accreditedPlaces>>[number];

/** A month (YYYY-MM) and the instant it starts in Paris. */
export interface MonthStart { month: string; start: string }

/** `case when col >= start(last) then 'last' … end`: the Paris month of an instant, exactly, on both databases. */
function monthOf(column: string, months: MonthStart[]): RawBuilder<string | null> {
  const sorted = [...months].sort((a, b) => b.start.localeCompare(a.start));
  const branches = sorted.map((m) => sql`when ${sql.ref(column)} >= ${m.start} then ${m.month}`);
  return sql<string | null>`case ${sql.join(branches, sql` `)} else null end`;
}

export interface MonthlyCell { communeInsee: string; month: string; booklets: number; people: number; sessions: number; tickets: number }

/**
 * Per commune (of the booklet) and Paris month: booklets handed out, and — from live redemptions —
 * distinct people trained, sessions and tickets used. Counts only; the caller hides small ones.
 */
export async function monthlyCommuneStats(db: Executor, scope: { territoryId: string; campaignId?: string | null }, months: MonthStart[]): Promise<MonthlyCell[]> {
  if (!months.length) return [];
  const first = [...months].sort((a, b) => a.start.localeCompare(b.start))[0].start;
  const handed = await db
    .selectFrom('booklets as b')
    .where(campaignIn('b.campaign_id', scope))
    .where('b.issued_at', '>=', first)
    .where('b.beneficiary_id', 'is not', null)
    .select(['b.commune_insee', monthOf('b.issued_at', months).as('month'), sql<number>`count(*)`.as('n')])
    .groupBy(['b.commune_insee', sql`2`])
    .execute();
  const used = await db
    .selectFrom('redemptions as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .where('r.undone_at', 'is', null)
    .where(campaignIn('r.campaign_id', scope))
    .where('r.redeemed_at', '>=', first)
    .select([
      'b.commune_insee', monthOf('r.redeemed_at', months).as('month'), sql<number>`count(distinct b.beneficiary_id)`.as('people'),
      sql<number>`count(distinct r.request_id)`.as('sessions'), sql<number>`count(*)`.as('tickets'),
    ])
    .groupBy(['b.commune_insee', sql`2`])
    .execute();
  const cells = new Map<string, MonthlyCell>();
  const cell = (insee: string, month: string) => {
    const key = `${insee}|${month}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { communeInsee: insee, month, booklets: 0, people: 0, sessions: 0, tickets: 0 }));
    return c;
  };
  for (const h of handed) if (h.month) cell(h.commune_insee, h.month).booklets = num(h.n);
  for (const u of used) {
    if (!u.month) continue;
    const c = cell(u.commune_insee, u.month);
    c.people = num(u.people);
    c.sessions = num(u.sessions);
    c.tickets = num(u.tickets);
  }
  return [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.communeInsee.localeCompare(b.communeInsee));
}

/** The first month the territory's campaigns (or the one campaign) began issuing. */
export async function firstIssuanceDay(db: Executor, scope: { territoryId: string; campaignId?: string | null }): Promise<string | null> {
  const row = await db
    .selectFrom('campaigns')
    .where('territory_id', '=', scope.territoryId)
    .$if(!!scope.campaignId, (q) => q.where('id', '=', scope.campaignId!))
    .select(sql<string | null>`min(issuance_start)`.as('d'))
    .executeTakeFirst();
  return row?.d ?? null;
}

export function communeNames(db: Executor, territoryId: string) {
  return db.selectFrom('communes').select(['insee_code', 'name', 'postal_codes']).where('territory_id', '=', territoryId).execute();
}
