import type { Kysely } from 'kysely';

// The security log (issue 19, finding 11): who did what, when and from where — failed and successful
// sign-ins, sign-outs, reads of a person's record, downloads of SEPA files, statements and exports.
// Separate from the hash-chained audit (which records changes) and holding ids only, never a name,
// an e-mail or a search. Purged after a year by the retention job (src/jobs/anonymise.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('security_log_territory_at').on('security_log').columns(['territory_id', 'at']).execute();
  await db.schema.createIndex('security_log_at').on('security_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_log').ifExists().execute();
}
