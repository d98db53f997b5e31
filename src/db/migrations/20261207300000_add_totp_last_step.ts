import type { Kysely } from 'kysely';

// The last TOTP time step accepted for an account: a code is accepted only for a later step, so a
// code seen over a shoulder or in a proxy's log cannot be replayed within its 90-second window.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
