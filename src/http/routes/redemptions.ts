import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { RedeemBody, RedemptionDay, RedemptionDayQuery, RedemptionHistory, RedemptionHistoryQuery, RedemptionIdParams, RedemptionResult, RedemptionView, UndoBody } from '../../contracts/redemptions.ts';
import { redemptionHistory, redemptionHistoryCsv } from '../../usecases/redemption/redemption-history.ts';
import { listRedemptions } from '../../usecases/redemption/list-redemptions.ts';
import { redeemTickets } from '../../usecases/redemption/redeem-tickets.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { undoRedemption } from '../../usecases/redemption/undo-redemption.ts';
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

  app.get(
    '/api/redemptions/history',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'L’historique des utilisations de ma structure pour un mois, filtré par lieu, médiateur et état',
        querystring: RedemptionHistoryQuery,
        response: { 200: RedemptionHistory, ...errorResponses },
      },
    },
    async (request) => redemptionHistory(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/redemptions/history.csv',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Le même historique en CSV pour un tableur',
        querystring: RedemptionHistoryQuery,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await redemptionHistoryCsv(deps, actorOf(request), request.query);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    },
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
