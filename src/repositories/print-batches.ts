import type { PrintBatchTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export async function insertPrintBatch(db: Executor, row: PrintBatchTable): Promise<void> {
  await db.insertInto('print_batches').values(row).execute();
}

export function findPrintBatch(db: Executor, id: string) {
  return db
    .selectFrom('print_batches')
    .innerJoin('campaigns', 'campaigns.id', 'print_batches.campaign_id')
    .select([
      'print_batches.id', 'print_batches.campaign_id', 'print_batches.commune_insee', 'print_batches.booklet_count',
      'print_batches.created_at', 'print_batches.created_by', 'campaigns.territory_id', 'campaigns.name as campaign_name',
    ])
    .where('print_batches.id', '=', id)
    .executeTakeFirst();
}

export function listPrintBatches(db: Executor, territoryId: string, communeInsee?: string) {
  let q = db
    .selectFrom('print_batches')
    .innerJoin('campaigns', 'campaigns.id', 'print_batches.campaign_id')
    .select(['print_batches.id', 'print_batches.campaign_id', 'campaigns.name as campaign_name', 'print_batches.commune_insee', 'print_batches.booklet_count', 'print_batches.created_at'])
    .where('campaigns.territory_id', '=', territoryId);
  if (communeInsee) q = q.where('print_batches.commune_insee', '=', communeInsee);
  return q.orderBy('print_batches.created_at', 'desc').execute();
}

/** A page of a batch's booklets in serial order (the printer's PDF is streamed page by page). */
export function listBatchBooklets(db: Executor, batchId: string, afterSerial: string, limit: number) {
  return db
    .selectFrom('booklets')
    .select(['id', 'serial', 'status'])
    .where('print_batch_id', '=', batchId)
    .where('serial', '>', afterSerial)
    .orderBy('serial')
    .limit(limit)
    .execute();
}

/** Stock per commune for a campaign: booklets still in stock, and pre-printed ones handed out. */
export function stockByCommune(db: Executor, campaignId: string, communeInsee?: string) {
  let q = db
    .selectFrom('booklets')
    .select((eb) => [
      'commune_insee',
      eb.fn.sum<number>(eb.case().when('status', '=', 'in_stock').then(1).else(0).end()).as('in_stock'),
      eb.fn.sum<number>(eb.case().when('status', '!=', 'in_stock').then(1).else(0).end()).as('handed_out'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('print_batch_id', 'is not', null)
    .groupBy('commune_insee');
  if (communeInsee) q = q.where('commune_insee', '=', communeInsee);
  return q.orderBy('commune_insee').execute();
}
