import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  BeneficiaryIdParams, ClosePersonalDataRequestBody, ErasureBody, ErasureResult, ExtendPersonalDataRequestBody, PdfDocument, PersonalDataCopy, PersonalDataRequest,
  PersonalDataRequestList, PersonalDataRequestParams, PersonalDataRequestsQuery, RecordPersonalDataRequestBody,
} from '../../contracts/personal-data.ts';
import { eraseBeneficiary, exportPersonalData, exportPersonalDataPdf } from '../../usecases/intake/personal-data.ts';
import {
  closePersonalDataRequest, extendPersonalDataRequest, listPersonalDataRequests, recordPersonalDataRequest,
} from '../../usecases/intake/personal-data-requests.ts';
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

  app.get('/api/personal-data-requests', {
    schema: {
      tags, summary: 'Le registre des demandes sur les données personnelles : les demandes en cours, la plus urgente d’abord (en retard, à traiter dans les 7 jours)',
      querystring: PersonalDataRequestsQuery, response: { 200: PersonalDataRequestList, ...errorResponses },
    },
  }, async (request) => listPersonalDataRequests(deps, actorOf(request), request.query));

  app.post('/api/personal-data-requests', {
    schema: {
      tags, summary: 'Enregistrer une demande reçue (accès, rectification, effacement, opposition) : réponse due un mois après réception',
      body: RecordPersonalDataRequestBody, response: { 201: PersonalDataRequest, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await recordPersonalDataRequest(deps, actorOf(request), request.body)));

  app.post('/api/personal-data-requests/:id/extend', {
    schema: {
      tags, summary: 'Prolonger de deux mois une demande complexe (pendant le premier mois, une seule fois, avec le motif dit à la personne)',
      params: PersonalDataRequestParams, body: ExtendPersonalDataRequestBody, response: { 200: PersonalDataRequest, ...errorResponses },
    },
  }, async (request) => extendPersonalDataRequest(deps, actorOf(request), request.params.id, request.body));

  app.post('/api/personal-data-requests/:id/close', {
    schema: {
      tags, summary: 'Clore une demande : répondue (une demande d’effacement efface alors la personne) ou refusée avec son motif',
      params: PersonalDataRequestParams, body: ClosePersonalDataRequestBody, response: { 200: PersonalDataRequest, ...errorResponses },
    },
  }, async (request) => closePersonalDataRequest(deps, actorOf(request), request.params.id, request.body));
};
export default plugin;
