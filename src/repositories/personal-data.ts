import type { Executor } from './tx.ts';

/** What decides whether a person may receive a reminder. */
export function findContactState(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('beneficiaries')
    .select(['id', 'territory_id', 'organisation_id', 'contact_consent', 'opted_out_at', 'anonymised_at'])
    .where('id', '=', beneficiaryId)
    .executeTakeFirst();
}

/** Records an opt-out once (the first date is kept). */
export async function recordOptOut(db: Executor, beneficiaryId: string, at: string): Promise<boolean> {
  const r = await db.updateTable('beneficiaries').set({ opted_out_at: at }).where('id', '=', beneficiaryId).where('opted_out_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
