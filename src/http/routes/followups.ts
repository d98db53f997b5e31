import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BeneficiaryParams } from '../../contracts/beneficiaries.ts';
import { errorResponses } from '../../contracts/common.ts';
import { FollowupForm, RedemptionFollowup, RedemptionIdParams } from '../../contracts/followups.ts';
import { getFollowupForm, getRedemptionFollowup } from '../../usecases/followup/get-followup.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['accueil des bénéficiaires'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/beneficiaries/:id/followup', {
    schema: {
      tags, summary: 'Préparer un diagnostic de suivi : le diagnostic de départ (niveaux, besoins) et son questionnaire (agent, ou structure qui a formé la personne)',
      params: BeneficiaryParams, response: { 200: FollowupForm, ...errorResponses },
    },
  }, async (request) => getFollowupForm(deps, actorOf(request), request.params.id));

  app.get('/api/redemptions/:id/followup', {
    schema: {
      tags: ['utilisation des tickets'], summary: 'Après une utilisation : la personne, ses tickets restants, et si un diagnostic de suivi est proposé (dernier ticket utilisé)',
      params: RedemptionIdParams, response: { 200: RedemptionFollowup, ...errorResponses },
    },
  }, async (request) => getRedemptionFollowup(deps, actorOf(request), request.params.id));
};
export default plugin;
