import { sql } from 'kysely';
import type { Executor } from '../tx.ts';
import { campaignIn, num, type ReadScope } from './scope.ts';

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

const GROUP_BY = [
  'ben.id', 'ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.phone', 'ben.email', 'ben.commune_insee',
  'ben.opted_out_at', 'b.organisation_id', 'o.name', 'c.id', 'c.name',
] as const;

/** Live unused tickets of the scope (never an anonymised person's), joined to what the list shows. */
function unusedTickets(db: Executor, scope: ReadScope, today: string) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .innerJoin('beneficiaries as ben', 'ben.id', 'b.beneficiary_id')
    .where('t.status', '=', 'issued')
    .where('t.valid_until', '>=', today)
    .where('ben.anonymised_at', 'is', null)
    .where(campaignIn('t.campaign_id', scope))
    .$if(!!scope.organisationId, (q) => q.where('b.organisation_id', '=', scope.organisationId!));
}

type Grouped = Awaited<ReturnType<ReturnType<typeof listRows>['execute']>>[number];
function listRows(q: ReturnType<typeof unusedTickets>) {
  return q
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select([
      'ben.id', 'ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.phone', 'ben.email', 'ben.commune_insee', 'ben.opted_out_at',
      'b.organisation_id', 'o.name as organisation_name', 'c.id as campaign_id', 'c.name as campaign_name',
      sql<number>`count(t.id)`.as('unused'),
      sql<number>`sum(t.face_value_cents)`.as('unused_cents'),
      sql<string>`min(t.valid_until)`.as('valid_until'),
      sql<string | null>`min(b.issued_at)`.as('issued_at'),
      sql<number>`(select count(*) from tickets u where u.booklet_id in (select bb.id from booklets bb where bb.beneficiary_id = ben.id and bb.campaign_id = c.id) and u.status in ('redeemed', 'claimed', 'paid'))`.as('used'),
      sql<string | null>`(select max(m.created_at) from outbox m where m.beneficiary_id = ben.id and m.status <> 'failed')`.as('last_message_at'),
    ])
    .groupBy([...GROUP_BY]);
}

function toRow(r: Grouped): ActionListRow {
  return {
    beneficiaryId: r.id,
    firstName: r.first_name,
    lastName: r.usage_name || r.birth_name,
    phone: r.phone,
    email: r.email,
    communeInsee: r.commune_insee,
    organisationId: r.organisation_id!,
    organisationName: r.organisation_name,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    unusedTickets: num(r.unused),
    unusedCents: num(r.unused_cents),
    usedTickets: num(r.used),
    validUntil: r.valid_until,
    handedOutAt: r.issued_at,
    lastMessageAt: r.last_message_at,
    optedOut: r.opted_out_at !== null,
  };
}

/** The live unused tickets of the scope whose validity ends in [today, until] (exported for its plan test). */
export function expiringTicketsQuery(db: Executor, scope: ReadScope, window: { today: string; until: string }) {
  return unusedTickets(db, scope, window.today).where('t.valid_until', '<=', window.until);
}

/**
 * People whose unused tickets expire between `today` and `until` (inclusive, Paris dates), for
 * their issuing organisation to call (PRODUCT.md problem 1). Anonymised people are never listed.
 * Sorted by the soonest expiry, then name; paged.
 */
export async function expiringUnused(
  db: Executor,
  scope: ReadScope,
  window: { today: string; until: string },
  page: { limit: number; offset: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  const base = expiringTicketsQuery(db, scope, window);
  const totalRow = await base.select(sql<number>`count(distinct ben.id)`.as('n')).executeTakeFirst();
  const rows = await listRows(base).orderBy(sql`min(t.valid_until)`).orderBy('ben.birth_name').orderBy('ben.id').limit(page.limit).offset(page.offset).execute();
  return { total: num(totalRow?.n), rows: rows.map(toRow) };
}

/**
 * Booklets asleep in a drawer (PRODUCT.md problem 1): people handed out a booklet before
 * `handedBefore` who have used none of its tickets, whose tickets are still valid after `until`
 * (those expiring sooner are in the expiring list). Oldest hand-out first; paged.
 */
export async function dormantBooklets(
  db: Executor,
  scope: ReadScope,
  window: { today: string; until: string; handedBefore: string },
  page: { limit: number; offset: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  const base = unusedTickets(db, scope, window.today)
    .where('t.valid_until', '>', window.until)
    .where('b.issued_at', '<', window.handedBefore)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('tickets as u')
            .innerJoin('booklets as bb', 'bb.id', 'u.booklet_id')
            .select('u.id')
            .whereRef('bb.beneficiary_id', '=', 'ben.id')
            .whereRef('bb.campaign_id', '=', 't.campaign_id')
            .where('u.status', 'in', ['redeemed', 'claimed', 'paid']),
        ),
      ),
    );
  const totalRow = await base.select(sql<number>`count(distinct ben.id)`.as('n')).executeTakeFirst();
  const rows = await listRows(base).orderBy(sql`min(b.issued_at)`).orderBy('ben.birth_name').orderBy('ben.id').limit(page.limit).offset(page.offset).execute();
  return { total: num(totalRow?.n), rows: rows.map(toRow) };
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
