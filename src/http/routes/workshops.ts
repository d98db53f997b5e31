import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { MediatorContext, Workshop, WorkshopBody, WorkshopDayQuery, WorkshopParams } from '../../contracts/workshops.ts';
import { createWorkshop, getMediatorContext, getWorkshop, listWorkshops } from '../../usecases/redemption/manage-workshops.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['utilisation des tickets'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/redemption-context', {
    schema: { tags, summary: 'Pour l’écran du médiateur : thématiques habituelles de la structure, habilitations pour les campagnes ouvertes, contact du programme', response: { 200: MediatorContext, ...errorResponses } },
  }, async (request) => getMediatorContext(deps, actorOf(request)));

  app.post('/api/workshops', {
    schema: { tags, summary: 'Enregistrer un atelier collectif (thématiques, durée, lieu) avant de valider les tickets de chaque participant', body: WorkshopBody, response: { 201: Workshop, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createWorkshop(deps, actorOf(request), request.body)));

  app.get('/api/workshops', {
    schema: { tags, summary: 'Les ateliers collectifs de ma structure pour une journée, avec les participants', querystring: WorkshopDayQuery, response: { 200: z.array(Workshop), ...errorResponses } },
  }, async (request) => listWorkshops(deps, actorOf(request), { date: request.query.date }));

  app.get('/api/workshops/:id', {
    schema: { tags, summary: 'Un atelier collectif et ses participants', params: WorkshopParams, response: { 200: Workshop, ...errorResponses } },
  }, async (request) => getWorkshop(deps, actorOf(request), request.params.id));
};
export default plugin;
