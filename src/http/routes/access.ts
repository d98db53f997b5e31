import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, ApiTokenParams, CreateApiTokenBody, CreatedApiToken, CreateOrganisationBody, MairiesCreated, Organisation, OrganisationParams, SecurityLogLine, SecurityLogQuery } from '../../contracts/access.ts';
import { errorResponses } from '../../contracts/common.ts';
import { createApiToken, listApiTokens, reownApiTokenToSelf, revokeApiToken } from '../../usecases/administration/api-tokens.ts';
import { createMissingMairies, createOrganisation, listOrganisations, updateOrganisation } from '../../usecases/administration/manage-organisations.ts';
import { readSecurityLog } from '../../usecases/administration/security-log.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/api-tokens', {
    schema: { tags: ['jetons'], summary: 'Les jetons d’accès des intégrations, avec leur dernière utilisation', response: { 200: z.array(ApiToken), ...errorResponses } },
  }, async (request) => listApiTokens(deps, actorOf(request)));

  app.post('/api/api-tokens', {
    schema: {
      tags: ['jetons'], summary: 'Créer un jeton d’accès (affiché une seule fois)', body: CreateApiTokenBody,
      response: { 201: CreatedApiToken, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await createApiToken(deps, actorOf(request), request.body)));

  app.delete('/api/api-tokens/:id', {
    schema: { tags: ['jetons'], summary: 'Révoquer un jeton d’accès', params: ApiTokenParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await revokeApiToken(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/api-tokens/:id/owner', {
    schema: {
      tags: ['jetons'], summary: 'Reprendre un jeton à son nom (administrateur), avant de désactiver la personne qui l’a créé',
      params: ApiTokenParams, response: { 204: z.null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await reownApiTokenToSelf(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/security-log', {
    schema: {
      tags: ['jetons'], summary: 'Journal de sécurité du territoire (administrateur) : connexions, déconnexions, consultations de dossiers, téléchargements',
      querystring: SecurityLogQuery, response: { 200: z.array(SecurityLogLine), ...errorResponses },
    },
  }, async (request) => readSecurityLog(deps, actorOf(request), request.query));

  app.get('/api/organisations', {
    schema: { tags: ['organisations'], summary: 'Les organisations prescriptrices (mairies, CCAS, France Services…)', response: { 200: z.array(Organisation), ...errorResponses } },
  }, async (request) => listOrganisations(deps, actorOf(request)));

  app.post('/api/organisations', {
    schema: { tags: ['organisations'], summary: 'Ajouter une organisation prescriptrice', body: CreateOrganisationBody, response: { 201: Organisation, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createOrganisation(deps, actorOf(request), request.body)));

  app.put('/api/organisations/:id', {
    schema: { tags: ['organisations'], summary: 'Modifier une organisation prescriptrice', params: OrganisationParams, body: CreateOrganisationBody, response: { 200: Organisation, ...errorResponses } },
  }, async (request) => updateOrganisation(deps, actorOf(request), request.params.id, request.body));

  app.post('/api/organisations/mairies', {
    schema: { tags: ['organisations'], summary: 'Créer en une fois la mairie de chaque commune du territoire qui n’en a pas', response: { 200: MairiesCreated, ...errorResponses } },
  }, async (request) => createMissingMairies(deps, actorOf(request)));
};
export default plugin;
