import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BeneficiaryBody, BeneficiaryCreated, ContactBody, BeneficiaryDetails, BeneficiaryList, BeneficiaryListQuery, BeneficiaryParams, CampaignEligibility,
  EligibilityQuery, Orientation, OrientationQuery,
} from '../../contracts/beneficiaries.ts';
import { errorResponses } from '../../contracts/common.ts';
import { DiagnosticBody, DiagnosticResult } from '../../contracts/diagnostics.ts';
import { getBeneficiaryDetails, getBeneficiaryEligibility } from '../../usecases/intake/get-beneficiary.ts';
import { changeBeneficiaryContact } from '../../usecases/intake/update-beneficiary-contact.ts';
import { listBeneficiaries } from '../../usecases/intake/list-beneficiaries.ts';
import { recordDiagnostic } from '../../usecases/intake/record-diagnostic.ts';
import { registerBeneficiary } from '../../usecases/intake/register-beneficiary.ts';
import { suggestOrientation } from '../../usecases/intake/suggest-places.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['accueil des bénéficiaires'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/api/beneficiaries', {
    schema: { tags, summary: 'Enregistrer un habitant (agent) : identité minimale, commune par code INSEE, consentement', body: BeneficiaryBody, response: { 201: BeneficiaryCreated, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await registerBeneficiary(deps, actorOf(request), request.body)));

  app.get('/api/beneficiaries', {
    schema: {
      tags, summary: 'Les bénéficiaires de mon organisation (recherche par nom et date de naissance), avec leur carnet et leurs tickets non utilisés',
      querystring: BeneficiaryListQuery, response: { 200: BeneficiaryList, ...errorResponses },
    },
  }, async (request) => {
    const { limit, pageSize, ...rest } = request.query;
    return listBeneficiaries(deps, actorOf(request), { ...rest, pageSize: pageSize ?? limit });
  });

  app.get('/api/beneficiaries/:id', {
    schema: { tags, summary: 'Un bénéficiaire : identité, diagnostics, carnets, réservations', params: BeneficiaryParams, response: { 200: BeneficiaryDetails, ...errorResponses } },
  }, async (request) => getBeneficiaryDetails(deps, actorOf(request), request.params.id));

  app.put('/api/beneficiaries/:id/contact', {
    schema: {
      tags, summary: 'Changer le contact et l’accord aux rappels (une case par canal, jamais cochée d’avance)',
      params: BeneficiaryParams, body: ContactBody, response: { 200: BeneficiaryDetails, ...errorResponses },
    },
  }, async (request) => changeBeneficiaryContact(deps, actorOf(request), request.params.id, request.body));

  app.post('/api/beneficiaries/:id/diagnostics', {
    schema: {
      tags, summary: 'Enregistrer un diagnostic (initial ou de suivi) : profil d’autonomie et éligibilité aux campagnes ouvertes',
      params: BeneficiaryParams, body: DiagnosticBody, response: { 201: DiagnosticResult, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await recordDiagnostic(deps, actorOf(request), request.params.id, request.body)));

  app.get('/api/beneficiaries/:id/eligibility', {
    schema: {
      tags, summary: 'Éligibilité aux campagnes ouvertes, avec toutes les raisons', params: BeneficiaryParams, querystring: EligibilityQuery,
      response: { 200: z.array(CampaignEligibility), ...errorResponses },
    },
  }, async (request) => {
    const reason = request.query.overrideReason;
    return getBeneficiaryEligibility(deps, actorOf(request), request.params.id, reason ? { reason } : null);
  });

  app.get('/api/beneficiaries/:id/orientation', {
    schema: {
      tags, summary: 'Orientation : lieux habilités correspondant aux besoins (commune d’abord) et séances à venir',
      params: BeneficiaryParams, querystring: OrientationQuery, response: { 200: Orientation, ...errorResponses },
    },
  }, async (request) => {
    const { specificSupport, ...rest } = request.query;
    const support = specificSupport === undefined ? undefined : Array.isArray(specificSupport) ? specificSupport : [specificSupport];
    return suggestOrientation(deps, actorOf(request), request.params.id, { ...rest, specificSupport: support });
  });
};
export default plugin;
