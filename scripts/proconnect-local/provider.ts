// A local stand-in for ProConnect: a real OpenID Connect provider (panva's oidc-provider, certified
// by the OpenID Foundation) on loopback, shaped like ProConnect (paths under /api/v2, the same
// scopes and claims, `acr` levels, signed ID token and signed userinfo as application/jwt, PKCE,
// RP-initiated logout). Used by the tests and by `npm run demo:proconnect`. Never for production.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export const MOUNT = '/api/v2';
const MFA_ACR = 'https://proconnect.gouv.fr/assurance/self-asserted-2fa';

export interface LocalIdentity {
  /** The stable subject ProConnect would give (opaque in real life). */
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string;
  uid: string;
  organizationalUnit?: string;
  /** Whether this person has a second factor to offer (a TOTP application, a card). */
  hasSecondFactor: boolean;
  /** What the demo page shows next to the person. */
  description: string;
}

export interface LocalClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/** Rewrites an answer of the provider before it leaves (tests use it to play a tampered provider). */
export type ResponseRewriter = (endpoint: 'token' | 'userinfo', body: string) => string | Promise<string>;

export interface LocalProConnect {
  /** The issuer, e.g. http://127.0.0.1:4100/api/v2 (discovery at <issuer>/.well-known/openid-configuration). */
  issuer: string;
  /** The provider's signing key (private JWK), so that tests can forge tokens it would sign. */
  signingKey: JWK;
  /** Set to make the provider answer with altered tokens; null for a faithful provider. */
  rewrite: ResponseRewriter | null;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ProConnect local (démonstration)</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#161616;line-height:1.5}
h1{color:#000091;font-size:1.6rem}fieldset{border:1px solid #929292;padding:1rem;margin:1rem 0}legend{font-weight:700}
label{display:block;margin:.5rem 0}button{background:#000091;color:#fff;border:0;padding:.75rem 1.25rem;font-size:1rem;cursor:pointer}
button:focus,input:focus{outline:3px solid #0a76f6;outline-offset:2px}.note{background:#fef7da;border-left:4px solid #b34000;padding:.5rem 1rem}</style>
</head><body><main><p>ProConnect local, pour la démonstration et les tests — aucune vraie identité.</p>${body}</main></body></html>`;
}

function loginPage(uid: string, identities: LocalIdentity[], mfaAsked: boolean, loginHint: string | undefined): string {
  const hinted = Math.max(0, identities.findIndex((p) => p.email === loginHint));
  const options = identities
    .map((p, i) => {
      const checked = i === hinted;
      return `<label><input type="radio" name="sub" value="${escapeHtml(p.sub)}"${checked ? ' checked' : ''}> ${escapeHtml(`${p.givenName} ${p.usualName}`)} — ${escapeHtml(p.email)} — ${escapeHtml(p.description)}</label>`;
    })
    .join('');
  return page(
    'Identification',
    `<h1>S’identifier avec ProConnect</h1>
${mfaAsked ? '<p class="note">Le service demande une double authentification : validez votre second facteur.</p>' : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset><legend>Qui êtes-vous ?</legend>${options}</fieldset>
<label><input type="checkbox" name="second_factor" value="oui"${mfaAsked ? ' checked' : ''}> J’ai validé mon second facteur (code à usage unique)</label>
<button type="submit">Continuer</button>
</form>`,
  );
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function requestedMfa(claims: unknown): boolean {
  const acr = (claims as { id_token?: { acr?: { essential?: boolean; values?: string[]; value?: string } } } | undefined)?.id_token?.acr;
  return !!acr?.essential;
}

export async function startLocalProConnect(options: {
  identities: LocalIdentity[];
  clients: LocalClient[];
  host?: string;
  /** The host name in the issuer, if not `host` (e.g. localhost: another site than 127.0.0.1 for the browser). */
  publicHost?: string;
  port?: number;
}): Promise<LocalProConnect> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://${options.publicHost ?? host}:${port}${MOUNT}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: createHash('sha256').update(issuer).digest('base64url').slice(0, 16), alg: 'RS256', use: 'sig' };
  const bySub = new Map(options.identities.map((p) => [p.sub, p]));

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
    })),
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: {
      openid: ['sub'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      siret: ['siret'],
      uid: ['uid'],
      organizational_unit: ['organizational_unit'],
    },
    acrValues: ['eidas1', 'eidas2', 'eidas3', MFA_ACR, 'https://proconnect.gouv.fr/assurance/consistency-checked-2fa'],
    routes: { authorization: '/authorize', token: '/token', userinfo: '/userinfo', end_session: '/session/end', jwks: '/jwks' },
    pkce: { required: () => true },
    ttl: { AccessToken: 60, AuthorizationCode: 30, IdToken: 600, Interaction: 600, Session: 12 * 3600, Grant: 12 * 3600 },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // ProConnect signs out without asking: the confirmation form submits itself.
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Déconnexion',
            `<h1>Déconnexion de ProConnect</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter de ProConnect</button>
<script>document.querySelector('button[name=logout]').click()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Déconnecté', '<h1>Vous êtes déconnecté de ProConnect</h1>');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // No consent screen (ProConnect has none for a registered service): the grant covers what is asked.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email given_name usual_name siret uid organizational_unit');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const person = bySub.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: person.email,
          given_name: person.givenName,
          usual_name: person.usualName,
          siret: person.siret,
          uid: person.uid,
          ...(person.organizationalUnit ? { organizational_unit: person.organizationalUnit } : {}),
        }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const oidcCallback = provider.callback();
  const state: LocalProConnect = { issuer, signingKey, rewrite: null, close: async () => undefined };

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const mfaAsked = requestedMfa(details.params.claims ? JSON.parse(String(details.params.claims)) : undefined);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(uid, options.identities, mfaAsked, details.params.login_hint as string | undefined));
      return;
    }
    if (action !== 'login') throw new Error('unknown interaction');
    const form = await readBody(req);
    const person = bySub.get(form.get('sub') ?? '');
    if (!person) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Identité inconnue', '<h1>Identité inconnue</h1><p>Choisissez une des identités proposées.</p>'));
      return;
    }
    const secondFactor = form.get('second_factor') === 'oui' && person.hasSecondFactor;
    if (mfaAsked && !secondFactor) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'second factor not provided' }, { mergeWithLastSubmission: false });
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.sub, acr: secondFactor ? MFA_ACR : 'eidas1', amr: secondFactor ? ['pwd', 'totp', 'mfa'] : ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const match = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?/.exec(url);
    if (match) {
      interaction(req, res, match[1], match[2]).catch((error: Error) => {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Erreur', `<h1>Erreur</h1><p>${escapeHtml(error.message)}</p>`));
      });
      return;
    }
    if (url !== MOUNT && !url.startsWith(`${MOUNT}/`)) {
      res.writeHead(404).end();
      return;
    }
    // Mounted under /api/v2 like ProConnect: the provider sees the path below the mount point.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(MOUNT.length) || '/';
    const endpoint = req.url.startsWith('/token') ? 'token' : req.url.startsWith('/userinfo') ? 'userinfo' : null;
    if (endpoint && state.rewrite) interceptBody(res, endpoint, state.rewrite);
    oidcCallback(req, res);
  });

  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}

/** Buffers what the provider writes and hands it to the rewriter before sending it. */
function interceptBody(res: ServerResponse, endpoint: 'token' | 'userinfo', rewrite: ResponseRewriter): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown) => {
    if (chunk) chunks.push(Buffer.from(chunk as Buffer));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Buffer));
    const body = Buffer.concat(chunks).toString('utf8');
    void Promise.resolve(res.statusCode === 200 ? rewrite(endpoint, body) : body).then((out) => {
      if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(out));
      write(out);
      end();
    });
    return res;
  }) as typeof res.end;
}
