// The local ProConnect (scripts/proconnect-local) for tests: started on loopback, passnum's
// configuration pointed at it, and a scripted person going through its pages with plain HTTP.
import { randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { ProConnectConfig } from '../../src/config.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { startLocalProConnect, type LocalIdentity, type LocalProConnect } from '../../scripts/proconnect-local/provider.ts';

export interface TestProConnect {
  provider: LocalProConnect;
  config: ProConnectConfig;
  close(): Promise<void>;
}

/** Starts a local provider and configures `deps` (and so the app built on it) to use it. */
export async function startTestProConnect(
  deps: Deps,
  identities: LocalIdentity[],
  passnumOrigin = 'http://passnum.test',
  publicHost?: string,
): Promise<TestProConnect> {
  const client = {
    clientId: `passnum-test-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUri: `${passnumOrigin}/auth/proconnect/retour`,
    postLogoutRedirectUri: `${passnumOrigin}/auth/proconnect/deconnexion`,
  };
  const provider = await startLocalProConnect({ identities, clients: [client], publicHost });
  const config: ProConnectConfig = { issuer: provider.issuer, ...client, signingAlg: 'RS256' };
  deps.config.proconnect = config;
  return {
    provider,
    config,
    async close() {
      deps.config.proconnect = undefined;
      await provider.close();
    },
  };
}

/** A browser's cookies at the provider, kept between requests. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Goes from ProConnect's authorization URL to the redirection back to passnum, as a person would:
 * the provider's identification page, the chosen identity, the second factor if asked.
 * Returns the URL the provider sends the browser to (passnum's callback, with code and state).
 */
export async function signInAtProvider(
  authorizeUrl: string,
  person: { sub: string; secondFactor?: boolean },
  returnPrefix: string,
  jar = new CookieJar(),
): Promise<string> {
  let url = authorizeUrl;
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(returnPrefix)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ sub: person.sub, ...(person.secondFactor ? { second_factor: 'oui' } : {}) });
    const posted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    jar.store(posted);
    if (posted.status < 300 || posted.status >= 400) throw new Error(`login not accepted: ${posted.status} ${await posted.text()}`);
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('too many redirections at the provider');
}

/** Signs the claims again with the provider's own key (a token it could have issued). */
export async function resignWithProviderKey(provider: LocalProConnect, jwt: string, patch: JWTPayload): Promise<string> {
  const key = await importJWK(provider.signingKey, 'RS256');
  return new SignJWT({ ...decodeJwt(jwt), ...patch }).setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string }).sign(key);
}

/** Signs the claims with a key the provider never published, under the provider's key id. */
export async function resignWithForeignKey(jwt: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decodeJwt(jwt)).setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string }).sign(privateKey);
}
