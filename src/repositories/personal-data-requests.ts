import type { PersonalDataRequestTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export async function insertPersonalDataRequest(db: Executor, row: PersonalDataRequestTable): Promise<void> {
  await db.insertInto('personal_data_requests').values(row).execute();
}

function selectRequests(db: Executor) {
  return db
    .selectFrom('personal_data_requests as r')
    .leftJoin('beneficiaries as b', 'b.id', 'r.beneficiary_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('users as rec', 'rec.id', 'r.recorded_by')
    .leftJoin('users as clo', 'clo.id', 'r.closed_by')
    .selectAll('r')
    .select(['b.first_name', 'b.birth_name', 'b.usage_name', 'b.anonymised_at', 'o.name as organisation_name', 'rec.display_name as recorded_by_name', 'clo.display_name as closed_by_name']);
}

export function findPersonalDataRequest(db: Executor, id: string) {
  return selectRequests(db).where('r.id', '=', id).executeTakeFirst();
}

/** A territory's requests (an organisation's, a person's), the open ones only if asked, soonest due first. */
export function listPersonalDataRequests(db: Executor, f: { territoryId: string; organisationId?: string; beneficiaryId?: string; openOnly: boolean; limit: number }) {
  let q = selectRequests(db).where('r.territory_id', '=', f.territoryId);
  if (f.organisationId) q = q.where('r.organisation_id', '=', f.organisationId);
  if (f.beneficiaryId) q = q.where('r.beneficiary_id', '=', f.beneficiaryId);
  if (f.openOnly) q = q.where('r.status', 'in', ['open', 'extended']);
  return q.orderBy('r.due_on').orderBy('r.received_on').orderBy('r.id').limit(f.limit).execute();
}

/** The open request of this kind for a person, if any (at most one: one_open_personal_data_request_per_kind). */
export function findOpenRequestOfKind(db: Executor, beneficiaryId: string, kind: string) {
  return db.selectFrom('personal_data_requests').selectAll().where('beneficiary_id', '=', beneficiaryId).where('kind', '=', kind)
    .where('status', 'in', ['open', 'extended']).executeTakeFirst();
}

/** Extends an open request, only if it is still open (not extended nor closed meanwhile). */
export async function extendPersonalDataRequest(db: Executor, id: string, p: { dueOn: string; reason: string; by: string | null; at: string }): Promise<boolean> {
  const r = await db.updateTable('personal_data_requests')
    .set({ status: 'extended', due_on: p.dueOn, extension_reason: p.reason, extended_by: p.by, extended_at: p.at })
    .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Closes a request still open (or extended): answered or refused, once. */
export async function closePersonalDataRequest(
  db: Executor, id: string, p: { status: 'answered' | 'refused'; note: string | null; answeredOn: string; by: string | null },
): Promise<boolean> {
  const r = await db.updateTable('personal_data_requests')
    .set({ status: p.status, closing_note: p.note, answered_on: p.answeredOn, closed_by: p.by })
    .where('id', '=', id).where('status', 'in', ['open', 'extended']).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
