import type { Kysely } from 'kysely';

// Consent to reminders is given channel by channel (SMS, e-mail, letter), each with its own
// unticked box. The list is JSON text; null keeps the earlier single "accepts reminders" answer,
// which covered whichever contact the person gave.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('beneficiaries').addColumn('reminder_channels', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('beneficiaries').dropColumn('reminder_channels').execute();
}
