import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/support/deps.ts';
import { checkHealth } from '../../usecases/administration/check-health.ts';
import { checkReadiness } from '../../usecases/administration/ops-status.ts';
import { VERSION } from '../version.ts';

const readinessBody = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.string(), migrations: z.string(), disk: z.string() }),
});

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
  // For the load balancer / orchestrator: 503 takes this process out of rotation until the
  // database answers, the migrations are applied and (SQLite) the data disk has room again.
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health/readiness',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['système'],
        summary: 'Prêt à servir ? La base répond, les migrations sont appliquées, le disque de données a de la place',
        response: { 200: readinessBody, 503: readinessBody },
      },
    },
    async (_request, reply) => {
      const r = await checkReadiness(deps);
      return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks });
    },
  );
};
export default plugin;
