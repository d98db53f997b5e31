import type { ApiTokenTable, PasswordLinkTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

// --- password links (admin-issued, single use) ---

export async function insertPasswordLink(db: Executor, row: PasswordLinkTable): Promise<void> {
  await db.insertInto('password_links').values(row).execute();
}

/** Forgets the user's links not used yet (a new link replaces them). */
export async function deleteUnusedPasswordLinks(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('password_links').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/**
 * Marks a link used if it is still unused and not expired, returning its user. The conditional
 * update decides: two submissions of the same link cannot both set a password.
 */
export function consumePasswordLink(db: Executor, tokenHash: string, now: string) {
  return db
    .updateTable('password_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst();
}

// --- sessions ---

/** After TOTP enrolment, the user's sessions no longer wait for it. */
export async function clearTotpPending(db: Executor, userId: string): Promise<void> {
  await db.updateTable('sessions').set({ totp_pending: 0 }).where('user_id', '=', userId).execute();
}

/** Enables TOTP only if it was not enabled yet (conditional update). */
export async function enableTotp(db: Executor, userId: string, secret: string, recoveryHashes: string[]): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_enabled: 1, recovery_codes: JSON.stringify(recoveryHashes) })
    .where('id', '=', userId)
    .where('totp_enabled', '=', 0)
    .where('totp_secret', '=', secret)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Swaps the stored recovery-code list only if it is still the one that was read. */
export async function replaceRecoveryCodes(db: Executor, userId: string, expected: string, next: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ recovery_codes: next }).where('id', '=', userId).where('recovery_codes', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- API tokens ---

export async function insertApiToken(db: Executor, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function listApiTokens(db: Executor, territoryId: string, filter: { structureId?: string } = {}) {
  let q = db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.name', 't.structure_id', 't.organisation_id', 't.created_by', 't.created_at', 't.last_used_at', 't.revoked_at', 't.expires_at'])
    .select('u.display_name as created_by_name')
    .where('t.territory_id', '=', territoryId);
  if (filter.structureId) q = q.where('t.structure_id', '=', filter.structureId);
  return q.orderBy('t.created_at', 'desc').execute();
}

/** Revokes every live token a person created (their account is being disabled); returns them. */
export function revokeApiTokensCreatedBy(db: Executor, userId: string, now: string) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'name'])
    .execute();
}

/** Makes `userId` the token's owner, if it is still live (conditional update). */
export async function reownApiToken(db: Executor, id: string, userId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ created_by: userId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function getApiToken(db: Executor, id: string) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a TOTP time step as used only if it is later than the last one accepted (conditional
 * update): a code cannot be replayed, even by two sign-ins racing with it.
 */
export async function acceptTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
