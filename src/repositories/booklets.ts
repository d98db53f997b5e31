import { bulkInsertQueries, type BulkColumns } from '../db/bulk-insert.ts';
import type { BookletTable, TicketTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

/**
 * Reserves `count` consecutive sequence numbers for a serial scope and commune (locked counter row).
 * The scope is stored in `booklet_counters.campaign_id` (no foreign key); mintBooklets uses the
 * campaign year ("year:2026") so that serials stay unique across campaigns of the same year.
 */
export async function reserveBookletSequences(trx: Tx, scope: string, communeInsee: string, count: number): Promise<number> {
  const row = await trx
    .insertInto('booklet_counters')
    .values({ campaign_id: scope, commune_insee: communeInsee, last_sequence: count })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'commune_insee']).doUpdateSet((eb) => ({
        last_sequence: eb('booklet_counters.last_sequence', '+', count),
      })),
    )
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  return row.last_sequence - count + 1;
}

const BOOKLET_COLUMNS = [
  ['id', 'text'], ['campaign_id', 'text'], ['serial', 'text'], ['commune_insee', 'text'], ['status', 'text'], ['beneficiary_id', 'text'],
  ['person_key', 'text'], ['organisation_id', 'text'], ['issued_by', 'text'], ['issued_at', 'text'], ['print_batch_id', 'text'],
  ['replaces_booklet_id', 'text'], ['override_reason', 'text'], ['cancel_reason', 'text'], ['created_at', 'text'],
] as const satisfies BulkColumns<BookletTable>;

const TICKET_COLUMNS = [
  ['id', 'text'], ['booklet_id', 'text'], ['campaign_id', 'text'], ['idx', 'integer'], ['serial', 'text'], ['code_hash', 'text'],
  ['code_encrypted', 'text'], ['status', 'text'], ['blocked_from', 'text'], ['face_value_cents', 'integer'], ['valid_until', 'text'],
  ['issued_at', 'text'], ['redeemed_at', 'text'], ['structure_id', 'text'], ['updated_at', 'text'],
] as const satisfies BulkColumns<TicketTable>;

// Every column of the tables, or the compiler complains (a new column must be added above).
type Missing<Row, C extends BulkColumns<Row>> = Exclude<keyof Row, C[number][0]>;
const everyBookletColumn: Missing<BookletTable, typeof BOOKLET_COLUMNS> extends never ? true : never = true;
const everyTicketColumn: Missing<TicketTable, typeof TICKET_COLUMNS> extends never ? true : never = true;
void everyBookletColumn;
void everyTicketColumn;

/**
 * Inserts minted booklets and their tickets: at most two statements per table, their SQL text
 * fixed and prepared once (bulkInsertQueries in src/db/bulk-insert.ts) instead of Kysely building,
 * compiling and preparing a 400-row multi-row INSERT again for every 400 tickets. Same
 * constraints, indexes and foreign keys as any other insert.
 */
export async function insertBookletsWithTickets(trx: Executor, booklets: BookletTable[], tickets: TicketTable[]): Promise<void> {
  for (const query of bulkInsertQueries(trx, 'booklets', BOOKLET_COLUMNS, booklets)) await trx.executeQuery(query);
  for (const query of bulkInsertQueries(trx, 'tickets', TICKET_COLUMNS, tickets)) await trx.executeQuery(query);
}
