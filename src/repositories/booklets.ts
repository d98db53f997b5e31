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

export async function insertBookletsWithTickets(trx: Executor, booklets: BookletTable[], tickets: TicketTable[]): Promise<void> {
  for (let i = 0; i < booklets.length; i += 500) await trx.insertInto('booklets').values(booklets.slice(i, i + 500)).execute();
  // 15 columns a row: 400 rows stay under SQLite's 32766 bound parameters.
  for (let i = 0; i < tickets.length; i += 400) await trx.insertInto('tickets').values(tickets.slice(i, i + 400)).execute();
}
