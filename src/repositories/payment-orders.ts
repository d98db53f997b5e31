import type { PaymentLineTable, PaymentOrderTable, StatementTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

// Payment orders, statements (bordereaux) and payment lines. Statement numbers come from a locked
// counter row per territory and year, inside the order's transaction: a rollback leaves no gap.

/** reviewed → ordered for the given claims of a territory; returns the claims that moved. */
export async function orderReviewedClaims(trx: Tx, claimIds: string[], territoryId: string) {
  return trx
    .updateTable('claims')
    .set({ status: 'ordered' })
    .where('id', 'in', claimIds)
    .where('status', '=', 'reviewed')
    .where('structure_id', 'in', (eb) => eb.selectFrom('structures').select('structures.id').where('structures.territory_id', '=', territoryId))
    .returning(['id', 'structure_id', 'campaign_id'])
    .execute();
}

/**
 * Locks a structure's row (a no-op update: a row lock on PostgreSQL, the write lock on SQLite) and
 * returns its bank details as they stand: a concurrent change waits until the order commits.
 */
export function lockStructureBank(trx: Tx, structureId: string) {
  return trx
    .updateTable('structures')
    .set((eb) => ({ bank_status: eb.ref('bank_status') }))
    .where('id', '=', structureId)
    .returning(['id', 'name', 'siret', 'iban', 'bic', 'account_holder', 'bank_status'])
    .executeTakeFirstOrThrow();
}

/** The next statement number of a territory and year: conditional upsert of the counter row. */
export async function nextStatementNumber(trx: Tx, territoryId: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('statement_counters')
    .values({ territory_id: territoryId, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['territory_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('statement_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function lastStatementNumber(db: Executor, territoryId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('statement_counters')
    .select('last_number')
    .where('territory_id', '=', territoryId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.last_number ?? 0;
}

export function approvedLinesOf(trx: Executor, claimIds: string[]) {
  return trx
    .selectFrom('claim_lines')
    .select(['id', 'ticket_id', 'amount_cents', 'claim_id'])
    .where('claim_id', 'in', claimIds)
    .where('status', '=', 'approved')
    .execute();
}

export async function insertPaymentOrder(trx: Tx, row: PaymentOrderTable): Promise<void> {
  await trx.insertInto('payment_orders').values(row).execute();
}

export async function insertStatement(trx: Tx, row: StatementTable): Promise<void> {
  await trx.insertInto('statements').values(row).execute();
}

export async function insertPaymentLines(trx: Tx, rows: PaymentLineTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) await trx.insertInto('payment_lines').values(rows.slice(i, i + 300)).execute();
}

/** Statement amounts and the order total, summed by the database from the payment lines. */
export async function computeOrderTotals(trx: Tx, orderId: string): Promise<number> {
  await trx
    .updateTable('statements')
    .set((eb) => ({
      amount_cents: eb
        .selectFrom('payment_lines')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('payment_lines.amount_cents'), e.lit(0)).as('s'))
        .whereRef('payment_lines.statement_id', '=', 'statements.id'),
    }))
    .where('payment_order_id', '=', orderId)
    .execute();
  const row = await trx
    .updateTable('payment_orders')
    .set((eb) => ({
      total_cents: eb
        .selectFrom('statements')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('statements.amount_cents'), e.lit(0)).as('s'))
        .whereRef('statements.payment_order_id', '=', 'payment_orders.id'),
    }))
    .where('id', '=', orderId)
    .returning('total_cents')
    .executeTakeFirstOrThrow();
  return Number(row.total_cents);
}

export function getPaymentOrder(db: Executor, id: string) {
  return db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listPaymentOrders(db: Executor, territoryId: string) {
  return db
    .selectFrom('payment_orders as o')
    .selectAll('o')
    .select((eb) => [
      eb.selectFrom('statements as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.payment_order_id', '=', 'o.id').as('statement_count'),
      eb
        .selectFrom('statements as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.payment_order_id', '=', 'o.id')
        .where('s.paid_at', 'is not', null)
        .as('paid_count'),
    ])
    .where('o.territory_id', '=', territoryId)
    .orderBy('o.created_at', 'desc')
    .limit(500)
    .execute();
}

export function statementsOfOrder(db: Executor, orderId: string) {
  return db
    .selectFrom('statements as s')
    .innerJoin('structures as st', 'st.id', 's.structure_id')
    .selectAll('s')
    .select(['st.name as structure_name', 'st.siret as structure_siret'])
    .where('s.payment_order_id', '=', orderId)
    .orderBy('s.year')
    .orderBy('s.number')
    .execute();
}

export function findStatementByNumber(db: Executor, territoryId: string, year: number, number: number) {
  return db
    .selectFrom('statements')
    .selectAll()
    .where('territory_id', '=', territoryId)
    .where('year', '=', year)
    .where('number', '=', number)
    .executeTakeFirst();
}

export function getStatement(db: Executor, id: string) {
  return db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a statement paid, once: the affected row count decides. */
export async function markStatementPaid(trx: Tx, id: string, p: { at: string; date: string; reference: string }): Promise<boolean> {
  const r = await trx
    .updateTable('statements')
    .set({ paid_at: p.at, payment_date: p.date, payment_reference: p.reference })
    .where('id', '=', id)
    .where('paid_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function paymentLinesOf(db: Executor, statementId: string) {
  return db.selectFrom('payment_lines').select(['id', 'ticket_id', 'claim_line_id', 'amount_cents']).where('statement_id', '=', statementId).execute();
}

/** claimed → paid for the tickets of a statement; returns how many moved. */
export async function markStatementTicketsPaid(trx: Tx, statementId: string, now: string): Promise<number> {
  const r = await trx
    .updateTable('tickets')
    .set({ status: 'paid', updated_at: now })
    .where('id', 'in', (eb) => eb.selectFrom('payment_lines').select('payment_lines.ticket_id').where('payment_lines.statement_id', '=', statementId))
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** ordered → paid for the claims whose every approved line is on a paid statement. */
export async function markClaimsPaid(trx: Tx, statementId: string): Promise<string[]> {
  const rows = await trx
    .updateTable('claims')
    .set({ status: 'paid' })
    .where('status', '=', 'ordered')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('claim_lines as l')
        .innerJoin('payment_lines as p', 'p.claim_line_id', 'l.id')
        .select('l.claim_id')
        .where('p.statement_id', '=', statementId),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('claim_lines as l2')
            .innerJoin('payment_lines as p2', 'p2.claim_line_id', 'l2.id')
            .innerJoin('statements as s2', 's2.id', 'p2.statement_id')
            .select('l2.id')
            .whereRef('l2.claim_id', '=', 'claims.id')
            .where('s2.paid_at', 'is', null),
        ),
      ),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** issued → paid once every statement of the order is paid. */
export async function closeOrderIfPaid(trx: Tx, orderId: string, p: { at: string; date: string; reference: string }): Promise<boolean> {
  const r = await trx
    .updateTable('payment_orders')
    .set({ status: 'paid', paid_at: p.at, payment_date: p.date, payment_reference: p.reference })
    .where('id', '=', orderId)
    .where('status', '=', 'issued')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('statements').select('statements.id').where('statements.payment_order_id', '=', orderId).where('statements.paid_at', 'is', null))),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function campaignsById(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('campaigns').select(['id', 'name', 'allow_mixed_orders']).where('id', 'in', ids).execute();
}

/**
 * prepared → released, once: by another finance officer, or by the preparer only when the
 * territory declared a single-officer exception (its co-signer's name is then recorded).
 */
export async function releaseOrder(trx: Tx, orderId: string, p: { by: string; at: string; cosigner: string | null }): Promise<boolean> {
  let q = trx
    .updateTable('payment_orders')
    .set({ released_at: p.at, released_by: p.by, release_cosigner: p.cosigner })
    .where('id', '=', orderId)
    .where('status', '=', 'issued')
    .where('released_at', 'is', null);
  if (p.cosigner === null) q = q.where('created_by', '<>', p.by);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function territoryCosigner(db: Executor, territoryId: string): Promise<string | null> {
  const row = await db.selectFrom('territories').select('single_finance_cosigner').where('id', '=', territoryId).executeTakeFirst();
  return row?.single_finance_cosigner ?? null;
}

export async function setTerritoryCosigner(trx: Tx, territoryId: string, cosigner: string | null): Promise<void> {
  await trx.updateTable('territories').set({ single_finance_cosigner: cosigner }).where('id', '=', territoryId).execute();
}

export async function countActiveFinanceOfficers(db: Executor, territoryId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('territory_id', '=', territoryId)
    .where('role', '=', 'finance')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
