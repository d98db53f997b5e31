import type { Kysely } from 'kysely';

// Who to call (issue #7): a territory's live tickets by validity. Without the campaign in front,
// SQLite walked the (status, valid_until) index over every territory's issued tickets (17 s for one
// territory on the 10-million-ticket benchmark dataset).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_by_campaign_status_validity').on('tickets').columns(['campaign_id', 'status', 'valid_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_by_campaign_status_validity').ifExists().execute();
}
