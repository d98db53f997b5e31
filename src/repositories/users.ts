import type { Role, UserTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export type UserRow = UserTable;

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function getUser(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  u: {
    id: string; territoryId: string; email: string; displayName: string; role: Role; organisationId?: string | null;
    structureId?: string | null; passwordHash?: string | null; createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      territory_id: u.territoryId,
      email: u.email.trim().toLowerCase(),
      display_name: u.displayName,
      role: u.role,
      organisation_id: u.organisationId ?? null,
      structure_id: u.structureId ?? null,
      password_hash: u.passwordHash ?? null,
      totp_enabled: 0,
      recovery_codes: '[]',
      created_at: u.createdAt,
    })
    .execute();
}

export async function updateUser(db: Executor, id: string, patch: Partial<UserTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function listUsers(db: Executor, territoryId: string, filter: { structureId?: string; organisationId?: string } = {}) {
  let q = db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'organisation_id', 'structure_id', 'totp_enabled', 'disabled_at', 'created_at'])
    .where('territory_id', '=', territoryId);
  if (filter.structureId) q = q.where('structure_id', '=', filter.structureId);
  if (filter.organisationId) q = q.where('organisation_id', '=', filter.organisationId);
  return q.orderBy('email').execute();
}

/**
 * Gives an account a new role, only if it still has the role the caller read (two admins acting at
 * once: one wins, the other is told). Returns whether it changed.
 */
export async function changeUserRole(
  db: Executor, id: string, p: { from: Role; to: Role; organisationId: string | null; structureId: string | null },
): Promise<boolean> {
  const r = await db.updateTable('users').set({ role: p.to, organisation_id: p.organisationId, structure_id: p.structureId })
    .where('id', '=', id).where('role', '=', p.from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
