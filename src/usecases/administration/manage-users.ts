import { ROLE_LABELS, requireRole, type Actor, type Role } from '../../domain/actor.ts';
import { requireOutranks, mayManageAccount, roleChangeRefusal, roleChangeTargets, DUTIES } from '../../domain/duties.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { revokeApiTokensCreatedBy } from '../../repositories/access.ts';
import { deleteUserSessions } from '../../repositories/sessions.ts';
import { getStructure } from '../../repositories/structures.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { changeUserRole as changeRoleRow, getUser, listUsers as listUserRows, updateUser } from '../../repositories/users.ts';
import { createUser } from './create-user.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

/**
 * An account the actor may act on: visible to them (admin: the territory; a structure manager: their
 * structure) and outranked by them (domain/duties.ts) — an admin cannot take over a finance officer,
 * a structure manager cannot take over a co-manager.
 */
export async function findManageableUser(deps: Deps, actor: Actor, userId: string) {
  requireRole(actor, 'admin', 'structure_manager');
  const user = await getUser(deps.db, userId);
  const visible = !!user && user.territory_id === actor.territoryId && (actor.role === 'admin' || user.structure_id === actor.structureId);
  if (!user || !visible) throw new DomainError('not_found', 'Ce compte n’existe pas.');
  requireOutranks(actor, { id: user.id, role: user.role });
  return user;
}

export async function listUsers(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'structure_manager');
  const rows = await listUserRows(deps.db, actor.territoryId, actor.role === 'admin' ? {} : { structureId: actor.structureId ?? '-' });
  return rows.map((u) => {
    // Whether the reader may act on this account (domain/duties.ts), so screens offer only what works.
    const manageable = u.id !== actor.id && actor.kind === 'user' && mayManageAccount(actor.role as Role, u.role);
    return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    organisationId: u.organisation_id,
    structureId: u.structure_id,
    totpEnabled: u.totp_enabled === 1,
    manageable,
    // The roles it may take from the reader: the same rule as the role change itself.
    roleChoices: manageable
      ? roleChangeTargets(actor.role as Role, { role: u.role, organisationId: u.organisation_id, structureId: u.structure_id }).map((r) => ({ role: r, label: ROLE_LABELS[r] }))
      : [],
    disabledAt: u.disabled_at,
    createdAt: u.created_at,
    };
  });
}

/**
 * Disabling closes the person's sessions at once and revokes the integration tokens they created
 * (an admin who wants one to keep running takes it over first: reownApiTokenToSelf); re-enabling
 * does not bring those back. The account and its history stay.
 */
export async function setUserDisabled(deps: Deps, actor: Actor, userId: string, disabled: boolean) {
  if (userId === actor.id) throw new DomainError('forbidden', 'Vous ne pouvez pas désactiver votre propre compte.');
  const user = await findManageableUser(deps, actor, userId);
  await inTransaction(deps.db, async (trx) => {
    const now = deps.now().toISOString();
    await updateUser(trx, userId, { disabled_at: disabled ? now : null });
    if (disabled) {
      await deleteUserSessions(trx, userId);
      for (const t of await revokeApiTokensCreatedBy(trx, userId, now)) {
        await audit(trx, actor, deps.now(), 'api_token.revoked', { type: 'api_token', id: t.id }, { name: t.name, reason: 'creator_disabled' });
      }
    }
    await audit(trx, actor, deps.now(), disabled ? 'user.disabled' : 'user.enabled', { type: 'user', id: userId }, { email: user.email });
  });
}

/**
 * A new role for an account, within the separation of duties (domain/duties.ts roleChangeRefusal):
 * the actor outranks the current and the new role, the account keeps the attachment the new role
 * needs (an auditor keeps none). The person's sessions end, so the next request is made with the
 * new rights; the change is audited.
 */
export async function changeUserRole(deps: Deps, actor: Actor, userId: string, role: Role) {
  if (userId === actor.id) throw new DomainError('forbidden', 'Vous ne pouvez pas changer votre propre rôle : demandez-le à une personne qui a plus de droits.', { duty: 'account.manage' });
  const user = await findManageableUser(deps, actor, userId);
  const refusal = roleChangeRefusal(actor.role as Role, { role: user.role, organisationId: user.organisation_id, structureId: user.structure_id }, role);
  if (refusal) throw new DomainError(refusal.code, refusal.message, refusal.code === 'forbidden' ? { duty: 'account.manage' } : { field: 'role' });
  const keepsStructure = role === 'mediator' || role === 'structure_manager';
  await inTransaction(deps.db, async (trx) => {
    const changed = await changeRoleRow(trx, userId, {
      from: user.role, to: role, organisationId: role === 'agent' ? user.organisation_id : null, structureId: keepsStructure ? user.structure_id : null,
    });
    if (!changed) throw new DomainError('conflict', 'Le rôle de ce compte vient d’être changé par quelqu’un d’autre : rechargez la page.');
    await deleteUserSessions(trx, userId);
    await audit(trx, actor, deps.now(), 'user.role_changed', { type: 'user', id: userId }, { email: user.email, from: user.role, to: role });
  });
  const updated = (await listUsers(deps, actor)).find((u) => u.id === userId);
  if (!updated) throw new DomainError('not_found', 'Ce compte n’existe pas.');
  return updated;
}

/** The admin resets a person's second factor (lost phone, recovery codes used up). */
export async function resetUserTotp(deps: Deps, actor: Actor, userId: string) {
  requireRole(actor, 'admin');
  const user = await findManageableUser(deps, actor, userId);
  await inTransaction(deps.db, async (trx) => {
    await updateUser(trx, userId, { totp_enabled: 0, totp_secret: null, recovery_codes: '[]' });
    await deleteUserSessions(trx, userId);
    await audit(trx, actor, deps.now(), 'user.totp_reset', { type: 'user', id: userId }, { email: user.email });
  });
}

export interface CreateAccountInput {
  email: string;
  displayName: string;
  role: Role;
  organisationId?: string | null;
  structureId?: string | null;
}

/** An admin creates an account (no password: the person sets it through a one-time link). */
export async function createAccount(deps: Deps, actor: Actor, input: CreateAccountInput) {
  requireRole(actor, 'admin', 'structure_manager');
  // Creating an account is managing it: an admin cannot mint a second finance officer or admin.
  if (!mayManageAccount(actor.role as Role, input.role)) {
    throw new DomainError('forbidden', `Vous ne pouvez pas créer un compte « ${ROLE_LABELS[input.role]} ». ${DUTIES['account.manage'].rule}`, { duty: 'account.manage' });
  }
  if (input.displayName.trim().length < 2) throw invalid('displayName', 'Indiquez le nom de la personne (2 caractères au moins).');
  if ((input.role === 'structure_manager' || input.role === 'mediator') && input.structureId) {
    const s = await getStructure(deps.db, input.structureId);
    if (!s || s.territory_id !== actor.territoryId) throw invalid('structureId', 'Structure inconnue sur ce territoire.');
  }
  // A structure manager adds staff to their own structure without having to name it.
  const structureId = actor.role === 'structure_manager' ? (input.structureId ?? actor.structureId) : input.structureId;
  const { id } = await createUser(deps, actor, { ...input, structureId, displayName: input.displayName.trim(), territoryId: actor.territoryId });
  const created = (await listUsers(deps, actor)).find((u) => u.id === id);
  if (!created) throw new DomainError('not_found', 'Ce compte n’existe pas.');
  return created;
}
