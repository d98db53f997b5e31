import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivateBody, ActivatedBooklet, BookletParams, IssueBookletBody, IssuedBooklet, PrintBatch, PrintBatchBody, ReplaceBody, ReplaceResult, Stock, StockQuery,
} from '../../contracts/booklets.ts';
import { errorResponses } from '../../contracts/common.ts';
import { getBookletPdf } from '../../usecases/issuance/get-booklet-pdf.ts';
import { handOutStockBooklet } from '../../usecases/issuance/hand-out-stock-booklet.ts';
import { issueBooklet } from '../../usecases/issuance/issue-booklet.ts';
import { createPrintBatch, listStock, printBatchManifest, printBatchPdf } from '../../usecases/issuance/manage-print-batches.ts';
import { replaceBooklet } from '../../usecases/issuance/replace-booklet.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['carnets'];
const File = z.any().describe('Fichier');

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/api/booklets', {
    schema: {
      tags, summary: 'Remettre un carnet imprimé à la demande (agent) : éligibilité, quota, un carnet par personne ; seul moment où les codes circulent en clair',
      body: IssueBookletBody, response: { 201: IssuedBooklet, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await issueBooklet(deps, actorOf(request), request.body)));

  app.post('/api/booklets/activations', {
    schema: {
      tags, summary: 'Remettre un carnet pré-imprimé du stock de la commune, par son numéro (mêmes règles)',
      body: ActivateBody, response: { 201: ActivatedBooklet, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await handOutStockBooklet(deps, actorOf(request), request.body)));

  app.get('/api/booklets/:id/pdf', {
    schema: { tags, summary: 'Le carnet à imprimer (PDF A4) : couverture et tickets avec QR codes', params: BookletParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => {
    const { filename, pdf } = await getBookletPdf(deps, actorOf(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'no-store').send(pdf);
  });

  app.post('/api/booklets/:id/replacement', {
    schema: {
      tags, summary: 'Carnet perdu ou abîmé : annuler les tickets restants (avec la raison) et, si la campagne le permet, remettre un carnet de remplacement',
      params: BookletParams, body: ReplaceBody, response: { 200: ReplaceResult, ...errorResponses },
    },
  }, async (request) => replaceBooklet(deps, actorOf(request), request.params.id, request.body));

  app.post('/api/print-batches', {
    schema: { tags, summary: 'Commander un lot de carnets pré-imprimés pour une commune (administration)', body: PrintBatchBody, response: { 201: PrintBatch, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createPrintBatch(deps, actorOf(request), request.body)));

  app.get('/api/print-batches/:id/pdf', {
    schema: { tags, summary: 'Le PDF du lot pour l’imprimeur (envoyé au fil de l’eau)', params: BookletParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => {
    const { filename, stream } = await printBatchPdf(deps, actorOf(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(stream);
  });

  app.get('/api/print-batches/:id/manifest.csv', {
    schema: { tags, summary: 'Le manifeste du lot : un carnet par ligne (CSV pour tableur)', params: BookletParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => {
    const { filename, csv } = await printBatchManifest(deps, actorOf(request), request.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });

  app.get('/api/stock', {
    schema: { tags, summary: 'Le stock de carnets pré-imprimés par commune', querystring: StockQuery, response: { 200: Stock, ...errorResponses } },
  }, async (request) => listStock(deps, actorOf(request), request.query));
};
export default plugin;
