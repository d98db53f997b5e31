import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangeRoleBody, CreateUserBody, PasswordLink, PasswordLinkParams, SetPasswordBody, TotpConfirmBody, TotpConfirmed, TotpEnrolment, User, UserParams,
} from '../../contracts/access.ts';
import { errorResponses } from '../../contracts/common.ts';
import { changeUserRole, createAccount, listUsers, resetUserTotp, setUserDisabled } from '../../usecases/administration/manage-users.ts';
import { issuePasswordLink, setPasswordWithLink } from '../../usecases/access/password-links.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../usecases/access/totp-enrolment.ts';
import { actorOf } from '../auth.ts';

const tags = ['comptes'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/users', {
    schema: { tags, summary: 'Les comptes du territoire (ceux de sa structure pour un responsable)', response: { 200: z.array(User), ...errorResponses } },
  }, async (request) => listUsers(deps, actorOf(request)));

  app.post('/api/users', {
    schema: { tags, summary: 'Créer un compte (sans mot de passe : envoyez ensuite un lien)', body: CreateUserBody, response: { 201: User, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createAccount(deps, actorOf(request), request.body)));

  app.post('/api/users/:id/disable', {
    schema: { tags, summary: 'Désactiver un compte (ferme ses sessions)', params: UserParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await setUserDisabled(deps, actorOf(request), request.params.id, true);
    return reply.status(204).send(null);
  });

  app.post('/api/users/:id/enable', {
    schema: { tags, summary: 'Réactiver un compte', params: UserParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await setUserDisabled(deps, actorOf(request), request.params.id, false);
    return reply.status(204).send(null);
  });

  app.post('/api/users/:id/role', {
    schema: {
      tags, summary: 'Changer le rôle d’un compte (dans la séparation des tâches ; ferme ses sessions)', params: UserParams, body: ChangeRoleBody,
      response: { 200: User, ...errorResponses },
    },
  }, async (request) => changeUserRole(deps, actorOf(request), request.params.id, request.body.role));

  app.delete('/api/users/:id/totp', {
    schema: { tags, summary: 'Réinitialiser la double authentification d’un compte', params: UserParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await resetUserTotp(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/users/:id/password-link', {
    schema: {
      tags, summary: 'Envoyer à la personne, sur sa propre adresse e-mail, un lien à usage unique (48 h) pour choisir son mot de passe',
      params: UserParams, response: { 201: PasswordLink, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await issuePasswordLink(deps, actorOf(request), request.params.id)));

  app.post('/api/password-links/:token', {
    config: { auth: 'public' },
    schema: {
      tags, summary: 'Choisir son mot de passe avec un lien reçu', params: PasswordLinkParams, body: SetPasswordBody, security: [],
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await setPasswordWithLink(deps, { token: request.params.token, password: request.body.password });
    return reply.status(204).send(null);
  });

  app.post('/api/me/totp', {
    config: { auth: 'pending' },
    schema: { tags, summary: 'Activer la double authentification : QR code à scanner', response: { 200: TotpEnrolment, ...errorResponses } },
  }, async (request) => startTotpEnrolment(deps, actorOf(request)));

  app.post('/api/me/totp/confirm', {
    config: { auth: 'pending' },
    schema: {
      tags, summary: 'Confirmer la double authentification avec un premier code (renvoie les codes de secours)', body: TotpConfirmBody,
      response: { 200: TotpConfirmed, ...errorResponses },
    },
  }, async (request) => confirmTotpEnrolment(deps, actorOf(request), request.body.code));
};
export default plugin;
