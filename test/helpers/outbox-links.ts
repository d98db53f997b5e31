import type { Deps } from '../../src/usecases/support/deps.ts';

/**
 * The token of the latest password link e-mailed to `email`, read from the outbox as the mail
 * server would receive it (the API never returns it to the requester).
 */
export async function mailedPasswordToken(deps: Deps, email: string): Promise<string> {
  const token = /\/mot-de-passe\/([A-Za-z0-9_-]+)/.exec(await mailedPasswordLink(deps, email))?.[1];
  if (!token) throw new Error('no token in the mailed link');
  return token;
}

/** The link (as written in the e-mail) of the latest password link sent to `email`. */
export async function mailedPasswordLink(deps: Deps, email: string): Promise<string> {
  const m = await deps.db
    .selectFrom('outbox')
    .select(['body', 'recipient'])
    .where('kind', '=', 'password_link')
    .where('recipient', '=', email.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const link = /https?:\/\/\S+/.exec(m.body)?.[0];
  if (!link) throw new Error('no link in the mailed body');
  return link;
}
