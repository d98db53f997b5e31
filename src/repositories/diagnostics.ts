import type { DiagnosticTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export function getCurrentDiagnosticModel(db: Executor) {
  return db.selectFrom('diagnostic_models').selectAll().where('is_current', '=', 1).orderBy('created_at', 'desc').executeTakeFirst();
}

export function getDiagnosticModel(db: Executor, version: string) {
  return db.selectFrom('diagnostic_models').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function insertDiagnostic(db: Executor, row: DiagnosticTable): Promise<void> {
  await db.insertInto('diagnostics').values(row).execute();
}

/** The latest diagnostic of a kind for a beneficiary (ids are time-ordered UUIDv7). */
export function latestDiagnostic(db: Executor, beneficiaryId: string, kind: DiagnosticTable['kind']) {
  return db
    .selectFrom('diagnostics')
    .selectAll()
    .where('beneficiary_id', '=', beneficiaryId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function listDiagnostics(db: Executor, beneficiaryId: string) {
  return db.selectFrom('diagnostics').selectAll().where('beneficiary_id', '=', beneficiaryId).orderBy('created_at').orderBy('id').execute();
}

/**
 * Edits the baseline in place (a re-diagnosis on the same day): conditional on the row still being
 * the person's initial diagnostic; the affected-row count tells.
 */
export async function updateBaseline(
  db: Executor,
  id: string,
  row: Pick<DiagnosticTable, 'model_version' | 'answers' | 'needs' | 'scores' | 'profile' | 'updated_at'>,
): Promise<boolean> {
  const r = await db.updateTable('diagnostics').set(row).where('id', '=', id).where('kind', '=', 'initial').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A structure trained this person: a live redemption at the structure of a ticket of one of their booklets. */
export async function trainedAtStructure(db: Executor, beneficiaryId: string, structureId: string): Promise<boolean> {
  const row = await db
    .selectFrom('redemptions')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .where('booklets.beneficiary_id', '=', beneficiaryId)
    .where('redemptions.structure_id', '=', structureId)
    .where('redemptions.undone_at', 'is', null)
    .select('redemptions.id')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The holder of the booklet a redemption used (structure-scoped), with the booklet's tickets still usable. */
export async function redemptionHolder(db: Executor, requestId: string, structureId: string) {
  const row = await db
    .selectFrom('redemption_requests as rr')
    .innerJoin('redemptions', 'redemptions.request_id', 'rr.id')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .innerJoin('beneficiaries as ben', 'ben.id', 'booklets.beneficiary_id')
    .where('rr.id', '=', requestId)
    .where('rr.structure_id', '=', structureId)
    .select(['ben.id', 'ben.first_name', 'ben.anonymised_at', 'booklets.id as booklet_id'])
    .executeTakeFirst();
  if (!row) return null;
  const left = await db
    .selectFrom('tickets')
    .where('booklet_id', '=', row.booklet_id)
    .where('status', '=', 'issued')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ...row, tickets_left: Number(left.n) };
}

export function countFollowups(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('diagnostics')
    .where('beneficiary_id', '=', beneficiaryId)
    .where('kind', '=', 'followup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
