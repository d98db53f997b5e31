import { sql, type ExpressionBuilder } from 'kysely';
import { executeWithInserts, type BulkColumns, type BulkRows } from '../db/bulk-insert.ts';
import { queryTemplate } from '../db/query-template.ts';
import type { DB, RedemptionRequestTable, RedemptionTable, TicketStatus } from '../db/schema.ts';
import { TRANSITIONS } from '../domain/ticket.ts';
import { isUniqueViolation, type Executor, type Tx } from './tx.ts';

export interface RedeemedTicketRow {
  id: string;
  booklet_id: string;
  campaign_id: string;
  serial: string;
  idx: number;
  face_value_cents: number;
  valid_until: string;
  status: TicketStatus;
  redeemed_at: string | null;
}

export const REDEEMED_COLUMNS = ['id', 'booklet_id', 'campaign_id', 'serial', 'idx', 'face_value_cents', 'valid_until', 'status', 'redeemed_at'] as const;

/** What the redemption's answer shows of each ticket besides its row: read by the UPDATE's RETURNING, not by another query. */
export type RedeemedTicketWithNames = RedeemedTicketRow & { campaign_name: string; booklet_serial: string };

/**
 * THE guard of "exactly once": a conditional UPDATE whose returned rows decide. A ticket moves
 * to `redeemed` only if it is still in one of `from` (issued), still valid on `today` (Paris day)
 * and of a campaign the structure is accredited for in its territory. Concurrent requests on the
 * same ticket serialise on the row (PostgreSQL row lock, re-checked after the winner commits;
 * SQLite write lock): exactly one gets the row back.
 */
export async function redeemTicketsIfUsable(trx: Tx, p: RedeemParams): Promise<RedeemedTicketWithNames[]> {
  // One statement per code, in a fixed (sorted) order: each is a unique-index lookup (an IN list
  // lets SQLite's planner, without statistics, prefer the status index and scan every issued
  // ticket), and concurrent multi-ticket requests lock rows in the same order (no deadlock).
  const rows: RedeemedTicketWithNames[] = [];
  const { codeHashes, ...rest } = p;
  for (const codeHash of [...codeHashes].sort()) rows.push(...(await redeemGuard.execute(trx, { ...rest, codeHash })));
  return rows;
}

export interface RedeemParams { codeHashes: string[]; today: string; structureId: string; territoryId: string; at: string }

/** The guard, built and compiled once (query-template.ts): only usable (issued) tickets move. */
const redeemGuard = queryTemplate((db, p: Omit<RedeemParams, 'codeHashes'> & { codeHash: string }) =>
  redeemTicketQuery(db, { codeHash: p.codeHash, today: p.today, structureId: p.structureId, territoryId: p.territoryId, at: p.at, from: TRANSITIONS.redeem.from }),
);

/** The guard's statement for one code, exposed so that a test can check its plan (index on code_hash). */
export function redeemTicketQuery(db: Executor, p: Omit<RedeemParams, 'codeHashes'> & { codeHash: string; from: readonly TicketStatus[] }) {
  return db
    .updateTable('tickets')
    .set({ status: 'redeemed', structure_id: p.structureId, redeemed_at: p.at, updated_at: p.at })
    .where('code_hash', '=', p.codeHash)
    .where('status', 'in', p.from)
    .where('valid_until', '>=', p.today)
    .where('campaign_id', 'in', (eb) =>
      eb
        .selectFrom('accreditations')
        .innerJoin('campaigns', 'campaigns.id', 'accreditations.campaign_id')
        .select('accreditations.campaign_id')
        .where('accreditations.structure_id', '=', p.structureId)
        .where('accreditations.status', '=', 'accredited')
        .where('campaigns.territory_id', '=', p.territoryId),
    )
    .returning(REDEEMED_COLUMNS)
    .returning(namesOfRedeemed);
}

/** Campaign name and booklet serial of the updated ticket (correlated subqueries in RETURNING, both databases). */
export const namesOfRedeemed = (eb: ExpressionBuilder<DB, 'tickets'>) => [
  eb.selectFrom('campaigns').select('campaigns.name').whereRef('campaigns.id', '=', 'tickets.campaign_id').$asScalar().$notNull().as('campaign_name'),
  eb.selectFrom('booklets').select('booklets.serial').whereRef('booklets.id', '=', 'tickets.booklet_id').$asScalar().$notNull().as('booklet_serial'),
];

