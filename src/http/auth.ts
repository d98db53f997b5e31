import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { authenticateSession, authenticateToken, type SessionContext } from '../usecases/access/authenticate.ts';
import type { Deps } from '../usecases/support/deps.ts';

export const SESSION_COOKIE = 'passnum_session';

/**
 * The session cookie is `Secure` in production and whenever trusted proxies are configured (they
 * terminate TLS in front of the app), so it never travels in clear once the service is exposed.
 */
export function sessionCookieSecure(config: Deps['config']): boolean {
  return config.env === 'production' || config.trustProxy.length > 0;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | null;
    tokenActor: Actor | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no actor; 'pending' accepts a session awaiting TOTP enrolment. */
    auth?: 'public' | 'pending';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the actor of each /api request: a Bearer token (integrations) or the session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('tokenActor', null);
  app.addHook('onRequest', async (request) => {
    // Decided on the route the router matched, not on the raw URL: `/%61pi/users` reaches the
    // handler of /api/users, so it must meet the same checks. Unmatched paths (404) need none.
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    // The browsable API reference is public, like /api/openapi.json (its assets are routes of the swagger-ui plugin).
    const auth = route === '/api/docs' || route.startsWith('/api/docs/') ? 'public' : request.routeOptions.config?.auth;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.tokenActor = await authenticateToken(deps, header.slice(7).trim());
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.session = await authenticateSession(deps, cookie);
    if (auth === 'public') return;
    if (!request.session) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
    if (request.session.totpPending && auth !== 'pending') {
      throw new DomainError('totp_required', 'Activez la double authentification avant de continuer.', { enrolmentRequired: true });
    }
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw new DomainError('forbidden', 'Jeton de sécurité (CSRF) manquant ou incorrect. Rechargez la page.');
    }
  });
}

/** The actor of an authenticated route. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = request.tokenActor ?? request.session?.actor;
  if (!actor) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
  return actor;
}
