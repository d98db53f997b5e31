import { sql, type Kysely } from 'kysely';

// Sign-in with ProConnect (OpenID Connect). Three tables of their own, so that the password
// sign-in's tables stay as they are:
// - proconnect_links: the ProConnect identity (issuer + `sub`) linked to a passnum account on its
//   first sign-in, and whether that account now refuses passwords;
// - proconnect_flows: one row per sign-in or sign-out under way in a browser, holding its `state`,
//   `nonce` and PKCE verifier; consumed once (conditional update), then kept for the outcome page;
// - proconnect_sessions: the ID token of a passnum session opened through ProConnect, needed to
//   end the ProConnect session too (id_token_hint); it goes with its session (cascade).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proconnect_links')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('refuses_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('one_account_per_proconnect_identity', ['issuer', 'sub'])
    .execute();

  await db.schema
    .createTable('proconnect_flows')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('login', 'logout')`))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text')
    .addColumn('code_verifier', 'text')
    .addColumn('mfa_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('proconnect_flows_by_created_at').on('proconnect_flows').column('created_at').execute();

  await db.schema
    .createTable('proconnect_sessions')
    .addColumn('session_id_hash', 'text', (c) => c.primaryKey().references('sessions.id_hash').onDelete('cascade'))
    .addColumn('id_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['proconnect_sessions', 'proconnect_flows', 'proconnect_links']) await db.schema.dropTable(table).ifExists().execute();
}
