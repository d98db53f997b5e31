import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { DiagnosticModelDto } from '../../contracts/diagnostics.ts';
import { getCurrentDiagnosticModel } from '../../usecases/get-diagnostic-model.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  base.withTypeProvider<ZodTypeProvider>().get('/api/diagnostic-models/current', {
    schema: {
      tags: ['accueil des bénéficiaires'],
      summary: 'Le questionnaire de diagnostic en vigueur : questions et réponses, domaines, profils, besoins',
      response: { 200: DiagnosticModelDto, ...errorResponses },
    },
  }, async (request) => getCurrentDiagnosticModel(deps, actorOf(request)));
};
export default plugin;
