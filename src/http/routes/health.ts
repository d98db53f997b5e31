import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/support/deps.ts';
import { checkHealth } from '../../usecases/check-health.ts';
import { VERSION } from '../version.ts';

const plugin: FastifyPluginAsync<Deps> = async (app, deps) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['système'],
        summary: 'État du service et de sa base de données',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgresql']), version: z.string() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: await checkHealth(deps), version: VERSION }),
  );
};
export default plugin;
