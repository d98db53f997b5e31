import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { deleteSession, findApiToken, findSessionWithUser, touchApiToken, touchSession } from '../../repositories/sessions.ts';
import type { Deps } from '../support/deps.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
const TOUCH_EVERY_MS = 60_000; // avoids a write on every request of a busy scanner

export function sessionIdHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface SessionContext { actor: Actor; csrfToken: string; totpPending: boolean; idHash: string }

/** Resolves a session cookie: null when unknown or past its idle (30 min) or absolute (12 h) limit. */
export async function authenticateSession(deps: Deps, token: string): Promise<SessionContext | null> {
  const idHash = sessionIdHash(token);
  const row = await findSessionWithUser(deps.db, idHash);
  if (!row) return null;
  const now = deps.now().getTime();
  if (
    row.disabled_at ||
    now - Date.parse(row.last_seen_at) > SESSION_IDLE_MS ||
    now - Date.parse(row.created_at) > SESSION_ABSOLUTE_MS
  ) {
    await deleteSession(deps.db, idHash);
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) await touchSession(deps.db, idHash, new Date(now).toISOString());
  return {
    idHash,
    csrfToken: row.csrf_token,
    totpPending: row.totp_pending === 1,
    actor: {
      kind: 'user',
      id: row.user_id,
      role: row.role,
      territoryId: row.territory_id,
      organisationId: row.organisation_id,
      structureId: row.structure_id,
      label: row.email,
    },
  };
}

/** Resolves an integration's Bearer token (stored hashed; revocable; expires; dies with its creator's account). */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor> {
  const row = await findApiToken(deps.db, deps.secrets.hashToken(token));
  if (!row || row.revoked_at || row.creator_disabled_at) throw new DomainError('unauthenticated', 'Jeton d’accès inconnu ou révoqué.');
  const now = deps.now();
  // A token without an expiry date (none should be) is refused too: fail closed.
  if (!row.expires_at || row.expires_at <= now.toISOString()) {
    throw new DomainError('unauthenticated', 'Jeton d’accès expiré : créez-en un nouveau dans l’écran « Équipe ».');
  }
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await touchApiToken(deps.db, row.id, now.toISOString());
  }
  return {
    kind: 'token',
    id: row.id,
    role: row.structure_id ? 'structure_token' : 'organisation_token',
    territoryId: row.territory_id,
    structureId: row.structure_id,
    organisationId: row.organisation_id,
    label: `jeton « ${row.name} »`,
  };
}
