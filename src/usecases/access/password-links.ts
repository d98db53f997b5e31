import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { consumePasswordLink, deleteUnusedPasswordLinks, insertPasswordLink } from '../../repositories/access.ts';
import { insertMessage } from '../../repositories/outbox.ts';
import { deleteUserSessions } from '../../repositories/sessions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { getUser, updateUser } from '../../repositories/users.ts';
import { hashPassword, PASSWORD_MIN } from '../administration/create-user.ts';
import { assertStrongPassword } from '../support/password-strength.ts';
import { findManageableUser } from '../administration/manage-users.ts';
import { audit } from '../support/audit.ts';
import { configuredChannelNames } from '../support/channels.ts';
import type { Deps } from '../support/deps.ts';

export const PASSWORD_LINK_HOURS = 48;
const INVALID_LINK = 'Ce lien n’est pas valable : il a déjà servi, a expiré (48 heures) ou est incomplet. Demandez un nouveau lien à l’administration.';

/** Where the web application shows the "choose your password" page for a link token. */
export function passwordLinkUrl(deps: Deps, token: string): string {
  const base = deps.config.publicUrl ?? `http://${deps.config.host === '0.0.0.0' ? 'localhost' : deps.config.host}:${deps.config.port}`;
  return `${base.replace(/\/$/, '')}/mot-de-passe/${token}`;
}

/** "m•••@exemple.fr": enough for the person who asked to recognise the address. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/**
 * Someone who outranks the account (domain/duties.ts) has a one-time link sent to the person's own
 * e-mail address, through the outbox: a random token, stored hashed, valid 48 hours, single use. A
 * new link replaces unused ones. The link is never returned to the person who asked for it — only
 * the masked address it went to — so that an admin cannot set someone else's password.
 */
export async function issuePasswordLink(deps: Deps, actor: Actor, userId: string) {
  const user = await findManageableUser(deps, actor, userId);
  if (user.disabled_at) throw new DomainError('conflict', 'Ce compte est désactivé : réactivez-le avant d’envoyer un lien.');
  const token = Buffer.from(deps.randomBytes(32)).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000).toISOString();
  const messageId = deps.newId();
  const status = configuredChannelNames(deps.config).includes('email') ? 'pending' : 'held';
  await inTransaction(deps.db, async (trx) => {
    await deleteUnusedPasswordLinks(trx, userId);
    await insertPasswordLink(trx, { token_hash: deps.secrets.hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, used_at: null });
    await insertMessage(trx, {
      id: messageId, territory_id: user.territory_id, beneficiary_id: null, channel: 'email', kind: PASSWORD_LINK_KIND, dedupe_key: `password_link:${messageId}`,
      recipient: user.email, subject: 'passnum : choisissez votre mot de passe',
      body: passwordLinkMail(user.display_name, passwordLinkUrl(deps, token)), status, attempts: 0, next_attempt_at: now.toISOString(), sent_at: null,
      last_error: null, created_at: now.toISOString(),
    });
    await audit(trx, actor, now, 'user.password_link_issued', { type: 'user', id: userId }, { email: maskEmail(user.email), expiresAt, messageId });
  });
  return { sentTo: maskEmail(user.email), expiresAt };
}

/** The outbox kind of password-link e-mails: their body carries a secret and is never listed. */
export const PASSWORD_LINK_KIND = 'password_link';

function passwordLinkMail(name: string, url: string): string {
  return [
    `Bonjour ${name},`,
    '',
    'Pour choisir votre mot de passe passnum, ouvrez ce lien personnel (valable 48 heures, une seule fois) :',
    url,
    '',
    'Si vous n’avez rien demandé, ignorez ce message et prévenez l’administration du programme.',
  ].join('\n');
}

/** The person follows the link and chooses a password (public route; the link is the proof). */
export async function setPasswordWithLink(deps: Deps, input: { token: string; password: string }): Promise<void> {
  if (input.password.length < PASSWORD_MIN) throw invalid('password', `Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`);
  assertStrongPassword(input.password, ['passnum', 'pass numérique']);
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
