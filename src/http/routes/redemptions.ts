import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { RedeemBody, RedemptionDay, RedemptionDayQuery, RedemptionIdParams, RedemptionResult, RedemptionView, UndoBody } from '../../contracts/redemptions.ts';
import { listRedemptions } from '../../usecases/list-redemptions.ts';
import { redeemTickets } from '../../usecases/redeem-tickets.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { undoRedemption } from '../../usecases/undo-redemption.ts';
import { attemptOf } from '../attempt.ts';
import { actorOf } from '../auth.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/redemptions',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Utiliser un ou plusieurs tickets d’un carnet pour un accompagnement (tout ou rien, une seule fois)',
        body: RedeemBody,
        response: { 201: RedemptionResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await redeemTickets(deps, actorOf(request), request.body, attemptOf(request))),
  );

  app.get(
    '/api/redemptions',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Les utilisations de tickets de ma structure pour une journée',
        querystring: RedemptionDayQuery,
        response: { 200: RedemptionDay, ...errorResponses },
      },
    },
    async (request) => listRedemptions(deps, actorOf(request), { date: request.query.date }),
  );

  app.post(
    '/api/redemptions/:id/undo',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Annuler une utilisation faite par erreur (tant qu’elle n’est pas dans une demande de remboursement)',
        params: RedemptionIdParams,
        body: UndoBody,
        response: { 200: RedemptionView, ...errorResponses },
      },
    },
    async (request) => undoRedemption(deps, actorOf(request), { redemptionId: request.params.id, ...request.body }),
  );
};
export default plugin;
