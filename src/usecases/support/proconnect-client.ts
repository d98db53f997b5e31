import * as oidc from 'openid-client';
import type { ProConnectConfig } from '../../config.ts';

// The OpenID Connect client of ProConnect, built with openid-client (certified by the OpenID
// Foundation): discovery, PKCE, state and nonce checks, ID token and signed userinfo validation
// against the issuer's published keys. No JWT is parsed or checked by hand in passnum.

const DISCOVERY_TTL_MS = 3_600_000;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** Plain HTTP only for a provider on this machine (the tests' and the demo's local provider). */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The discovered configuration, cached for an hour (a failed discovery is retried next time). */
export function proConnectClient(pc: ProConnectConfig): Promise<oidc.Configuration> {
  const key = `${pc.issuer}\n${pc.clientId}\n${pc.signingAlg}`;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(pc.issuer);
  const config = oidc.discovery(
    issuer,
    pc.clientId,
    {
      // ProConnect signs both the ID token and the userinfo answer (application/jwt) with the
      // algorithm registered for the client; asking for it makes an unsigned answer an error.
      id_token_signed_response_alg: pc.signingAlg,
      userinfo_signed_response_alg: pc.signingAlg,
    },
    oidc.ClientSecretPost(pc.clientSecret),
    {
      // The signatures of the ID token and of the userinfo JWT are checked against the issuer's
      // keys (jwks_uri). Without this, openid-client relies on TLS alone for what comes from the
      // token endpoint, as OpenID Connect allows; ProConnect asks its services to verify them.
      execute: [oidc.enableNonRepudiationChecks, ...(isLoopback(issuer) ? [oidc.allowInsecureRequests] : [])],
      timeout: 10,
    },
  );
  config.catch(() => cache.delete(key));
  cache.set(key, { at: Date.now(), config });
  return config;
}

export const randomState = oidc.randomState;
export const randomNonce = oidc.randomNonce;
export const randomPkceVerifier = oidc.randomPKCECodeVerifier;
export const pkceChallenge = oidc.calculatePKCECodeChallenge;
export const buildAuthorizationUrl = oidc.buildAuthorizationUrl;
export const authorizationCodeGrant = oidc.authorizationCodeGrant;
export const fetchUserInfo = oidc.fetchUserInfo;
export const buildEndSessionUrl = oidc.buildEndSessionUrl;
