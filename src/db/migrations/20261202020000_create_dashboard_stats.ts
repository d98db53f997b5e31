import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Dashboards at national scale (issues #7 and #8): maintained aggregates, exact at every instant.
//
// - `stats_cells`: one row per statistic, campaign, Paris month and up to three dimensions, with up
//   to four sums (n1..n4). What each statistic holds is described in src/repositories/stats.ts.
// - `stats_pending`: the changes written by the transactions that change a ticket, a diagnostic, a
//   claim or a payment (append-only rows, so that concurrent redemptions never wait on a shared
//   counter row); the `stats` job folds them into `stats_cells`. Dashboards read both.
// - `call_list`: one row per person and campaign with live unused tickets, for the list of people
//   to call, kept in step by the same transactions.
// - `stats_state`: whether the aggregates have been computed from the detail rows once (they are
//   after the migrations, see src/db/migrate.ts).
export async function up(db: Kysely<any>): Promise<void> {
  const dims = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
    t
      .addColumn('stat', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('d1', 'text', (c) => c.notNull())
      .addColumn('d2', 'text', (c) => c.notNull())
      .addColumn('d3', 'text', (c) => c.notNull())
      .addColumn('n1', 'bigint', (c) => c.notNull())
      .addColumn('n2', 'bigint', (c) => c.notNull())
      .addColumn('n3', 'bigint', (c) => c.notNull())
      .addColumn('n4', 'bigint', (c) => c.notNull());
  await dims(db.schema.createTable('stats_cells'))
    .addPrimaryKeyConstraint('stats_cells_pk', ['stat', 'campaign_id', 'month', 'd1', 'd2', 'd3'])
    .execute();
  // An identity on PostgreSQL (concurrent inserters never share a counter row), the rowid on SQLite.
  const seq = db.getExecutor().adapter instanceof PostgresAdapter ? 'bigserial' : 'integer';
  await dims(db.schema.createTable('stats_pending').addColumn('seq', sql.raw(seq) as never, (c) => c.primaryKey())).execute();
  await db.schema.createIndex('stats_pending_by_stat').on('stats_pending').columns(['stat', 'campaign_id']).execute();

  await db.schema
    .createTable('call_list')
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('handed_out_at', 'text', (c) => c.notNull())
    .addColumn('unused', 'integer', (c) => c.notNull())
    .addColumn('unused_cents', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_list_pk', ['beneficiary_id', 'campaign_id'])
    .execute();
  // Expiring tickets, soonest first then by name, for a territory or the whole country.
  await db.schema.createIndex('call_list_expiring').on('call_list').columns(['territory_id', 'valid_until', 'sort_name', 'beneficiary_id']).execute();
  await db.schema.createIndex('call_list_expiring_national').on('call_list').columns(['valid_until', 'sort_name', 'beneficiary_id']).execute();
  // Sleeping booklets (nothing used), oldest hand-out first.
  await db.schema.createIndex('call_list_dormant').on('call_list').columns(['territory_id', 'used', 'handed_out_at', 'sort_name', 'beneficiary_id']).execute();
  await db.schema.createIndex('call_list_dormant_national').on('call_list').columns(['used', 'handed_out_at', 'sort_name', 'beneficiary_id']).execute();

  await db.schema
    .createTable('stats_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('rebuilt_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['stats_state', 'call_list', 'stats_pending', 'stats_cells']) await db.schema.dropTable(t).ifExists().execute();
}
