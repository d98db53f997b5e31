import type { TicketStatus } from '../db/schema.ts';
import type { Tx } from './tx.ts';

/** Up to `limit` tickets still in `from` whose validity day is before `today` (Paris). */
export async function expirableTickets(trx: Tx, p: { from: readonly TicketStatus[]; today: string; limit: number }): Promise<string[]> {
  const rows = await trx.selectFrom('tickets').select('id').where('status', 'in', p.from).where('valid_until', '<', p.today).limit(p.limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Expires these tickets if they are still in `from` and past their validity. Conditional: a ticket
 * redeemed, blocked or expired by someone else in the meantime is left alone and never reported twice.
 */
export function expireTicketsBatch(trx: Tx, p: { ids: readonly string[]; from: readonly TicketStatus[]; today: string; at: string }) {
  return trx
    .updateTable('tickets')
    .set({ status: 'expired', updated_at: p.at })
    .where('id', 'in', p.ids)
    .where('status', 'in', p.from)
    .where('valid_until', '<', p.today)
    .returning(['id', 'serial', 'campaign_id', 'valid_until'])
    .execute();
}

export function campaignTerritories(trx: Tx, campaignIds: string[]) {
  return trx.selectFrom('campaigns').select(['id', 'territory_id', 'name']).where('id', 'in', campaignIds).execute();
}
