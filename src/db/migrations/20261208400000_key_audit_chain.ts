import { sql, type Kysely } from 'kysely';

// The audit chain becomes keyed (issue 17, point 7): entries from `keyed_from` on are hashed with
// HMAC-SHA256 under PASSNUM_AUDIT_KEY, which the database never holds; the entries written before
// keep their plain SHA-256 hash and still verify. `head_mac` seals the head (count, last hash and
// switch point) under the same key, so moving the head back or the switch point forward needs the
// key. `audit_checkpoints` keeps the signed checkpoints the programme hands out (statements, the
// monthly claim summary); audit:verify checks the chain against each of them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('keyed_from', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('audit_head').addColumn('head_mac', 'text').execute();
  await sql`update audit_head set keyed_from = last_seq + 1`.execute(db);
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_by_at').on('audit_checkpoints').columns(['at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').ifExists().execute();
  await db.schema.alterTable('audit_head').dropColumn('head_mac').execute();
  await db.schema.alterTable('audit_head').dropColumn('keyed_from').execute();
}
