import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Campaign, CampaignBody, CampaignListQuery, CampaignParams, CampaignPatch, CampaignQuotas, CommuneQuota, QuotaBody, QuotaParams,
  WeightsImportBody, WeightsImportResult,
} from '../../contracts/campaigns.ts';
import { errorResponses } from '../../contracts/common.ts';
import type { ServiceValue } from '../../domain/mediation-enums.ts';
import { listCampaignQuotas, setCommuneQuota } from '../../usecases/administration/campaign-quotas.ts';
import { closeCampaign, openCampaign } from '../../usecases/administration/change-campaign-status.ts';
import { createCampaign } from '../../usecases/administration/create-campaign.ts';
import { getCampaignDetails, listCampaigns } from '../../usecases/administration/get-campaign.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { importQuotaWeights } from '../../usecases/administration/import-quota-weights.ts';
import { updateCampaign } from '../../usecases/administration/update-campaign.ts';
import { actorOf } from '../auth.ts';

const tags = ['campagnes'];
const services = (v: string[] | undefined) => v as ServiceValue[] | undefined;

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/campaigns', {
    schema: { tags, summary: 'Les campagnes du territoire (filtre par état)', querystring: CampaignListQuery, response: { 200: z.array(Campaign), ...errorResponses } },
  }, async (request) => listCampaigns(deps, actorOf(request), request.query));

  app.post('/api/campaigns', {
    schema: { tags, summary: 'Créer une campagne (en brouillon) et ses quotas par commune', body: CampaignBody, response: { 201: Campaign, ...errorResponses } },
  }, async (request, reply) => {
    const body = request.body;
    const created = await createCampaign(deps, actorOf(request), { ...body, eligibleServices: services(body.eligibleServices)! });
    return reply.status(201).send(created);
  });

  app.get('/api/campaigns/:id', {
    schema: { tags, summary: 'Une campagne', params: CampaignParams, response: { 200: Campaign, ...errorResponses } },
  }, async (request) => getCampaignDetails(deps, actorOf(request), request.params.id));

  app.patch('/api/campaigns/:id', {
    schema: { tags, summary: 'Modifier une campagne en brouillon', params: CampaignParams, body: CampaignPatch, response: { 200: Campaign, ...errorResponses } },
  }, async (request) => updateCampaign(deps, actorOf(request), request.params.id, { ...request.body, eligibleServices: services(request.body.eligibleServices) }));

  app.post('/api/campaigns/:id/open', {
    schema: { tags, summary: 'Ouvrir une campagne à la distribution', params: CampaignParams, response: { 200: Campaign, ...errorResponses } },
  }, async (request) => openCampaign(deps, actorOf(request), request.params.id));

  app.post('/api/campaigns/:id/close', {
    schema: {
      tags, summary: 'Clore une campagne (plus aucune distribution)', params: CampaignParams,
      body: z.object({ reason: z.string().trim().max(500).optional() }).optional(), response: { 200: Campaign, ...errorResponses },
    },
  }, async (request) => closeCampaign(deps, actorOf(request), request.params.id, request.body?.reason));

  app.get('/api/campaigns/:id/quotas', {
    schema: { tags, summary: 'Les quotas de carnets par commune', params: CampaignParams, response: { 200: CampaignQuotas, ...errorResponses } },
  }, async (request) => listCampaignQuotas(deps, actorOf(request), request.params.id));

  app.put('/api/campaigns/:id/quotas/:inseeCode', {
    schema: {
      tags, summary: 'Modifier le quota d’une commune (jamais sous les carnets déjà remis)', params: QuotaParams, body: QuotaBody,
      response: { 200: CommuneQuota.omit({ communeName: true }), ...errorResponses },
    },
  }, async (request) => setCommuneQuota(deps, actorOf(request), request.params.id, request.params.inseeCode, request.body.quota));

  app.post('/api/campaigns/:id/weights/import', {
    schema: {
      tags, summary: 'Importer le critère de la part pondérée par commune (CSV : code INSEE, chiffre), avec un compte rendu ligne par ligne',
      params: CampaignParams, body: WeightsImportBody, response: { 200: WeightsImportResult, ...errorResponses },
    },
  }, async (request) => importQuotaWeights(deps, actorOf(request), request.params.id, request.body.csv));
};
export default plugin;
