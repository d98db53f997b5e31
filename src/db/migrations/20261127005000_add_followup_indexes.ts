import { sql, type Kysely } from 'kysely';

// Follow-up and evaluation (issue #7): indexes for the dashboards, exports, reminders and the
// anonymisation job, and the age band kept when a beneficiary is anonymised (statistics survive,
// the birth date does not).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('beneficiaries').addColumn('age_band', 'text').execute();

  // Funnel: per booklet, how many tickets are used / left and when the first one was used —
  // answered from the index alone (no table lookup per ticket).
  await db.schema.createIndex('tickets_by_booklet_status').on('tickets').columns(['booklet_id', 'status', 'redeemed_at']).execute();
  // Agent scope: an organisation's booklets of a campaign.
  await db.schema.createIndex('booklets_by_org_campaign').on('booklets').columns(['organisation_id', 'campaign_id', 'issued_at']).execute();
  // People and money by campaign and period; redemptions of a ticket (exports, personal data).
  await db.schema.createIndex('redemptions_by_campaign_date').on('redemptions').columns(['campaign_id', 'redeemed_at']).execute();
  await db.schema.createIndex('redemptions_by_ticket').on('redemptions').column('ticket_id').execute();
  // Reminders: sessions starting soon, a person's bookings and recent messages (weekly rule).
  await db.schema.createIndex('training_sessions_by_starts_at').on('training_sessions').column('starts_at').execute();
  await db.schema.createIndex('bookings_by_beneficiary').on('bookings').column('beneficiary_id').execute();
  await db.schema.createIndex('outbox_by_beneficiary').on('outbox').columns(['beneficiary_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_attempts_by_message').on('outbox_attempts').column('message_id').execute();
  // Anonymisation job: people not yet anonymised, by last contact.
  await db.schema
    .createIndex('beneficiaries_to_anonymise')
    .on('beneficiaries')
    .column('last_contact_at')
    .where(sql.ref('anonymised_at'), 'is', null)
    .execute();
  await db.schema.createIndex('claims_by_campaign').on('claims').columns(['campaign_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    'claims_by_campaign', 'beneficiaries_to_anonymise', 'outbox_attempts_by_message', 'outbox_by_beneficiary',
    'bookings_by_beneficiary', 'training_sessions_by_starts_at', 'redemptions_by_ticket', 'redemptions_by_campaign_date',
    'booklets_by_org_campaign', 'tickets_by_booklet_status',
  ]) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  await db.schema.alterTable('beneficiaries').dropColumn('age_band').execute();
}
