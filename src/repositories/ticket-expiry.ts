import type { TicketStatus } from '../db/schema.ts';
import type { Tx } from './tx.ts';

/**
 * Expires up to `limit` tickets still in `from` whose validity day is before `today` (Paris).
 * Conditional: the outer WHERE re-checks the status, so a ticket redeemed, blocked or expired by
 * someone else in the meantime is left alone and never reported twice.
 */
export function expireTicketsBatch(trx: Tx, p: { from: readonly TicketStatus[]; today: string; at: string; limit: number }) {
  return trx
    .updateTable('tickets')
    .set({ status: 'expired', updated_at: p.at })
    .where('id', 'in', (eb) =>
      eb.selectFrom('tickets').select('id').where('status', 'in', p.from).where('valid_until', '<', p.today).limit(p.limit),
    )
    .where('status', 'in', p.from)
    .where('valid_until', '<', p.today)
    .returning(['id', 'serial', 'campaign_id', 'valid_until'])
    .execute();
}

export function campaignTerritories(trx: Tx, campaignIds: string[]) {
  return trx.selectFrom('campaigns').select(['id', 'territory_id', 'name']).where('id', 'in', campaignIds).execute();
}