const insertRequest = queryTemplate((db, r: RedemptionRequestTable) =>
  db
    .insertInto('redemption_requests')
    .values({
      id: r.id, structure_id: r.structure_id, client_redemption_id: r.client_redemption_id, codes_fingerprint: r.codes_fingerprint, site_id: r.site_id,
      format: r.format, themes: r.themes, duration_minutes: r.duration_minutes, actor_id: r.actor_id, created_at: r.created_at,
      workshop_id: r.workshop_id,
    })
    .returning((eb) => [
      eb.selectFrom('users').select('users.display_name').whereRef('users.id', '=', 'redemption_requests.actor_id').$asScalar().as('user_name'),
      eb.selectFrom('api_tokens').select('api_tokens.name').whereRef('api_tokens.id', '=', 'redemption_requests.actor_id').$asScalar().as('token_name'),
    ]),
);

/**
 * Inserts the request, then `inserts` (its redemption rows; on PostgreSQL its staged audit entries),
 * in one statement on PostgreSQL (bulk-insert.ts); returns the names its answer shows for the actor
 * (user or token), as `selectRequests` reads them.
 */
export async function insertRedemptionRequest(
  trx: Tx,
  row: RedemptionRequestTable,
  inserts: BulkRows[],
): Promise<{ user_name: string | null; token_name: string | null }> {
  const [names] = await executeWithInserts(trx, insertRequest.compile(trx, row), inserts);
  return names;
}

const REDEMPTION_COLUMNS: BulkColumns<RedemptionTable> = [
  ['id', 'text'], ['request_id', 'text'], ['ticket_id', 'text'], ['structure_id', 'text'], ['campaign_id', 'text'], ['redeemed_at', 'text'],
  ['undone_at', 'text'], ['undone_by', 'text'], ['undo_reason', 'text'],
];

/** The redemption rows, for `insertRedemptionRequest`: one statement whatever their number, its SQL text fixed (bulk-insert.ts). */
export const redemptionRows = (rows: RedemptionTable[]): BulkRows<RedemptionTable> => ({ table: 'redemptions', columns: REDEMPTION_COLUMNS, rows });

/**
 * Which of the redemption constraints an error violated. PostgreSQL names the constraint; SQLite
 * names the columns ("UNIQUE constraint failed: redemptions.ticket_id").
 */
export function violatedRedemptionConstraint(error: unknown): 'one_request_per_client_redemption_id' | 'one_live_redemption_per_ticket' | null {
  if (!isUniqueViolation(error)) return null;
  const e = error as { constraint?: string; message?: string };
  const msg = e.message ?? '';
  if (e.constraint === 'one_request_per_client_redemption_id' || msg.includes('redemption_requests.client_redemption_id')) {
    return 'one_request_per_client_redemption_id';
  }
  if (e.constraint === 'one_live_redemption_per_ticket' || msg.includes('redemptions.ticket_id')) return 'one_live_redemption_per_ticket';
  return null;
}

/** The tickets of one or several requests, with their booklet, campaign and claim state. */
export function findRedemptionLines(db: Executor, requestIds: string[]) {
  return db
    .selectFrom('redemptions')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .innerJoin('campaigns', 'campaigns.id', 'tickets.campaign_id')
    .select([
      'redemptions.id as redemption_id', 'redemptions.request_id', 'redemptions.redeemed_at', 'redemptions.undone_at',
      'redemptions.undo_reason', 'tickets.id as ticket_id', 'tickets.serial', 'tickets.idx', 'tickets.face_value_cents',
      'tickets.valid_until', 'tickets.status', 'booklets.serial as booklet_serial', 'campaigns.id as campaign_id',
      'campaigns.name as campaign_name',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('claim_lines')
            .select(sql`1`.as('one'))
            .whereRef('claim_lines.redemption_id', '=', 'redemptions.id')
            .where((w) => w.or([w('claim_lines.status', 'in', ['pending', 'approved']), w.and([w('claim_lines.status', '=', 'rejected'), w('claim_lines.contested_at', 'is', null)])])),
        )
        .as('in_claim'),
    )
    .where('redemptions.request_id', 'in', requestIds.length ? requestIds : [''])
    .orderBy('redemptions.request_id')
    .orderBy('tickets.idx')
    .execute();
}

