import type { Kysely } from 'kysely';

// Issue #3: a print batch's booklets, read in order to stream the printer's PDF and manifest.
// (Bookings by beneficiary, sessions by start and booklets by organisation are indexed by the
// follow-up migration 20261127005000.)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('booklets_by_print_batch').on('booklets').columns(['print_batch_id', 'serial']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('booklets_by_print_batch').ifExists().execute();
}
