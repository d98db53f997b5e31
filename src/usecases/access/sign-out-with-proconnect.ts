import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { consumeFlow, getFlowOutcome, getLink, getProconnectSession, insertFlow, setRefusesPassword } from '../../repositories/proconnect.ts';
import { deleteSession } from '../../repositories/sessions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { sessionIdHash } from './authenticate.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import * as client from '../support/proconnect-client.ts';
import { FLOW_TTL_MS } from './sign-in-with-proconnect.ts';

/**
 * Closes the passnum session and, when it was opened through ProConnect, prepares the browser's
 * trip to ProConnect's end_session_endpoint (id_token_hint, state, post_logout_redirect_uri), so
 * that the ProConnect session ends too. The passnum session is closed whatever happens next.
 */
export async function signOutWithProConnect(deps: Deps, sessionIdHashValue: string): Promise<{ redirectUrl: string | null; flowToken: string | null }> {
  const pcSession = await getProconnectSession(deps.db, sessionIdHashValue);
  await deleteSession(deps.db, sessionIdHashValue);
  const pc = deps.config.proconnect;
  if (!pcSession || !pc) return { redirectUrl: null, flowToken: null };
  const oidcConfig = await client.proConnectClient(pc);
  const flowToken = randomBytes(32).toString('base64url');
  const state = client.randomState();
  await insertFlow(deps.db, {
    id_hash: sessionIdHash(flowToken), kind: 'logout', state, nonce: null, code_verifier: null, mfa_required: 0,
    created_at: deps.now().toISOString(), consumed_at: null, outcome: null,
  });
  const url = client.buildEndSessionUrl(oidcConfig, { id_token_hint: pcSession.id_token, state, post_logout_redirect_uri: pc.postLogoutRedirectUri });
  return { redirectUrl: url.href, flowToken };
}

/** ProConnect's return after sign-out: true when the `state` is the one this browser sent. */
export async function finishProConnectSignOut(deps: Deps, flowToken: string | undefined, state: string | undefined): Promise<boolean> {
  if (!flowToken || !state) return false;
  const now = deps.now();
  const flow = await consumeFlow(deps.db, sessionIdHash(flowToken), 'logout', now.toISOString(), new Date(now.getTime() - FLOW_TTL_MS).toISOString());
  if (!flow) return false;
  const a = Buffer.from(flow.state);
  const b = Buffer.from(state);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The refusal recorded by the last sign-in flow of this browser (null: none, or expired). */
export async function getProConnectRefusal(deps: Deps, flowToken: string | undefined): Promise<unknown> {
  if (!flowToken) return null;
  const row = await getFlowOutcome(deps.db, sessionIdHash(flowToken), new Date(deps.now().getTime() - FLOW_TTL_MS).toISOString());
  return row?.outcome ? JSON.parse(row.outcome) : null;
}

export async function getProConnectAccount(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Réservé aux comptes de personnes.');
  const link = await getLink(deps.db, actor.id);
  return { linked: !!link, linkedAt: link?.linked_at ?? null, refusesPassword: link?.refuses_password === 1 };
}

/** An account linked to ProConnect may refuse passwords (only ProConnect opens it then), or accept them again. */
export async function setPasswordRefusal(deps: Deps, actor: Actor, refusesPassword: boolean) {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Réservé aux comptes de personnes.');
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    if (!(await setRefusesPassword(trx, actor.id, refusesPassword))) {
      throw new DomainError('conflict', 'Ce compte n’est pas encore relié à ProConnect : connectez-vous une première fois avec ProConnect.');
    }
    await audit(trx, actor, now, refusesPassword ? 'user.password_refused' : 'user.password_accepted', { type: 'user', id: actor.id });
  });
  return getProConnectAccount(deps, actor);
}
