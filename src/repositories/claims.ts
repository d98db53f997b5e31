import { sql } from 'kysely';
import type { ClaimLineTable, ClaimTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

// Claims and their lines. Every transition is a conditional UPDATE whose affected rows decide;
// `one_live_claim_line_per_ticket` and `one_draft_claim_per_structure_period` are the backstops.

const LIVE = ['pending', 'approved'] as const;
const CHUNK = 400;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Tickets a structure may claim: redeemed by it (live redemption), in no live claim line, and not
 * waiting for the structure's decision after a rejection of that same redemption.
 */
export async function findClaimableTickets(db: Executor, p: { structureId: string; campaignIds: string[] }): Promise<string[]> {
  if (p.campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('redemptions as r', (j) => j.onRef('r.ticket_id', '=', 't.id').on('r.undone_at', 'is', null))
    .select('t.id')
    .where('t.structure_id', '=', p.structureId)
    .where('t.status', '=', 'redeemed')
    .where('r.structure_id', '=', p.structureId)
    .where('t.campaign_id', 'in', p.campaignIds)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('claim_lines as l').select('l.id').whereRef('l.ticket_id', '=', 't.id').where('l.status', 'in', LIVE))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          // By ticket, not by redemption: undoing and redeeming a rejected ticket again does not
          // make it claimable (index `rejected_line_stays_rejected` is the backstop).
          selectFrom('claim_lines as l')
            .select('l.id')
            .whereRef('l.ticket_id', '=', 't.id')
            .where('l.status', '=', 'rejected')
            .where('l.contested_at', 'is', null),
        ),
      ),
    )
    .orderBy('r.redeemed_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Structures holding redeemed tickets (candidates for the assembly job). */
export async function structuresWithRedeemedTickets(db: Executor): Promise<{ id: string; territory_id: string }[]> {
  return db
    .selectFrom('structures as s')
    .select(['s.id', 's.territory_id'])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('tickets as t').select('t.id').whereRef('t.structure_id', '=', 's.id').where('t.status', '=', 'redeemed')),
    )
    .orderBy('s.id')
    .execute();
}

/** redeemed → claimed for the given tickets of a structure; returns those that moved. */
export async function markTicketsClaimed(trx: Tx, structureId: string, ticketIds: string[], now: string): Promise<string[]> {
  const moved: string[] = [];
  for (const part of chunks(ticketIds)) {
    const rows = await trx
      .updateTable('tickets')
      .set({ status: 'claimed', updated_at: now })
      .where('id', 'in', part)
      .where('structure_id', '=', structureId)
      .where('status', '=', 'redeemed')
      .returning('id')
      .execute();
    moved.push(...rows.map((r) => r.id));
  }
  return moved;
}

