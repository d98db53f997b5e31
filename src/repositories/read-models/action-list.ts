import { sql } from 'kysely';
import type { Executor } from '../tx.ts';
import { toCallFromStats } from './dashboard-stats.ts';
import { num, type ReadScope } from './scope.ts';

export interface ActionListRow {
  beneficiaryId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  communeInsee: string;
  organisationId: string;
  organisationName: string;
  campaignId: string;
  campaignName: string;
  unusedTickets: number;
  unusedCents: number;
  usedTickets: number;
  validUntil: string;
  handedOutAt: string | null;
  lastMessageAt: string | null;
  optedOut: boolean;
}

// The list reads `call_list` (one row per person and campaign with tickets still to use, kept in
// step by the transactions that change tickets: src/repositories/stats.ts), walked in the order
// shown through its indexes, then joined to the person, organisation and campaign for one page.

interface ListWindow {
  /** Live tickets valid until a day in [from, to] (inclusive, Paris days), or after `after`. */
  validFrom: string;
  validTo?: string;
  validAfter?: string;
  /** Nothing used, handed out before this instant (sleeping booklets). */
  handedBefore?: string;
}

function listBase(db: Executor, scope: ReadScope, w: ListWindow) {
  return db
    .selectFrom('call_list as cl')
    .$if(!!scope.territoryId, (q) => q.where('cl.territory_id', '=', scope.territoryId!))
    .$if(!!scope.campaignId, (q) => q.where('cl.campaign_id', '=', scope.campaignId!))
    .$if(!!scope.organisationId, (q) => q.where('cl.organisation_id', '=', scope.organisationId!))
    .where('cl.valid_until', '>=', w.validFrom)
    .$if(!!w.validTo, (q) => q.where('cl.valid_until', '<=', w.validTo!))
    .$if(!!w.validAfter, (q) => q.where('cl.valid_until', '>', w.validAfter!))
    .$if(!!w.handedBefore, (q) => q.where('cl.used', '=', 0).where('cl.handed_out_at', '<', w.handedBefore!));
}

async function page(
  db: Executor,
  scope: ReadScope,
  w: ListWindow,
  order: 'valid_until' | 'handed_out_at',
  p: { limit: number; offset: number },
  countFromStats = false,
) {
  // A territory's or the country's total of people whose tickets expire soon comes from the
  // maintained counts by validity day (stats.ts: 'to_call'); otherwise the rows are counted.
  const total = countFromStats
    ? { n: await toCallFromStats(db, { territoryId: scope.territoryId, campaignId: scope.campaignId ?? null }, { from: w.validFrom, to: w.validTo }) }
    : await listBase(db, scope, w).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await listBase(db, scope, w)
    .innerJoin('beneficiaries as ben', 'ben.id', 'cl.beneficiary_id')
    .innerJoin('organisations as o', 'o.id', 'cl.organisation_id')
    .innerJoin('campaigns as c', 'c.id', 'cl.campaign_id')
    .where('ben.anonymised_at', 'is', null)
    .select([
      'ben.id', 'ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.phone', 'ben.email', 'ben.commune_insee', 'ben.opted_out_at',
      'cl.organisation_id', 'o.name as organisation_name', 'c.id as campaign_id', 'c.name as campaign_name',
      'cl.unused', 'cl.unused_cents', 'cl.valid_until', 'cl.handed_out_at', 'cl.used',
      sql<string | null>`(select max(m.created_at) from outbox m where m.beneficiary_id = ben.id and m.status <> 'failed')`.as('last_message_at'),
    ])
    .orderBy(`cl.${order}`)
    .orderBy('cl.sort_name')
    .orderBy('cl.beneficiary_id')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  return {
    total: num(total?.n),
    rows: rows.map(
      (r): ActionListRow => ({
        beneficiaryId: r.id,
        firstName: r.first_name,
        lastName: r.usage_name || r.birth_name,
        phone: r.phone,
        email: r.email,
        communeInsee: r.commune_insee,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        campaignId: r.campaign_id,
        campaignName: r.campaign_name,
        unusedTickets: num(r.unused),
        unusedCents: num(r.unused_cents),
        usedTickets: num(r.used),
        validUntil: r.valid_until,
        handedOutAt: r.handed_out_at,
        lastMessageAt: r.last_message_at,
        optedOut: r.opted_out_at !== null,
      }),
    ),
  };
}

/** The call-list rows of the expiring window (exported for its query-plan test). */
export function expiringListQuery(db: Executor, scope: ReadScope, window: { today: string; until: string }) {
  return listBase(db, scope, { validFrom: window.today, validTo: window.until });
}

/**
 * People whose unused tickets expire between `today` and `until` (inclusive, Paris dates), for
 * their issuing organisation to call (docs/product.md problem 1). Anonymised people are never listed.
 * Sorted by the soonest expiry, then name; paged.
 */
export function expiringUnused(
  db: Executor,
  scope: ReadScope,
  window: { today: string; until: string },
  p: { limit: number; offset: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  return page(db, scope, { validFrom: window.today, validTo: window.until }, 'valid_until', p, !scope.organisationId);
}

/**
 * Booklets asleep in a drawer (docs/product.md problem 1): people handed out a booklet before
 * `handedBefore` who have used none of its tickets, whose tickets are still valid after `until`
 * (those expiring sooner are in the expiring list). Oldest hand-out first; paged.
 */
export function dormantBooklets(
  db: Executor,
  scope: ReadScope,
  window: { today: string; until: string; handedBefore: string },
  p: { limit: number; offset: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  return page(db, scope, { validFrom: window.today, validAfter: window.until, handedBefore: window.handedBefore }, 'handed_out_at', p);
}

/** Names for display: communes (by INSEE code) and organisations of a territory, or all. */
export async function namesFor(db: Executor, territoryId: string | null): Promise<{ communes: Map<string, string>; organisations: Map<string, string> }> {
  const communes = await db
    .selectFrom('communes')
    .$if(!!territoryId, (q) => q.where('territory_id', '=', territoryId!))
    .select(['insee_code', 'name'])
    .execute();
  const organisations = await db
    .selectFrom('organisations')
    .$if(!!territoryId, (q) => q.where('territory_id', '=', territoryId!))
    .select(['id', 'name'])
    .execute();
  return {
    communes: new Map(communes.map((c) => [c.insee_code, c.name])),
    organisations: new Map(organisations.map((o) => [o.id, o.name])),
  };
}

/** The campaign if it belongs to the territory (null otherwise). */
export function findCampaignInTerritory(db: Executor, campaignId: string, territoryId: string) {
  return db.selectFrom('campaigns').select(['id', 'name', 'year', 'validity_end']).where('id', '=', campaignId).where('territory_id', '=', territoryId).executeTakeFirst();
}
