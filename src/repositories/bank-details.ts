import type { BankDocumentTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

export function getStructureBank(db: Executor, structureId: string) {
  return db
    .selectFrom('structures')
    .select([
      'id', 'territory_id', 'name', 'siret', 'iban', 'bic', 'account_holder', 'bank_status', 'bank_updated_at', 'bank_verified_at', 'bank_verified_by',
      'bank_updated_by', 'bank_document_id',
    ])
    .where('id', '=', structureId)
    .executeTakeFirst();
}

/**
 * pending → verified, only for exactly the IBAN, BIC and holder the finance officer checked on the
 * RIB, and only by someone other than who entered them (a concurrent change wins: nothing moves).
 */
export async function markBankVerified(
  trx: Tx,
  structureId: string,
  p: { iban: string; bic: string | null; accountHolder: string; now: string; by: string },
): Promise<boolean> {
  let q = trx
    .updateTable('structures')
    .set({ bank_status: 'verified', bank_verified_at: p.now, bank_verified_by: p.by, updated_at: p.now })
    .where('id', '=', structureId)
    .where('bank_status', '=', 'pending')
    .where('iban', '=', p.iban)
    .where('account_holder', '=', p.accountHolder)
    .where('bank_document_id', 'is not', null)
    .where('bank_updated_by', '<>', p.by);
  q = p.bic === null ? q.where('bic', 'is', null) : q.where('bic', '=', p.bic);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** New bank details from the structure's manager: back to "pending", with the RIB they attached. */
export async function setStructureBank(
  trx: Tx,
  structureId: string,
  p: { iban: string; bic: string | null; accountHolder: string; documentId: string; by: string; now: string },
): Promise<void> {
  await trx
    .updateTable('structures')
    .set({
      iban: p.iban, bic: p.bic, account_holder: p.accountHolder, bank_status: 'pending', bank_updated_at: p.now, bank_updated_by: p.by,
      bank_document_id: p.documentId, bank_verified_at: null, bank_verified_by: null, updated_at: p.now,
    })
    .where('id', '=', structureId)
    .execute();
}

export async function insertBankDocument(trx: Tx, row: BankDocumentTable): Promise<void> {
  await trx.insertInto('bank_documents').values(row).execute();
}

export function getBankDocument(db: Executor, id: string) {
  return db.selectFrom('bank_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The audited history of a structure's bank details, newest first. */
export function bankHistory(db: Executor, structureId: string) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_label', 'action', 'details'])
    .where('target_type', '=', 'structure')
    .where('target_id', '=', structureId)
    .where('action', 'like', 'structure.bank_%')
    .orderBy('seq', 'desc')
    .limit(100)
    .execute();
}

export function structuresByBankStatus(db: Executor, territoryId: string, status: 'none' | 'pending' | 'verified') {
  return db
    .selectFrom('structures')
    .select(['id', 'name', 'siret', 'iban', 'bic', 'account_holder', 'bank_status', 'bank_updated_at'])
    .where('territory_id', '=', territoryId)
    .where('bank_status', '=', status)
    .orderBy('name')
    .execute();
}
