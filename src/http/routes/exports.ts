import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { ExportFile, ExportParams, ExportQuery } from '../../contracts/exports.ts';
import { exportDataset } from '../../usecases/followup/export-dataset.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  base.withTypeProvider<ZodTypeProvider>().get('/api/exports/:dataset', {
    schema: {
      tags: ['exports'],
      summary: 'Télécharger un export (bénéficiaires, carnets, utilisations, demandes de remboursement, paiements) en CSV ou XLSX',
      params: ExportParams, querystring: ExportQuery,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: ExportFile, ...errorResponses },
    },
  }, async (request, reply) => {
    const file = await exportDataset(deps, actorOf(request), { dataset: request.params.dataset, ...request.query });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.stream as never);
  });
};
export default plugin;
