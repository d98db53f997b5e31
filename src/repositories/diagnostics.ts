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
