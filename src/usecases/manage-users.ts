import { ROLE_LABELS, requireRole, type Actor, type Role } from '../domain/actor.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { deleteUserSessions } from '../repositories/sessions.ts';
import { getStructure } from '../repositories/structures.ts';
import { inTransaction } from '../repositories/tx.ts';
import { getUser, listUsers as listUserRows, updateUser } from '../repositories/users.ts';
import { createUser } from './create-user.ts';
import { audit } from './support/audit.ts';
import type { Deps } from './support/deps.ts';

/** Admin manages every account of the territory; a structure manager the accounts of their structure. */
export async function findManageableUser(deps: Deps, actor: Actor, userId: string) {
  requireRole(actor, 'admin', 'structure_manager');
  const user = await getUser(deps.db, userId);
  const visible = !!user && user.territory_id === actor.territoryId && (actor.role === 'admin' || user.structure_id === actor.structureId);
  if (!user || !visible) throw new DomainError('not_found', 'Ce compte n’existe pas.');
  return user;
}

export async function listUsers(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'structure_manager');
  const rows = await listUserRows(deps.db, actor.territoryId, actor.role === 'admin' ? {} : { structureId: actor.structureId ?? '-' });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    organisationId: u.organisation_id,
    structureId: u.structure_id,
    totpEnabled: u.totp_enabled === 1,
    disabledAt: u.disabled_at,
    createdAt: u.created_at,
  }));
}

/** Disabling closes the person's sessions at once; the account and its history stay. */
export async function setUserDisabled(deps: Deps, actor: Actor, userId: string, disabled: boolean) {
  const user = await findManageableUser(deps, actor, userId);
  if (user.id === actor.id) throw new DomainError('forbidden', 'Vous ne pouvez pas désactiver votre propre compte.');
  if (actor.role === 'structure_manager' && user.role !== 'mediator') {
    throw new DomainError('forbidden', 'Vous pouvez seulement gérer les comptes des médiateurs de votre structure.');
  }
  await inTransaction(deps.db, async (trx) => {
    await updateUser(trx, userId, { disabled_at: disabled ? deps.now().toISOString() : null });
    if (disabled) await deleteUserSessions(trx, userId);
    await audit(trx, actor, deps.now(), disabled ? 'user.disabled' : 'user.enabled', { type: 'user', id: userId }, { email: user.email });
  });
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
