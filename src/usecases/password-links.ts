import type { Actor } from '../domain/actor.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { consumePasswordLink, deleteUnusedPasswordLinks, insertPasswordLink } from '../repositories/access.ts';
import { deleteUserSessions } from '../repositories/sessions.ts';
import { inTransaction } from '../repositories/tx.ts';
import { getUser, updateUser } from '../repositories/users.ts';
import { hashPassword, PASSWORD_MIN } from './create-user.ts';
import { findManageableUser } from './manage-users.ts';
import { audit } from './support/audit.ts';
import type { Deps } from './support/deps.ts';

export const PASSWORD_LINK_HOURS = 48;
const INVALID_LINK = 'Ce lien n’est pas valable : il a déjà servi, a expiré (48 heures) ou est incomplet. Demandez un nouveau lien à l’administration.';

/** Where the web application shows the "choose your password" page for a link token. */
export function passwordLinkUrl(deps: Deps, token: string): string {
  const base = deps.config.publicUrl ?? `http://${deps.config.host === '0.0.0.0' ? 'localhost' : deps.config.host}:${deps.config.port}`;
  return `${base.replace(/\/$/, '')}/mot-de-passe/${token}`;
}

/**
 * An admin (or a structure manager for their staff) issues a one-time link to set a password:
 * a random token, stored hashed, valid 48 hours, single use. A new link replaces unused ones.
 */
export async function issuePasswordLink(deps: Deps, actor: Actor, userId: string) {
  const user = await findManageableUser(deps, actor, userId);
  if (user.disabled_at) throw new DomainError('conflict', 'Ce compte est désactivé : réactivez-le avant d’envoyer un lien.');
  const token = Buffer.from(deps.randomBytes(32)).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000).toISOString();
  await inTransaction(deps.db, async (trx) => {
    await deleteUnusedPasswordLinks(trx, userId);
    await insertPasswordLink(trx, { token_hash: deps.secrets.hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, used_at: null });
    await audit(trx, actor, now, 'user.password_link_issued', { type: 'user', id: userId }, { email: user.email, expiresAt });
  });
  return { url: passwordLinkUrl(deps, token), token, expiresAt };
}

/** The person follows the link and chooses a password (public route; the link is the proof). */
export async function setPasswordWithLink(deps: Deps, input: { token: string; password: string }): Promise<void> {
  if (input.password.length < PASSWORD_MIN) throw invalid('password', `Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`);
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const link = await consumePasswordLink(trx, deps.secrets.hashToken(input.token), now.toISOString());
    if (!link) throw new DomainError('not_found', INVALID_LINK);
    const user = await getUser(trx, link.user_id);
    if (!user || user.disabled_at) throw new DomainError('not_found', INVALID_LINK);
    await updateUser(trx, user.id, { password_hash: passwordHash });
    // Anyone who knew the old password is signed out.
    await deleteUserSessions(trx, user.id);
    await audit(trx, null, now, 'user.password_set', { type: 'user', id: user.id }, { via: 'password_link' }, user.territory_id);
  });
}
