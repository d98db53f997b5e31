import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  AssembleBody, AssemblyResult, Claim, ClaimLineParams, ClaimParams, ClaimQuery, ClaimSummary, ContestBody, ReviewBody, SubmitBody,
} from '../../contracts/reimbursement.ts';
import { assembleClaimsOnDemand } from '../../usecases/reimbursement/assemble-claims.ts';
import { contestClaimLine } from '../../usecases/reimbursement/contest-claim-line.ts';
import { getClaimFor, listClaimsFor } from '../../usecases/reimbursement/list-claims.ts';
import { reviewClaim } from '../../usecases/reimbursement/review-claim.ts';
import { submitClaim } from '../../usecases/reimbursement/submit-claim.ts';
import { withdrawClaimLine } from '../../usecases/reimbursement/withdraw-claim-line.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['remboursements'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/claims', {
    schema: { tags, summary: 'Les demandes de remboursement (une structure ne voit que les siennes)', querystring: ClaimQuery, response: { 200: z.array(ClaimSummary), ...errorResponses } },
  }, async (request) => listClaimsFor(deps, actorOf(request), request.query));

  app.post('/api/claims/assemble', {
    schema: {
      tags, summary: 'Regrouper maintenant les tickets utilisés et non encore demandés en demandes mensuelles', body: AssembleBody,
      response: { 200: AssemblyResult, ...errorResponses },
    },
  }, async (request) => assembleClaimsOnDemand(deps, actorOf(request), request.body ?? {}));

  app.get('/api/claims/:id', {
    schema: { tags, summary: 'Une demande de remboursement, ses lignes et ses totaux', params: ClaimParams, response: { 200: Claim, ...errorResponses } },
  }, async (request) => getClaimFor(deps, actorOf(request), request.params.id));

  app.post('/api/claims/:id/submit', {
    schema: {
      tags, summary: 'Transmettre la demande au service financier, avec l’attestation sur l’honneur (la demande est ensuite verrouillée)',
      params: ClaimParams, body: SubmitBody, response: { 200: Claim, ...errorResponses },
    },
  }, async (request) => submitClaim(deps, actorOf(request), { claimId: request.params.id, attestation: request.body.attestation }));

  app.delete('/api/claims/:id/lines/:lineId', {
    schema: {
      tags, summary: 'Retirer une ligne d’une demande en préparation (le ticket redevient « utilisé »)', params: ClaimLineParams,
      response: { 200: Claim, ...errorResponses },
    },
  }, async (request) => withdrawClaimLine(deps, actorOf(request), { claimId: request.params.id, lineId: request.params.lineId }));

  app.post('/api/claims/:id/review', {
    schema: {
      tags, summary: 'Approuver la demande, en rejetant éventuellement des lignes avec un motif (service financier)', params: ClaimParams,
      body: ReviewBody, response: { 200: Claim, ...errorResponses },
    },
  }, async (request) => reviewClaim(deps, actorOf(request), { claimId: request.params.id, rejections: request.body.rejections }));

  app.post('/api/claims/:id/lines/:lineId/contest', {
    schema: {
      tags, summary: 'Contester le rejet d’une ligne : le ticket repart dans la demande en préparation du mois, avec votre note',
      params: ClaimLineParams, body: ContestBody, response: { 200: Claim, ...errorResponses },
    },
  }, async (request) => contestClaimLine(deps, actorOf(request), { claimId: request.params.id, lineId: request.params.lineId, note: request.body.note }));
};
export default plugin;
