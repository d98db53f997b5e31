import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { Commune } from '../../contracts/session.ts';
import { listTerritoryCommunes } from '../../usecases/administration/list-communes.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  base.withTypeProvider<ZodTypeProvider>().get(
    '/api/communes',
    {
      schema: {
        tags: ['territoire'],
        summary: 'Les communes du territoire de la personne connectée',
        response: { 200: z.array(Commune), ...errorResponses },
      },
    },
    async (request) => listTerritoryCommunes(deps, actorOf(request)),
  );
};
export default plugin;
