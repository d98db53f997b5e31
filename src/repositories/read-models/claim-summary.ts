import type { ClaimStatus } from '../../db/schema.ts';
import type { Executor } from '../tx.ts';

/** Claims of one month of a territory, by status: how many, how many lines, what amount. */
export async function claimTotalsOfPeriod(db: Executor, p: { territoryId: string; period: string }) {
  const rows = await db
    .selectFrom('claims')
    .innerJoin('structures', 'structures.id', 'claims.structure_id')
    .leftJoin('claim_lines', 'claim_lines.claim_id', 'claims.id')
    .where('structures.territory_id', '=', p.territoryId)
    .where('claims.period', '=', p.period)
    .groupBy('claims.status')
    .select((eb) => [
      'claims.status as status',
      eb.fn.count<string | number>('claims.id').distinct().as('claims'),
      eb.fn.count<string | number>('claim_lines.id').as('lines'),
      eb.fn.coalesce(eb.fn.sum<string | number>('claim_lines.amount_cents'), eb.lit(0)).as('amount'),
    ])
    .execute();
  return rows.map((r) => ({ status: r.status as ClaimStatus, claims: Number(r.claims), lines: Number(r.lines), amountCents: Number(r.amount) }));
}

/** The finance officers of each territory, who receive the monthly claim summary. */
export function activeFinanceOfficers(db: Executor) {
  return db.selectFrom('users').select(['id', 'territory_id', 'email', 'display_name']).where('role', '=', 'finance').where('disabled_at', 'is', null).orderBy('territory_id').orderBy('email').execute();
}
