import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { BeneficiaryIdParams, ErasureBody, ErasureResult, PdfDocument, PersonalDataCopy } from '../../contracts/personal-data.ts';
import { eraseBeneficiary, exportPersonalData, exportPersonalDataPdf } from '../../usecases/personal-data.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['données personnelles'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/beneficiaries/:id/personal-data', {
    schema: { tags, summary: 'Toutes les données d’une personne, pour lui en remettre une copie (JSON)', params: BeneficiaryIdParams, response: { 200: PersonalDataCopy, ...errorResponses } },
  }, async (request) => exportPersonalData(deps, actorOf(request), request.params.id));

  app.get('/api/beneficiaries/:id/personal-data.pdf', {
    schema: { tags, summary: 'La copie des données d’une personne en PDF lisible', params: BeneficiaryIdParams, produces: ['application/pdf'], response: { 200: PdfDocument, ...errorResponses } },
  }, async (request, reply) => {
    const { pdf, filename } = await exportPersonalDataPdf(deps, actorOf(request), request.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(pdf as never);
  });

  app.post('/api/beneficiaries/:id/erasure', {
    schema: {
      tags, summary: 'Effacer les données d’une personne à sa demande (refusé tant qu’elle a des tickets utilisables)',
      params: BeneficiaryIdParams, body: ErasureBody, response: { 200: ErasureResult, ...errorResponses },
    },
  }, async (request) => eraseBeneficiary(deps, actorOf(request), request.params.id, request.body));
};
export default plugin;
