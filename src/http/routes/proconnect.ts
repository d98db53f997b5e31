import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { ProConnectAccount, ProConnectLogout, ProConnectPasswordRefusalBody, ProConnectRefusal, ProConnectStatus } from '../../contracts/proconnect.ts';
import { DomainError } from '../../domain/errors.ts';
import { log } from '../../logging.ts';
import { finishProConnectSignIn, startProConnectSignIn } from '../../usecases/access/sign-in-with-proconnect.ts';
import {
  finishProConnectSignOut, getProConnectAccount, getProConnectRefusal, setPasswordRefusal, signOutWithProConnect,
} from '../../usecases/access/sign-out-with-proconnect.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf, SESSION_COOKIE, sessionCookieSecure } from '../auth.ts';
import { noteProConnectSignIn } from '../security-log.ts';

/** The browser's ProConnect flow (sign-in or sign-out under way). Lax: it must come back with ProConnect's redirect. */
export const FLOW_COOKIE = 'passnum_proconnect';
const REFUSAL_PAGE = '/connexion/proconnect/refus';

// Sign-in with ProConnect (docs/proconnect.md). The browser routes live under /auth/proconnect
// (redirects, not JSON); the screens read /api/proconnect.
const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const secure = sessionCookieSecure(deps.config);
  const setFlowCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(FLOW_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 600 });

  app.get(
    '/api/proconnect',
    { config: { auth: 'public' }, schema: { tags: ['session'], summary: 'ProConnect est-il proposé sur la page de connexion ?', security: [], response: { 200: ProConnectStatus } } },
    async () => ({ enabled: !!deps.config.proconnect }),
  );

  // No configuration, no ProConnect: these addresses then answer like any unknown page.
  app.get('/auth/proconnect/connexion', { schema: { hide: true } }, async (request, reply) => {
    if (!deps.config.proconnect) return reply.callNotFound();
    try {
      const started = await startProConnectSignIn(deps);
      setFlowCookie(reply, started.flowToken);
      return reply.redirect(started.url, 303);
    } catch (error) {
      log('proconnect').warn({ err: error }, 'ProConnect discovery failed');
      return reply.redirect(`${REFUSAL_PAGE}?motif=indisponible`, 303);
    }
  });

  app.get('/auth/proconnect/retour', { schema: { hide: true } }, async (request, reply) => {
    const pc = deps.config.proconnect;
    if (!pc) return reply.callNotFound();
    // The callback address as registered at ProConnect, with the query ProConnect added (the
    // request's own host may differ behind a proxy).
    const callbackUrl = new URL(pc.redirectUri);
    callbackUrl.search = new URL(request.url, 'http://passnum.invalid').search;
    const outcome = await finishProConnectSignIn(deps, { flowToken: request.cookies[FLOW_COOKIE], callbackUrl, ip: request.ip });
    if (outcome.kind === 'redirect') {
      setFlowCookie(reply, outcome.flowToken);
      return reply.redirect(outcome.url, 303);
    }
    if (outcome.kind === 'refused') {
      noteProConnectSignIn(request, { user: null, reason: outcome.reason });
      log('proconnect').warn({ reason: outcome.reason, technical: outcome.technical }, 'ProConnect sign-in refused');
      return reply.redirect(REFUSAL_PAGE, 303);
    }
    noteProConnectSignIn(request, { user: outcome.user });
    void reply.clearCookie(FLOW_COOKIE, { path: '/' });
    void reply.setCookie(SESSION_COOKIE, outcome.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: 12 * 3600 });
    return reply.redirect('/', 303);
  });

  app.get(
    '/api/proconnect/refus',
    {
      config: { auth: 'public' },
      schema: { tags: ['session'], summary: 'Pourquoi la dernière connexion ProConnect de ce navigateur n’a pas abouti', security: [], response: { 200: ProConnectRefusal, ...errorResponses } },
    },
    async (request) => {
      const refusal = await getProConnectRefusal(deps, request.cookies[FLOW_COOKIE]);
      if (!refusal) throw new DomainError('not_found', 'Aucune connexion ProConnect récente dans ce navigateur.');
      return ProConnectRefusal.parse(refusal);
    },
  );

  app.post(
    '/api/proconnect/deconnexion',
    {
      config: { auth: 'pending' },
      schema: {
        tags: ['session'],
        summary: 'Se déconnecter de passnum et, si la session vient de ProConnect, préparer la déconnexion de ProConnect',
        response: { 200: ProConnectLogout, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.session) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
      const out = await signOutWithProConnect(deps, request.session.idHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (out.flowToken) setFlowCookie(reply, out.flowToken);
      return { redirectUrl: out.redirectUrl };
    },
  );

  app.get('/auth/proconnect/deconnexion', { schema: { hide: true } }, async (request, reply) => {
    const { state } = request.query as { state?: string };
    const ok = await finishProConnectSignOut(deps, request.cookies[FLOW_COOKIE], state);
    void reply.clearCookie(FLOW_COOKIE, { path: '/' });
    return reply.redirect(ok ? '/connexion?deconnexion=proconnect' : '/connexion?deconnexion=1', 303);
  });

  app.get(
    '/api/me/proconnect',
    { schema: { tags: ['session'], summary: 'Le lien de mon compte avec ProConnect', response: { 200: ProConnectAccount, ...errorResponses } } },
    async (request) => getProConnectAccount(deps, actorOf(request)),
  );

  app.put(
    '/api/me/proconnect',
    {
      schema: {
        tags: ['session'],
        summary: 'Refuser (ou accepter de nouveau) le mot de passe pour mon compte relié à ProConnect',
        body: ProConnectPasswordRefusalBody,
        response: { 200: ProConnectAccount, ...errorResponses },
      },
    },
    async (request) => setPasswordRefusal(deps, actorOf(request), request.body.refusesPassword),
  );
};
export default plugin;
