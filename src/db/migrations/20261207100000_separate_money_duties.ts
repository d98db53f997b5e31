import { sql, type Kysely } from 'kysely';

// Separation of duties on the money path (issue #17): who entered a structure's bank details and
// the bank's RIB they attached; a payment order prepared by one finance officer and released by
// another (or under a territory's declared single-officer exception, naming the co-signer); and a
// rejected claim line that stays rejected.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull().check(sql`mime_type in ('application/pdf', 'image/png', 'image/jpeg')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // base64: one portable column type on both databases; a RIB is small (size-limited at upload).
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bank_documents_by_structure').on('bank_documents').column('structure_id').execute();
  await db.schema.alterTable('structures').addColumn('bank_updated_by', 'text').execute();
  await db.schema.alterTable('structures').addColumn('bank_document_id', 'text').execute();

  await db.schema.alterTable('payment_orders').addColumn('released_at', 'text').execute();
  await db.schema.alterTable('payment_orders').addColumn('released_by', 'text').execute();
  // Name of the second person who signed outside the system, when the preparer released it alone.
  await db.schema.alterTable('payment_orders').addColumn('release_cosigner', 'text').execute();
  // Orders issued before this change were created and sent by one person: they count as released.
  await db.updateTable('payment_orders').set({ released_at: sql`created_at`, released_by: sql`created_by` }).execute();
  // A territory with a single finance officer declares who co-signs its payment orders on paper.
  await db.schema.alterTable('territories').addColumn('single_finance_cosigner', 'text').execute();

  // A ticket has at most one claim line that is live (pending, approved) or rejected and not
  // contested: once rejected, undoing and redeeming it again cannot put it in a new claim.
  await db.schema
    .createIndex('rejected_line_stays_rejected')
    .on('claim_lines')
    .column('ticket_id')
    .unique()
    .where(sql<boolean>`status in ('pending', 'approved') or (status = 'rejected' and contested_at is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rejected_line_stays_rejected').ifExists().execute();
  await db.schema.alterTable('territories').dropColumn('single_finance_cosigner').execute();
  for (const c of ['release_cosigner', 'released_by', 'released_at']) await db.schema.alterTable('payment_orders').dropColumn(c).execute();
  for (const c of ['bank_document_id', 'bank_updated_by']) await db.schema.alterTable('structures').dropColumn(c).execute();
  await db.schema.dropTable('bank_documents').execute();
}
