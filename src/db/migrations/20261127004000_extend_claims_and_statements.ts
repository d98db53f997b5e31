import { sql, type Kysely } from 'kysely';

// Reimbursement (issue #5): review and contest dates on claim lines, payment of each statement,
// one draft claim per structure/campaign/month, and the campaign's rule on mixing campaigns in one
// payment order.
export async function up(db: Kysely<any>): Promise<void> {
  // 1 = a payment order may group claims of this campaign with claims of other campaigns.
  await db.schema.alterTable('campaigns').addColumn('allow_mixed_orders', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema.alterTable('claim_lines').addColumn('created_at', 'text').execute();
  await db.schema.alterTable('claim_lines').addColumn('reviewed_at', 'text').execute();
  await db.schema.alterTable('claim_lines').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('claim_lines').addColumn('contested_at', 'text').execute();
  await db.schema.alterTable('claim_lines').addColumn('withdrawn_at', 'text').execute();
  await db.schema.createIndex('claim_lines_by_redemption').on('claim_lines').column('redemption_id').execute();
  await db.schema.createIndex('claim_lines_by_ticket').on('claim_lines').column('ticket_id').execute();

  // The assembly job and a contest both add to "the" draft claim of a month: there is only one.
  await db.schema
    .createIndex('one_draft_claim_per_structure_period')
    .on('claims')
    .columns(['structure_id', 'campaign_id', 'period'])
    .unique()
    .where(sql.ref('status'), '=', 'draft')
    .execute();
  await db.schema.createIndex('claims_by_status').on('claims').columns(['status', 'structure_id']).execute();

  // A statement is paid once, with the bank's (or accounting software's) date and reference.
  await db.schema.alterTable('statements').addColumn('paid_at', 'text').execute();
  await db.schema.alterTable('statements').addColumn('payment_date', 'text').execute();
  await db.schema.alterTable('statements').addColumn('payment_reference', 'text').execute();
  await db.schema.createIndex('statements_by_order').on('statements').column('payment_order_id').execute();
  await db.schema.createIndex('statements_by_structure').on('statements').column('structure_id').execute();
  await db.schema.createIndex('payment_lines_by_statement').on('payment_lines').column('statement_id').execute();
  await db.schema.createIndex('payment_orders_by_territory').on('payment_orders').columns(['territory_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_by_structure_status').on('tickets').columns(['structure_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    'tickets_by_structure_status', 'payment_orders_by_territory', 'payment_lines_by_statement', 'statements_by_structure',
    'statements_by_order', 'claims_by_status', 'one_draft_claim_per_structure_period', 'claim_lines_by_ticket',
    'claim_lines_by_redemption',
  ]) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  for (const c of ['payment_reference', 'payment_date', 'paid_at']) await db.schema.alterTable('statements').dropColumn(c).execute();
  for (const c of ['withdrawn_at', 'contested_at', 'reviewed_by', 'reviewed_at', 'created_at']) {
    await db.schema.alterTable('claim_lines').dropColumn(c).execute();
  }
  await db.schema.alterTable('campaigns').dropColumn('allow_mixed_orders').execute();
}
