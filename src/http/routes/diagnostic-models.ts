import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { DiagnosticModelDto } from '../../contracts/diagnostics.ts';
import { z } from 'zod';
import { getCurrentDiagnosticModel, getDiagnosticModelVersion } from '../../usecases/intake/get-diagnostic-model.ts';
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

  base.withTypeProvider<ZodTypeProvider>().get('/api/diagnostic-models/:version', {
    schema: {
      tags: ['accueil des bénéficiaires'],
      summary: 'Une version du questionnaire (un diagnostic de suivi reprend celle du diagnostic de départ)',
      params: z.object({ version: z.string().min(1).max(40) }),
      response: { 200: DiagnosticModelDto, ...errorResponses },
    },
  }, async (request) => getDiagnosticModelVersion(deps, actorOf(request), request.params.version));
};
export default plugin;
