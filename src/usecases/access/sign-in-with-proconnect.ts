import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProConnectConfig } from '../../config.ts';
import type { ProConnectRefusalDto, ProConnectRefusalReasonDto } from '../../contracts/proconnect.ts';
import { ROLE_LABELS, type Role } from '../../domain/actor.ts';
import { decideSignIn, identityFromClaims, acrClaimsRequest, PROCONNECT_SCOPES, type ProConnectIdentity } from '../../domain/proconnect.ts';
import {
  consumeFlow, deleteFlowsBefore, findCandidateByEmail, findCandidateBySub, findEstablishmentsBySiret, insertFlow, insertLink, insertProconnectSession,
  setFlowOutcome, type CandidateWithNames,
} from '../../repositories/proconnect.ts';
import { insertSession } from '../../repositories/sessions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { sessionIdHash } from './authenticate.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import * as client from '../support/proconnect-client.ts';

/** A flow must come back within 10 minutes (ProConnect's code itself lives 30 seconds). */
export const FLOW_TTL_MS = 10 * 60_000;

export type FinishOutcome =
  | { kind: 'signed-in'; token: string; csrfToken: string; user: { id: string; role: Role; territoryId: string } }
  | { kind: 'redirect'; flowToken: string; url: string }
  | { kind: 'refused'; reason: ProConnectRefusalReasonDto; technical?: string };

function config(deps: Deps): ProConnectConfig {
  if (!deps.config.proconnect) throw new Error('ProConnect is not configured');
  return deps.config.proconnect;
}

