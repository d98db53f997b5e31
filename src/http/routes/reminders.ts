import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  BeneficiaryParams, LettersBody, MessageParams, OptOutList, OptOutQuery, OptOutResult, OutboxAttempt, OutboxList, OutboxQuery, PdfFile, RequeueResult,
} from '../../contracts/reminders.ts';
import { listOutbox, listOutboxAttempts, printLetters, requeueMessage } from '../../usecases/followup/manage-outbox.ts';
import { listOptOuts } from '../../usecases/followup/list-opt-outs.ts';
import { recordBeneficiaryOptOut } from '../../usecases/intake/record-opt-out.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['rappels'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/outbox', {
    schema: { tags, summary: 'Les messages de rappel (à envoyer, en attente d’un canal, envoyés, abandonnés)', querystring: OutboxQuery, response: { 200: OutboxList, ...errorResponses } },
  }, async (request) => listOutbox(deps, actorOf(request), request.query));

  app.get('/api/outbox/:id/attempts', {
    schema: { tags, summary: 'Les tentatives d’envoi d’un message', params: MessageParams, response: { 200: z.array(OutboxAttempt), ...errorResponses } },
  }, async (request) => listOutboxAttempts(deps, actorOf(request), request.params.id));

  app.post('/api/outbox/:id/retry', {
    schema: { tags, summary: 'Relancer un message abandonné', params: MessageParams, response: { 200: RequeueResult, ...errorResponses } },
  }, async (request) => requeueMessage(deps, actorOf(request), request.params.id));

  app.post('/api/outbox/letters', {
    schema: {
      tags, summary: 'Imprimer les courriers de rappel en attente (PDF, une page par personne) ; ils sont alors comptés comme envoyés',
      body: LettersBody.optional(), produces: ['application/pdf'], response: { 200: PdfFile, ...errorResponses },
    },
  }, async (request, reply) => {
    const { pdf, count } = await printLetters(deps, actorOf(request), request.body ?? {});
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="passnum-courriers-de-rappel-${count}.pdf"`)
      .header('x-letter-count', String(count))
      .send(pdf as never);
  });

  app.get('/api/opt-outs', {
    schema: { tags, summary: 'Les personnes du territoire qui ne veulent plus de rappels (administration)', querystring: OptOutQuery, response: { 200: OptOutList, ...errorResponses } },
  }, async (request) => listOptOuts(deps, actorOf(request), request.query));

  app.post('/api/beneficiaries/:id/opt-out', {
    schema: { tags, summary: 'Enregistrer qu’une personne ne veut plus recevoir de rappels', params: BeneficiaryParams, response: { 200: OptOutResult, ...errorResponses } },
  }, async (request) => recordBeneficiaryOptOut(deps, actorOf(request), request.params.id));
};
export default plugin;
