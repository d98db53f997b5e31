import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { BookingBody, BookingResult, SessionBody, SessionListQuery, SessionParams, TrainingSession } from '../../contracts/training-sessions.ts';
import { bookSession, cancelBooking } from '../../usecases/followup/book-session.ts';
import { createTrainingSession, listSessions } from '../../usecases/followup/manage-training-sessions.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['séances'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/api/training-sessions', {
    schema: { tags, summary: 'Publier une séance (responsable de structure) : lieu, date, thème, format, places', body: SessionBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createTrainingSession(deps, actorOf(request), request.body)));

  app.get('/api/training-sessions', {
    schema: {
      tags, summary: 'Les séances à venir (agents : du territoire ; structures : les leurs, avec les inscrits)',
      querystring: SessionListQuery, response: { 200: z.array(TrainingSession), ...errorResponses },
    },
  }, async (request) => listSessions(deps, actorOf(request), request.query));

  app.post('/api/training-sessions/:id/bookings', {
    schema: { tags, summary: 'Réserver une place pour un bénéficiaire (agent) ; jamais au-delà de la capacité', params: SessionParams, body: BookingBody, response: { 201: BookingResult, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await bookSession(deps, actorOf(request), request.params.id, request.body)));

  app.delete('/api/bookings/:id', {
    schema: { tags, summary: 'Annuler une réservation (la place se libère)', params: SessionParams, response: { 200: z.object({ id: z.string(), cancelled: z.boolean() }), ...errorResponses } },
  }, async (request) => cancelBooking(deps, actorOf(request), request.params.id));
};
export default plugin;
