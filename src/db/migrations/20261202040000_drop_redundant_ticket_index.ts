import type { Kysely } from 'kysely';

// tickets_by_campaign_status (campaign_id, status) is a prefix of tickets_by_campaign_status_validity
// (campaign_id, status, valid_until): every query it served is served by the longer one, and each
// ticket minted paid for one more index entry (issuance benchmark, issue #8).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_by_campaign_status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_by_campaign_status').on('tickets').columns(['campaign_id', 'status']).execute();
}
