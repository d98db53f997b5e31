import type { Executor, Tx } from './tx.ts';

export function getStructureBank(db: Executor, structureId: string) {
  return db
    .selectFrom('structures')
    .select(['id', 'territory_id', 'name', 'siret', 'iban', 'bic', 'account_holder', 'bank_status', 'bank_updated_at', 'bank_verified_at', 'bank_verified_by'])
    .where('id', '=', structureId)
    .executeTakeFirst();
}

/** pending → verified, only for the IBAN the finance officer checked (a concurrent change wins). */
export async function markBankVerified(trx: Tx, structureId: string, p: { iban: string; now: string; by: string }): Promise<boolean> {
  const r = await trx
    .updateTable('structures')
    .set({ bank_status: 'verified', bank_verified_at: p.now, bank_verified_by: p.by, updated_at: p.now })
    .where('id', '=', structureId)
    .where('bank_status', '=', 'pending')
    .where('iban', '=', p.iban)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
