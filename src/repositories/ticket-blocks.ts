import { sql } from 'kysely';
import type { TicketStatus } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

export function findTicketBySerial(db: Executor, serial: string) {
  return db
    .selectFrom('tickets')
    .innerJoin('campaigns', 'campaigns.id', 'tickets.campaign_id')
    .select(['tickets.id', 'tickets.serial', 'tickets.status', 'tickets.booklet_id', 'campaigns.territory_id'])
    .where('tickets.serial', '=', serial)
    .executeTakeFirst();
}

/** A booklet by id or by serial number. */
export function findBookletByRef(db: Executor, ref: { id?: string; serial?: string }) {
  let q = db
    .selectFrom('booklets')
    .innerJoin('campaigns', 'campaigns.id', 'booklets.campaign_id')
    .select(['booklets.id', 'booklets.serial', 'booklets.status', 'campaigns.territory_id']);
  if (ref.id) q = q.where('booklets.id', '=', ref.id);
  else q = q.where('booklets.serial', '=', ref.serial ?? '');
  return q.executeTakeFirst();
}

export function ticketsOfBooklet(db: Executor, bookletId: string) {
  return db.selectFrom('tickets').select(['id', 'serial', 'status']).where('booklet_id', '=', bookletId).orderBy('idx').execute();
}

type Scope = { ticketIds: string[] };

/** Conditional block: only tickets still in one of `from`; remembers where each came from. */
export function blockTicketsIn(trx: Tx, p: Scope & { from: readonly TicketStatus[]; at: string }) {
  return trx
    .updateTable('tickets')
    .set((eb) => ({ blocked_from: eb.ref('status'), status: 'blocked', updated_at: p.at }))
    .where('id', 'in', p.ticketIds)
    .where('status', 'in', p.from)
    .returning(['id', 'serial', 'blocked_from', 'campaign_id'])
    .execute();
}

/** Conditional unblock: only blocked tickets, back to the status they were blocked from. */
export function unblockTicketsIn(trx: Tx, p: Scope & { at: string }) {
  return trx
    .updateTable('tickets')
    .set({ status: sql<TicketStatus>`coalesce(blocked_from, 'issued')`, blocked_from: null, updated_at: p.at })
    .where('id', 'in', p.ticketIds)
    .where('status', '=', 'blocked')
    .returning(['id', 'serial', 'status', 'campaign_id'])
    .execute();
}
