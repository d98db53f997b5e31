import { sql } from 'kysely';
import type { Executor } from '../tx.ts';
import { campaignIn, inPeriod, num, USED, type ReadScope } from './scope.ts';

export interface MoneyFigures {
  budgetCents: number | null;
  issuedCents: number;
  redeemedCents: number;
  unusedValidCents: number;
  unusedExpiredCents: number;
  claimedCents: number;
  approvedCents: number;
  rejectedCents: number;
  paidCents: number;
}

/**
 * Budget, value issued, redeemed, claimed, approved, paid and unused for a scope, in cents, summed
 * by the database. Each figure is filtered on its own date: hand-out for issued and unused,
 * redemption for redeemed, submission for claimed, review for approved/rejected, payment for paid.
 * `today` (YYYY-MM-DD, Paris) splits unused tickets into still valid and past validity.
 */
export async function moneyFigures(db: Executor, scope: ReadScope, today: string): Promise<MoneyFigures> {
  const issuedInPeriod = inPeriod('t.issued_at', scope);
  const tickets = await db
    .selectFrom('tickets as t')
    .$if(!!scope.organisationId, (q) => q.innerJoin('booklets as b', 'b.id', 't.booklet_id').where('b.organisation_id', '=', scope.organisationId!))
    .$if(!!scope.structureId, (q) => q.where('t.structure_id', '=', scope.structureId!))
    .where(campaignIn('t.campaign_id', scope))
    .where('t.status', 'not in', ['in_stock', 'cancelled'])
    .select([
      sql<number>`sum(case when t.issued_at is not null and ${issuedInPeriod} then t.face_value_cents else 0 end)`.as('issued'),
      sql<number>`sum(case when t.status in ${USED} and ${inPeriod('t.redeemed_at', scope)} then t.face_value_cents else 0 end)`.as('redeemed'),
      sql<number>`sum(case when t.status in ('issued', 'blocked') and t.valid_until >= ${today} and ${issuedInPeriod} then t.face_value_cents else 0 end)`.as('unused_valid'),
      sql<number>`sum(case when (t.status = 'expired' or (t.status in ('issued', 'blocked') and t.valid_until < ${today})) and ${issuedInPeriod} then t.face_value_cents else 0 end)`.as('unused_expired'),
    ])
    .executeTakeFirst();

  const claims = await db
    .selectFrom('claim_lines as cl')
    .innerJoin('claims as c', 'c.id', 'cl.claim_id')
    .$if(!!scope.organisationId, (q) =>
      q.innerJoin('tickets as t', 't.id', 'cl.ticket_id').innerJoin('booklets as b', 'b.id', 't.booklet_id').where('b.organisation_id', '=', scope.organisationId!),
    )
    .$if(!!scope.structureId, (q) => q.where('c.structure_id', '=', scope.structureId!))
    .where(campaignIn('c.campaign_id', scope))
    .where('c.status', '<>', 'draft')
    .select([
      sql<number>`sum(case when cl.status in ('pending', 'approved') and ${inPeriod('c.submitted_at', scope)} then cl.amount_cents else 0 end)`.as('claimed'),
      sql<number>`sum(case when cl.status = 'approved' and ${inPeriod('c.reviewed_at', scope)} then cl.amount_cents else 0 end)`.as('approved'),
      sql<number>`sum(case when cl.status = 'rejected' and ${inPeriod('c.reviewed_at', scope)} then cl.amount_cents else 0 end)`.as('rejected'),
    ])
    .executeTakeFirst();

  const paid = await db
    .selectFrom('payment_lines as pl')
    .innerJoin('statements as s', 's.id', 'pl.statement_id')
    .innerJoin('payment_orders as po', 'po.id', 's.payment_order_id')
    .innerJoin('tickets as t', 't.id', 'pl.ticket_id')
    .$if(!!scope.organisationId, (q) => q.innerJoin('booklets as b', 'b.id', 't.booklet_id').where('b.organisation_id', '=', scope.organisationId!))
    .$if(!!scope.structureId, (q) => q.where('s.structure_id', '=', scope.structureId!))
    .where(campaignIn('t.campaign_id', scope))
    .where((eb) => eb.or([eb('s.paid_at', 'is not', null), eb('po.status', '=', 'paid')]))
    .where(inPeriod(sql`coalesce(s.paid_at, po.paid_at)`, scope))
    .select(sql<number>`sum(pl.amount_cents)`.as('paid'))
    .executeTakeFirst();

  let budgetCents: number | null = null;
  if (!scope.organisationId && !scope.structureId) {
    const budget = await db
      .selectFrom('campaigns')
      .where(campaignIn('campaigns.id', scope))
      .select(sql<number>`sum(budget_cents)`.as('budget'))
      .executeTakeFirst();
    budgetCents = num(budget?.budget);
  }
  return {
    budgetCents,
    issuedCents: num(tickets?.issued),
    redeemedCents: num(tickets?.redeemed),
    unusedValidCents: num(tickets?.unused_valid),
    unusedExpiredCents: num(tickets?.unused_expired),
    claimedCents: num(claims?.claimed),
    approvedCents: num(claims?.approved),
    rejectedCents: num(claims?.rejected),
    paidCents: num(paid?.paid),
  };
}