/** claimed → redeemed (a rejected or withdrawn line gives the ticket back to the structure). */
export async function releaseClaimedTickets(trx: Tx, ticketIds: string[], now: string): Promise<number> {
  let n = 0;
  for (const part of chunks(ticketIds)) {
    const r = await trx
      .updateTable('tickets')
      .set({ status: 'redeemed', updated_at: now })
      .where('id', 'in', part)
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** The live redemption of each ticket (read after the tickets are locked by the update above). */
export async function liveRedemptionsOf(trx: Tx, ticketIds: string[]) {
  const out: { ticket_id: string; redemption_id: string; redeemed_at: string; campaign_id: string; face_value_cents: number }[] = [];
  for (const part of chunks(ticketIds)) {
    const rows = await trx
      .selectFrom('tickets as t')
      .innerJoin('redemptions as r', (j) => j.onRef('r.ticket_id', '=', 't.id').on('r.undone_at', 'is', null))
      .select(['t.id as ticket_id', 'r.id as redemption_id', 'r.redeemed_at', 't.campaign_id', 't.face_value_cents'])
      .where('t.id', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The draft claim of a structure, campaign and month, created when missing (concurrency-safe). */
export async function ensureDraftClaim(
  trx: Tx,
  p: { newId: string; structureId: string; campaignId: string; period: string; now: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await trx
    .insertInto('claims')
    .values({
      id: p.newId, structure_id: p.structureId, campaign_id: p.campaignId, period: p.period, status: 'draft',
      attestation: null, submitted_at: null, submitted_by: null, reviewed_at: null, reviewed_by: null, created_at: p.now,
    })
    // The partial index's predicate must appear literally (not as a bound parameter) for SQLite to match it.
    .onConflict((oc) => oc.columns(['structure_id', 'campaign_id', 'period']).where('status', '=', sql.lit('draft')).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await trx
    .selectFrom('claims')
    .select('id')
    .where('structure_id', '=', p.structureId)
    .where('campaign_id', '=', p.campaignId)
    .where('period', '=', p.period)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function insertClaimLines(trx: Tx, lines: ClaimLineTable[]): Promise<void> {
  for (const part of chunks(lines, 200)) await trx.insertInto('claim_lines').values(part).execute();
}

export function getClaim(db: Executor, id: string) {
  return db
    .selectFrom('claims as c')
    .innerJoin('structures as s', 's.id', 'c.structure_id')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .selectAll('c')
    .select(['s.name as structure_name', 's.siret as structure_siret', 's.territory_id', 'k.name as campaign_name', 'k.claim_deadline', 'k.year as campaign_year'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Totals of a claim by line status, summed by the database. */
export async function claimTotals(db: Executor, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim_lines')
    .select(['claim_id', 'status', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number>('amount_cents').as('amount')])
    .where('claim_id', 'in', claimIds)
    .groupBy(['claim_id', 'status'])
    .execute();
}

export function claimLines(db: Executor, claimId: string) {
  return db
    .selectFrom('claim_lines as l')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .innerJoin('redemptions as r', 'r.id', 'l.redemption_id')
    .innerJoin('redemption_requests as q', 'q.id', 'r.request_id')
    .innerJoin('sites as si', 'si.id', 'q.site_id')
    .select([
      'l.id', 'l.ticket_id', 'l.redemption_id', 'l.amount_cents', 'l.status', 'l.reject_reason', 'l.contest_note', 'l.contested_at',
      'l.reviewed_at', 't.serial as ticket_serial', 't.status as ticket_status', 'r.redeemed_at', 'r.undone_at', 'q.format', 'q.themes',
      'q.duration_minutes', 'si.name as site_name',
    ])
    .where('l.claim_id', '=', claimId)
    .orderBy('r.redeemed_at')
    .orderBy('t.serial')
    .execute();
}

export interface ClaimFilter {
  territoryId: string;
  structureId?: string;
  campaignId?: string;
  status?: ClaimTable['status'];
}

export async function listClaims(db: Executor, f: ClaimFilter) {
  let q = db
    .selectFrom('claims as c')
    .innerJoin('structures as s', 's.id', 'c.structure_id')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .selectAll('c')
    .select(['s.name as structure_name', 'k.name as campaign_name', 'k.claim_deadline'])
    .where('s.territory_id', '=', f.territoryId);
  if (f.structureId) q = q.where('c.structure_id', '=', f.structureId);
  if (f.campaignId) q = q.where('c.campaign_id', '=', f.campaignId);
  if (f.status) q = q.where('c.status', '=', f.status);
  return q.orderBy('c.period', 'desc').orderBy('s.name').limit(1000).execute();
}

/** Moves a claim between statuses; the affected row count decides. */
export async function transitionClaim(
  trx: Tx, id: string, from: ClaimTable['status'], patch: Partial<ClaimTable> & { status: ClaimTable['status'] },
): Promise<boolean> {
  const r = await trx.updateTable('claims').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countLines(db: Executor, claimId: string, status: ClaimLineTable['status']): Promise<number> {
  const r = await db
    .selectFrom('claim_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('claim_id', '=', claimId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** pending → rejected for the given lines of a claim; returns the tickets of the lines that moved. */
export async function rejectLines(
  trx: Tx, claimId: string, lines: { id: string; reason: string }[], at: string, by: string,
): Promise<string[]> {
  const tickets: string[] = [];
  for (const line of lines) {
    const row = await trx
      .updateTable('claim_lines')
      .set({ status: 'rejected', reject_reason: line.reason, reviewed_at: at, reviewed_by: by })
      .where('id', '=', line.id)
      .where('claim_id', '=', claimId)
      .where('status', '=', 'pending')
      .returning('ticket_id')
      .executeTakeFirst();
    if (row) tickets.push(row.ticket_id);
  }
  return tickets;
}

/** pending → approved for every remaining line of a claim. */
export async function approveRemainingLines(trx: Tx, claimId: string, at: string, by: string): Promise<number> {
  const r = await trx
    .updateTable('claim_lines')
    .set({ status: 'approved', reviewed_at: at, reviewed_by: by })
    .where('claim_id', '=', claimId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** pending → withdrawn for a line of a draft claim (the claim's status is checked in the same statement). */
export async function withdrawDraftLine(trx: Tx, claimId: string, lineId: string, at: string): Promise<string | null> {
  const row = await trx
    .updateTable('claim_lines')
    .set({ status: 'withdrawn', withdrawn_at: at })
    .where('id', '=', lineId)
    .where('claim_id', '=', claimId)
    .where('status', '=', 'pending')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('claims').select('claims.id').where('claims.id', '=', claimId).where('claims.status', '=', 'draft')),
    )
    .returning('ticket_id')
    .executeTakeFirst();
  return row?.ticket_id ?? null;
}

/** Marks a rejected line as contested, once; returns the line when it moved. */
export async function contestLine(trx: Tx, claimId: string, lineId: string, note: string, at: string) {
  return trx
    .updateTable('claim_lines')
    .set({ contest_note: note, contested_at: at })
    .where('id', '=', lineId)
    .where('claim_id', '=', claimId)
    .where('status', '=', 'rejected')
    .where('contested_at', 'is', null)
    .returning(['id', 'ticket_id', 'redemption_id', 'amount_cents'])
    .executeTakeFirst();
}

/** redeemed → claimed for one ticket whose redemption is still live (a contested line goes back in a claim). */
export async function reclaimTicket(trx: Tx, p: { ticketId: string; structureId: string; redemptionId: string; now: string }): Promise<boolean> {
  const r = await trx
    .updateTable('tickets')
    .set({ status: 'claimed', updated_at: p.now })
    .where('id', '=', p.ticketId)
    .where('structure_id', '=', p.structureId)
    .where('status', '=', 'redeemed')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('redemptions').select('redemptions.id').where('redemptions.id', '=', p.redemptionId).where('redemptions.undone_at', 'is', null)),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The distinct statuses of claims (for error messages after a refused conditional update). */
export async function claimStatuses(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('claims as c')
    .innerJoin('structures as s', 's.id', 'c.structure_id')
    .select(['c.id', 'c.status', 's.territory_id', 's.name as structure_name', 'c.period'])
    .where('c.id', 'in', ids)
    .execute();
}

export function campaignsOfTerritory(db: Executor, territoryId: string) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'name', 'year', 'claim_deadline', 'allow_mixed_orders'])
    .where('territory_id', '=', territoryId)
    .execute();
}

export function structureOf(db: Executor, id: string) {
  return db.selectFrom('structures').select(['id', 'name', 'territory_id']).where('id', '=', id).executeTakeFirst();
}

/** The latest live redemption of a campaign's tickets still waiting to be claimed (demo history). */
export async function latestRedemptionOf(db: Executor, campaignId: string): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.max('redeemed_at').as('last'))
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'redeemed')
    .executeTakeFirst();
  return (row?.last as string | null) ?? null;
}

/** Structures holding redeemed, unclaimed tickets of a campaign. */
export async function redeemingStructures(db: Executor, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('structure_id')
    .distinct()
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'redeemed')
    .where('structure_id', 'is not', null)
    .orderBy('structure_id')
    .execute();
  return rows.map((r) => r.structure_id!);
}
