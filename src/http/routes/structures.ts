import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  Accreditation, AccreditationParams, ApplyBody, SetBankBody, CreateStructureBody, DecisionBody, PublicPlace, PublicPlacesQuery, Site,
  SiretCheck, SiretParams, SiteBody, SiteParams, SitePatch, Structure, StructureDetails, StructureParams, StructurePatch, StructureWithSites,
} from '../../contracts/structures.ts';
import { createStructure } from '../../usecases/administration/create-structure.ts';
import { listStructures, getStructureDetails } from '../../usecases/administration/list-structures.ts';
import { listPublicPlaces } from '../../usecases/administration/list-public-places.ts';
import { applyForAccreditation, decideAccreditation, listStructureAccreditations } from '../../usecases/administration/manage-accreditations.ts';
import { addSite, deleteSite, listStructureSites, updateSite } from '../../usecases/administration/manage-sites.ts';
import { checkStructureSiret } from '../../usecases/administration/check-structure-siret.ts';
import { rateLimited } from '../rate-limit.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { updateStructure } from '../../usecases/administration/update-structure.ts';
import { ribDocument, setBankDetails } from '../../usecases/reimbursement/bank-details.ts';
import { BankDetails as BankDetailsView } from '../../contracts/reimbursement.ts';
import { sendFile } from './payment-orders.ts';
import { actorOf } from '../auth.ts';

const tags = ['structures'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/structures', {
    schema: { tags, summary: 'Les structures d’accompagnement (une structure ne voit que la sienne)', response: { 200: z.array(StructureWithSites), ...errorResponses } },
  }, async (request) => listStructures(deps, actorOf(request)));

  app.get('/api/structures/siret/:siret', {
    schema: { tags, summary: 'Vérifier un SIRET avant de créer une structure : numéro valide, déjà utilisé sur le territoire ?', params: SiretParams, response: { 200: SiretCheck, ...errorResponses } },
  }, async (request) => checkStructureSiret(deps, actorOf(request), request.params.siret));

  app.post('/api/structures', {
    schema: { tags, summary: 'Enregistrer une structure (SIRET, lieux, coordonnées bancaires)', body: CreateStructureBody, response: { 201: Structure, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createStructure(deps, actorOf(request), request.body)));

  app.get('/api/structures/:id', {
    schema: { tags, summary: 'Une structure, ses lieux et ses habilitations', params: StructureParams, response: { 200: StructureDetails, ...errorResponses } },
  }, async (request) => getStructureDetails(deps, actorOf(request), request.params.id));

  app.patch('/api/structures/:id', {
    schema: { tags, summary: 'Modifier le profil d’une structure', params: StructureParams, body: StructurePatch, response: { 200: Structure, ...errorResponses } },
  }, async (request) => updateStructure(deps, actorOf(request), request.params.id, request.body));

  app.put('/api/structures/:id/bank-details', {
    schema: {
      tags, summary: 'Saisir ou modifier les coordonnées bancaires avec le RIB (responsable de la structure seulement ; à vérifier par le service financier)',
      params: StructureParams, body: SetBankBody, response: { 200: BankDetailsView, ...errorResponses },
    },
  }, async (request) => setBankDetails(deps, actorOf(request), request.params.id, request.body));

  app.get('/api/structures/:id/bank-details/rib', {
    schema: { tags, summary: 'Le RIB joint aux coordonnées bancaires (service financier, responsable de la structure)', params: StructureParams, response: { 200: z.string(), ...errorResponses } },
  }, async (request, reply) => {
    const rib = await ribDocument(deps, actorOf(request), request.params.id);
    return sendFile(reply, { filename: rib.filename.replace(/"/g, ''), body: rib.body }, rib.mime);
  });

  app.get('/api/structures/:id/sites', {
    schema: { tags, summary: 'Les lieux d’une structure', params: StructureParams, response: { 200: z.array(Site), ...errorResponses } },
  }, async (request) => listStructureSites(deps, actorOf(request), request.params.id));

  app.post('/api/structures/:id/sites', {
    schema: { tags, summary: 'Ajouter un lieu (adresse, commune, horaires)', params: StructureParams, body: SiteBody, response: { 201: Site, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await addSite(deps, actorOf(request), request.params.id, request.body)));

  app.patch('/api/structures/:id/sites/:siteId', {
    schema: { tags, summary: 'Modifier un lieu', params: SiteParams, body: SitePatch, response: { 200: Site, ...errorResponses } },
  }, async (request) => updateSite(deps, actorOf(request), request.params.id, request.params.siteId, request.body));

  app.delete('/api/structures/:id/sites/:siteId', {
    schema: { tags, summary: 'Supprimer un lieu qui n’a jamais servi', params: SiteParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await deleteSite(deps, actorOf(request), request.params.id, request.params.siteId);
    return reply.status(204).send(null);
  });

  app.get('/api/structures/:id/accreditations', {
    schema: { tags, summary: 'Les habilitations d’une structure, par campagne', params: StructureParams, response: { 200: z.array(Accreditation), ...errorResponses } },
  }, async (request) => listStructureAccreditations(deps, actorOf(request), request.params.id));

  app.post('/api/structures/:id/accreditations', {
    schema: { tags, summary: 'Candidater à l’habilitation pour une campagne', params: StructureParams, body: ApplyBody, response: { 201: Accreditation, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await applyForAccreditation(deps, actorOf(request), request.params.id, request.body.campaignId)));

  app.post('/api/structures/:id/accreditations/:campaignId/decision', {
    schema: {
      tags, summary: 'Habiliter, suspendre, rétablir ou retirer une habilitation (avec motif)', params: AccreditationParams, body: DecisionBody,
      response: { 200: Accreditation, ...errorResponses },
    },
  }, async (request) => decideAccreditation(deps, actorOf(request), request.params.id, request.params.campaignId, request.body));

  app.get('/api/public/places', {
    config: { auth: 'public' },
    preHandler: rateLimited(deps, 'places'),
    schema: {
      tags: ['public'], summary: 'Où utiliser mon pass ? Les lieux habilités pour une campagne ouverte', querystring: PublicPlacesQuery,
      security: [], response: { 200: z.array(PublicPlace), ...errorResponses },
    },
  }, async (request) => listPublicPlaces(deps, request.query));
};
export default plugin;
