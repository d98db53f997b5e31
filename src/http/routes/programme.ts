import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { getProgrammeSettings, updateProgrammeSettings } from '../../usecases/administration/manage-programme.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['territoire'];

const ProgrammeSettings = z.object({
  helpPhone: z.string().trim().max(30).nullable(),
  helpEmail: z.string().trim().max(254).nullable(),
  helpAddress: z.string().trim().max(300).nullable(),
  logo: z.string().max(140_000).nullable(),
});

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/programme', {
    schema: { tags, summary: 'Le contact d’aide du programme et le logo des pages publiques', response: { 200: ProgrammeSettings, ...errorResponses } },
  }, async (request) => getProgrammeSettings(deps, actorOf(request)));

  app.put('/api/programme', {
    schema: { tags, summary: 'Changer le contact d’aide (imprimé sur les carnets) et le logo des pages publiques', body: ProgrammeSettings, response: { 200: ProgrammeSettings, ...errorResponses } },
  }, async (request) => updateProgrammeSettings(deps, actorOf(request), request.body));
};
export default plugin;
