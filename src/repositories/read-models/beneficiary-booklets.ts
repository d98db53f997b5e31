import type { Executor } from '../tx.ts';

/** Booklets of these beneficiaries with their ticket counts (unused = still 'issued'). */
export function bookletSummaries(db: Executor, beneficiaryIds: string[]) {
  if (beneficiaryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('booklets')
    .innerJoin('campaigns', 'campaigns.id', 'booklets.campaign_id')
    .leftJoin('organisations', 'organisations.id', 'booklets.organisation_id')
    .leftJoin('tickets', 'tickets.booklet_id', 'booklets.id')
    .select((eb) => [
      'booklets.beneficiary_id', 'booklets.id', 'booklets.serial', 'booklets.status', 'booklets.campaign_id', 'booklets.issued_at',
      'booklets.replaces_booklet_id', 'booklets.cancel_reason', 'booklets.print_batch_id', 'campaigns.name as campaign_name',
      'campaigns.validity_end', 'campaigns.face_value_cents', 'organisations.name as organisation_name',
      eb.fn.count<number>('tickets.id').as('total'),
      eb.fn.sum<number>(eb.case().when('tickets.status', '=', 'issued').then(1).else(0).end()).as('unused'),
      eb.fn.sum<number>(eb.case().when('tickets.status', 'in', ['redeemed', 'claimed', 'paid']).then(1).else(0).end()).as('used'),
    ])
    .where('booklets.beneficiary_id', 'in', beneficiaryIds)
    .groupBy([
      'booklets.beneficiary_id', 'booklets.id', 'booklets.serial', 'booklets.status', 'booklets.campaign_id', 'booklets.issued_at',
      'booklets.replaces_booklet_id', 'booklets.cancel_reason', 'booklets.print_batch_id', 'campaigns.name', 'campaigns.validity_end',
      'campaigns.face_value_cents', 'organisations.name',
    ])
    .orderBy('booklets.issued_at', 'desc')
    .execute();
}

/** The latest initial diagnostic profile of each of these beneficiaries. */
export async function latestProfiles(db: Executor, beneficiaryIds: string[]): Promise<Map<string, string>> {
  if (beneficiaryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('diagnostics')
    .select(['beneficiary_id', 'profile', 'created_at', 'id'])
    .where('beneficiary_id', 'in', beneficiaryIds)
    .where('kind', '=', 'initial')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.beneficiary_id, r.profile]));
}