function selectRequests(db: Executor) {
  return db
    .selectFrom('redemption_requests')
    .innerJoin('sites', 'sites.id', 'redemption_requests.site_id')
    .leftJoin('users', 'users.id', 'redemption_requests.actor_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'redemption_requests.actor_id')
    .select([
      'redemption_requests.id', 'redemption_requests.structure_id', 'redemption_requests.client_redemption_id',
      'redemption_requests.codes_fingerprint', 'redemption_requests.format', 'redemption_requests.themes',
      'redemption_requests.duration_minutes', 'redemption_requests.created_at', 'redemption_requests.site_id', 'redemption_requests.actor_id',
      'sites.name as site_name', 'users.display_name as user_name', 'api_tokens.name as token_name',
    ]);
}
export type RedemptionRequestRow = NonNullable<Awaited<ReturnType<typeof findRedemptionRequest>>>;
export type RedemptionLineRow = Awaited<ReturnType<typeof findRedemptionLines>>[number];

export function findRedemptionRequest(db: Executor, id: string) {
  return selectRequests(db).where('redemption_requests.id', '=', id).executeTakeFirst();
}

export function findRedemptionRequestByClientId(db: Executor, structureId: string, clientRedemptionId: string) {
  return selectRequests(db)
    .where('redemption_requests.structure_id', '=', structureId)
    .where('redemption_requests.client_redemption_id', '=', clientRedemptionId)
    .executeTakeFirst();
}

/** Requests of a structure whose redemption instant lies in [fromIso, toIso), newest first. */
export function listRedemptionRequests(db: Executor, structureId: string, fromIso: string, toIso: string) {
  return selectRequests(db)
    .where('redemption_requests.structure_id', '=', structureId)
    .where('redemption_requests.created_at', '>=', fromIso)
    .where('redemption_requests.created_at', '<', toIso)
    .orderBy('redemption_requests.created_at', 'desc')
    .execute();
}

/**
 * Undo guard: tickets go back to `to` (issued) only while still in `from` (redeemed) and in no
 * live claim line. Returns the ticket ids actually moved.
 */
export async function unredeemTicketsIfUnclaimed(
  trx: Tx,
  p: { ticketIds: string[]; structureId: string; from: readonly TicketStatus[]; to: TicketStatus; at: string },
): Promise<string[]> {
  const rows = await trx
    .updateTable('tickets')
    .set({ status: p.to, structure_id: null, redeemed_at: null, updated_at: p.at })
    .where('id', 'in', p.ticketIds)
    .where('structure_id', '=', p.structureId)
    .where('status', 'in', p.from)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('claim_lines')
            .select(sql`1`.as('one'))
            .whereRef('claim_lines.ticket_id', '=', 'tickets.id')
            // A rejected, uncontested line also keeps the ticket: undo would reopen the claim.
            .where((w) => w.or([w('claim_lines.status', 'in', ['pending', 'approved']), w.and([w('claim_lines.status', '=', 'rejected'), w('claim_lines.contested_at', 'is', null)])])),
        ),
      ),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function markRedemptionsUndone(trx: Tx, p: { ticketIds: string[]; requestId: string; at: string; by: string; reason: string }): Promise<number> {
  const rows = await trx
    .updateTable('redemptions')
    .set({ undone_at: p.at, undone_by: p.by, undo_reason: p.reason })
    .where('request_id', '=', p.requestId)
    .where('ticket_id', 'in', p.ticketIds)
    .where('undone_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function findSite(db: Executor, siteId: string) {
  const [site] = await siteById.execute(db, { siteId });
  return site;
}

const siteById = queryTemplate((db, p: { siteId: string }) => db.selectFrom('sites').select(['id', 'structure_id', 'name']).where('id', '=', p.siteId));

export function findStructureName(db: Executor, structureId: string) {
  return db.selectFrom('structures').select(['id', 'name', 'territory_id']).where('id', '=', structureId).executeTakeFirst();
}
