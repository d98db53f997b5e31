import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  BlockBody,
  BlockResult,
  BookletRefParams,
  PublicTicketCheck,
  PublicTicketCheckBody,
  ThemeList,
  TicketCheck,
  TicketCodeParams,
  TicketSerialParams,
} from '../../contracts/redemptions.ts';
import { blockTickets, unblockTickets } from '../../usecases/issuance/block-tickets.ts';
import { checkTicket } from '../../usecases/redemption/check-ticket.ts';
import { checkTicketPublic } from '../../usecases/redemption/check-ticket-public.ts';
import { listThemes } from '../../usecases/administration/list-themes.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { attemptOf } from '../attempt.ts';
import { actorOf } from '../auth.ts';
import { rateLimited } from '../rate-limit.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/tickets/:code',
    {
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Vérifier un ticket avant de l’utiliser (état, validité, prénom et initiale du titulaire)',
        params: TicketCodeParams,
        response: { 200: TicketCheck, ...errorResponses },
      },
    },
    async (request) => checkTicket(deps, actorOf(request), { code: request.params.code }, attemptOf(request)),
  );

  app.post(
    '/api/public/ticket-check',
    {
      config: { auth: 'public' },
      preHandler: rateLimited(deps, 'ticketCheck'),
      schema: {
        tags: ['public'],
        summary: 'Vérifier mon pass : le ticket est-il encore utilisable, et jusqu’à quand ?',
        security: [],
        body: PublicTicketCheckBody,
        response: { 200: PublicTicketCheck, ...errorResponses },
      },
    },
    async (request) => checkTicketPublic(deps, { code: request.body.code }, attemptOf(request)),
  );

  app.get(
    '/api/themes',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['utilisation des tickets'],
        summary: 'Les thématiques et formats d’accompagnement (vocabulaire de la Coop de la médiation numérique)',
        security: [],
        response: { 200: ThemeList },
      },
    },
    async () => listThemes(),
  );

  const blockRoute = (path: string, op: 'block' | 'unblock', what: 'ticket' | 'booklet') => {
    const summary = `${op === 'block' ? 'Bloquer' : 'Débloquer'} ${what === 'ticket' ? 'un ticket (par son numéro de série)' : 'les tickets d’un carnet (par son identifiant ou son numéro)'}`;
    const run = op === 'block' ? blockTickets : unblockTickets;
    if (what === 'ticket') {
      app.post(
        path,
        { schema: { tags: ['administration'], summary, params: TicketSerialParams, body: BlockBody, response: { 200: BlockResult, ...errorResponses } } },
        async (request) => run(deps, actorOf(request), { ticketSerial: request.params.serial }, request.body),
      );
    } else {
      app.post(
        path,
        { schema: { tags: ['administration'], summary, params: BookletRefParams, body: BlockBody, response: { 200: BlockResult, ...errorResponses } } },
        async (request) => run(deps, actorOf(request), { booklet: request.params.ref }, request.body),
      );
    }
  };
  blockRoute('/api/tickets/:serial/block', 'block', 'ticket');
  blockRoute('/api/tickets/:serial/unblock', 'unblock', 'ticket');
  blockRoute('/api/booklets/:ref/block', 'block', 'booklet');
  blockRoute('/api/booklets/:ref/unblock', 'unblock', 'booklet');
};
export default plugin;
