import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Audit entries staged by the redemption path (ADR 13): each redemption inserts its entries here,
// in its own transaction, without touching the shared `audit_head` row; the chainer
// (src/repositories/audit.ts) moves them into the hash chain, many at a time, in `id` order.
export async function up(db: Kysely<any>): Promise<void> {
  // An identity on PostgreSQL (concurrent inserters share no counter row), the rowid on SQLite.
  const id = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigserial' : 'integer';
  await db.schema
    .createTable('audit_pending')
    .addColumn('id', sql.raw(id) as never, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_pending').ifExists().execute();
}
