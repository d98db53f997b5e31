import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { LoginBody, Me, SessionState } from '../../contracts/session.ts';
import { closeSession } from '../../usecases/access/close-session.ts';
import { getMe } from '../../usecases/access/get-me.ts';
import { getSessionState } from '../../usecases/access/get-session-state.ts';
import { openSession } from '../../usecases/access/open-session.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf, SESSION_COOKIE, sessionCookieSecure } from '../auth.ts';
import { DomainError } from '../../domain/errors.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const secureCookie = sessionCookieSecure(deps.config);

  app.post(
    '/api/session',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Se connecter (e-mail, mot de passe, et code TOTP si activé)',
        body: LoginBody,
        response: { 200: z.object({ csrfToken: z.string(), totpEnrolmentRequired: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const opened = await openSession(deps, { ...request.body, ip: request.ip });
      void reply.setCookie(SESSION_COOKIE, opened.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie,
        maxAge: 12 * 3600,
      });
      return { csrfToken: opened.csrfToken, totpEnrolmentRequired: opened.totpEnrolmentRequired };
    },
  );

  app.get(
    '/api/session',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['session'],
        summary: 'La personne connectée (ou personne) et le programme du territoire, pour chaque page',
        response: { 200: SessionState, ...errorResponses },
      },
    },
    async (request) => getSessionState(deps, request.session ?? undefined),
  );

  app.delete(
    '/api/session',
    {
      config: { auth: 'pending' },
      schema: { tags: ['session'], summary: 'Se déconnecter', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session) await closeSession(deps, request.session.idHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { auth: 'pending' },
      schema: { tags: ['session'], summary: 'La personne connectée, son rôle et son périmètre', response: { 200: Me, ...errorResponses } },
    },
    async (request) => {
      if (!request.session) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
      return getMe(deps, actorOf(request), request.session);
    },
  );
};
export default plugin;
