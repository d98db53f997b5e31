import type { Executor } from './tx.ts';
import { queryTemplate } from '../db/query-template.ts';

export async function insertSession(
  db: Executor,
  s: { idHash: string; userId: string; csrfToken: string; now: string; totpPending: boolean },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      totp_pending: s.totpPending ? 1 : 0,
    })
    .execute();
}

export function findSessionWithUser(db: Executor, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.totp_pending',
      'users.id as user_id', 'users.role', 'users.territory_id', 'users.organisation_id', 'users.structure_id',
      'users.email', 'users.display_name', 'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Read on every request of an integration: built and compiled once (query-template.ts). */
export async function findApiToken(db: Executor, tokenHash: string) {
  const [token] = await apiTokenByHash.execute(db, { tokenHash });
  return token;
}

// The creator's account comes along (primary-key join): a token whose creator was disabled is
// refused even if it escaped the revocation that disabling does (manage-users.ts).
const apiTokenByHash = queryTemplate((db, p: { tokenHash: string }) =>
  db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('api_tokens')
    .select('users.disabled_at as creator_disabled_at')
    .where('api_tokens.token_hash', '=', p.tokenHash),
);

export async function touchApiToken(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