/** Opens a sign-in flow: its `state`, `nonce` and PKCE verifier kept server-side, found again by a browser cookie. */
export async function startProConnectSignIn(
  deps: Deps,
  options: { mfaRequired?: boolean; loginHint?: string; ifRefused?: ProConnectRefusalDto } = {},
): Promise<{ flowToken: string; url: string }> {
  const pc = config(deps);
  const oidcConfig = await client.proConnectClient(pc);
  const flowToken = randomBytes(32).toString('base64url');
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPkceVerifier();
  // Flows are short-lived: the old ones (used, abandoned or shown) are forgotten as new ones start.
  await deleteFlowsBefore(deps.db, new Date(deps.now().getTime() - 6 * FLOW_TTL_MS).toISOString());
  await insertFlow(deps.db, {
    id_hash: sessionIdHash(flowToken), kind: 'login', state, nonce, code_verifier: verifier, mfa_required: options.mfaRequired ? 1 : 0,
    created_at: deps.now().toISOString(), consumed_at: null, outcome: options.ifRefused ? JSON.stringify(options.ifRefused) : null,
  });
  const params: Record<string, string> = {
    redirect_uri: pc.redirectUri,
    scope: PROCONNECT_SCOPES,
    state,
    nonce,
    code_challenge: await client.pkceChallenge(verifier),
    code_challenge_method: 'S256',
    claims: acrClaimsRequest(!!options.mfaRequired),
  };
  if (options.loginHint) params.login_hint = options.loginHint;
  return { flowToken, url: client.buildAuthorizationUrl(oidcConfig, params).href };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The callback: consumes the flow once, checks `state`, exchanges the code (PKCE), validates the
 * ID token (signature, issuer, audience, expiry, `nonce`) and the signed userinfo, then applies
 * the linking rules. A refusal is recorded on the flow for the explanation page.
 */
export async function finishProConnectSignIn(deps: Deps, input: { flowToken: string | undefined; callbackUrl: URL; ip: string }): Promise<FinishOutcome> {
  const pc = config(deps);
  if (!input.flowToken) return { kind: 'refused', reason: 'flow_expired' };
  const idHash = sessionIdHash(input.flowToken);
  const now = deps.now();
  const refuse = async (refusal: Partial<ProConnectRefusalDto> & { reason: ProConnectRefusalReasonDto }, technical?: string): Promise<FinishOutcome> => {
    const full: ProConnectRefusalDto = {
      email: null, siret: null, organizationalUnit: null, knownEstablishments: [], accountEstablishment: null, roleLabel: null, ...refusal,
    };
    await setFlowOutcome(deps.db, idHash, JSON.stringify(full));
    return { kind: 'refused', reason: refusal.reason, technical };
  };
  const flow = await consumeFlow(deps.db, idHash, 'login', now.toISOString(), new Date(now.getTime() - FLOW_TTL_MS).toISOString());
  if (!flow || !flow.nonce || !flow.code_verifier) return refuse({ reason: 'flow_expired' });
  const params = input.callbackUrl.searchParams;
  if (!sameText(params.get('state') ?? '', flow.state)) return refuse({ reason: 'state_mismatch' });
  if (params.get('error')) {
    const technical = `${params.get('error')}: ${params.get('error_description') ?? ''}`;
    // Refused at ProConnect when asked for a second factor: the explanation prepared at step-up.
    if (flow.mfa_required && params.get('error') === 'access_denied' && flow.outcome) return refuse({ ...JSON.parse(flow.outcome), reason: 'mfa_required' }, technical);
    return refuse({ reason: 'provider_error' }, technical);
  }

  let identity: ProConnectIdentity | null;
  let idToken: string;
  try {
    const oidcConfig = await client.proConnectClient(pc);
    const tokens = await client.authorizationCodeGrant(oidcConfig, input.callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('no ID token');
    const userinfo = await client.fetchUserInfo(oidcConfig, tokens.access_token, claims.sub);
    identity = identityFromClaims(claims, userinfo);
    idToken = tokens.id_token;
  } catch (error) {
    return refuse({ reason: 'token_invalid' }, describe(error));
  }
  if (!identity) return refuse({ reason: 'claims_missing' });

  const bySub = await findCandidateBySub(deps.db, pc.issuer, identity.sub);
  const byEmail = bySub ? null : await findCandidateByEmail(deps.db, pc.issuer, identity.email);
  const decision = decideSignIn({ identity, bySub, byEmail, mfaAlreadyRequested: flow.mfa_required === 1 });
  const about = { email: identity.email, siret: identity.siret, organizationalUnit: identity.organizationalUnit };
  const explain = async (reason: ProConnectRefusalReasonDto): Promise<ProConnectRefusalDto> => {
    const account = bySub ?? byEmail;
    return {
      reason,
      ...about,
      knownEstablishments: await findEstablishmentsBySiret(deps.db, identity.siret),
      accountEstablishment: account ? (account.establishmentName ?? account.territoryName) : null,
      roleLabel: account ? ROLE_LABELS[account.role] : null,
    };
  };
  if (decision.kind === 'step-up') {
    const next = await startProConnectSignIn(deps, { mfaRequired: true, loginHint: identity.email, ifRefused: await explain('mfa_required') });
    return { kind: 'redirect', flowToken: next.flowToken, url: next.url };
  }
  if (decision.kind === 'refuse') return refuse(await explain(decision.reason));

  const account = (bySub ?? byEmail) as CandidateWithNames;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const linked = await inTransaction(deps.db, async (trx) => {
    if (decision.link) {
      if (!(await insertLink(trx, { userId: account.userId, issuer: pc.issuer, sub: identity.sub, now: now.toISOString() }))) return false;
      await audit(trx, null, now, 'user.proconnect_linked', { type: 'user', id: account.userId }, { sub: identity.sub, siret: identity.siret, issuer: pc.issuer }, account.territoryId);
    }
    const sessionHash = sessionIdHash(token);
    await insertSession(trx, { idHash: sessionHash, userId: account.userId, csrfToken, now: now.toISOString(), totpPending: false });
    await insertProconnectSession(trx, { sessionIdHash: sessionHash, idToken, now: now.toISOString() });
    await audit(trx, null, now, 'session.opened', { type: 'user', id: account.userId }, { ip: input.ip, via: 'proconnect', acr: identity.acr }, account.territoryId);
    return true;
  });
  // Another first sign-in linked this account or this identity meanwhile.
  if (!linked) return refuse({ reason: 'linked_elsewhere', ...about });
  return { kind: 'signed-in', token, csrfToken, user: { id: account.userId, role: account.role, territoryId: account.territoryId } };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`;
  return String(error);
}
