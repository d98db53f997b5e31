import { sql, type Kysely } from 'kysely';

// Paying through the public accountant (issue #17, point 5). A territory chooses how it pays:
// mandats issued by its finance service and paid by its comptable public (the default for a local
// authority), or SEPA transfers sent by an operator from its own account. A payment order keeps
// the mode it was prepared in, so that an order already sent as mandats can never also be paid by
// a SEPA file after the territory changes its choice. Each campaign carries the budget year and
// the imputation (nature and fonction) its mandats are charged to; each structure its legal
// category (INSEE catégorie juridique), which the finance software asks for to create a creditor.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('territories')
    .addColumn('payment_mode', 'text', (c) => c.notNull().defaultTo('mandat').check(sql`payment_mode in ('mandat', 'sepa')`))
    .execute();
  await db.schema
    .alterTable('payment_orders')
    .addColumn('payment_mode', 'text', (c) => c.notNull().defaultTo('sepa').check(sql`payment_mode in ('mandat', 'sepa')`))
    .execute();
  // A territory that already paid by SEPA files keeps doing so until its admin decides otherwise.
  await db
    .updateTable('territories')
    .set({ payment_mode: 'sepa' })
    .where(({ exists, selectFrom }) => exists(selectFrom('payment_orders as o').select('o.id').whereRef('o.territory_id', '=', 'territories.id')))
    .execute();
  await db.schema.alterTable('campaigns').addColumn('budget_year', 'integer').execute();
  await db.schema.alterTable('campaigns').addColumn('imputation_nature', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('imputation_fonction', 'text').execute();
  await db.schema.alterTable('structures').addColumn('legal_category', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('structures').dropColumn('legal_category').execute();
  for (const c of ['imputation_fonction', 'imputation_nature', 'budget_year']) await db.schema.alterTable('campaigns').dropColumn(c).execute();
  await db.schema.alterTable('payment_orders').dropColumn('payment_mode').execute();
  await db.schema.alterTable('territories').dropColumn('payment_mode').execute();
}
