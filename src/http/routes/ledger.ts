import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  BankDetails, CampaignLedger, CampaignLedgerQuery, CampaignParams, Ledger, LedgerQuery, PendingBank, StructureParams, VerifyBankBody,
} from '../../contracts/reimbursement.ts';
import { getBankDetails, listPendingBankDetails, verifyBankDetails } from '../../usecases/reimbursement/bank-details.ts';
import { finalReportCsv, finalReportPdf } from '../../usecases/reimbursement/final-report.ts';
import { getCampaignLedger, getLedger } from '../../usecases/reimbursement/ledger.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';
import { sendFile } from './payment-orders.ts';

const File = z.string().describe('fichier à télécharger');

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/ledger', {
    schema: {
      tags: ['remboursements'], summary: 'Le grand livre : utilisé non demandé, demandé, approuvé, payé, rejeté, par structure et campagne',
      querystring: LedgerQuery, response: { 200: Ledger, ...errorResponses },
    },
  }, async (request) => getLedger(deps, actorOf(request), request.query));

  app.get('/api/ledger/campaigns', {
    schema: {
      tags: ['remboursements'], summary: 'Par campagne : budget, valeur remise, utilisée, approuvée, payée et valeur non utilisée',
      querystring: CampaignLedgerQuery, response: { 200: CampaignLedger, ...errorResponses },
    },
  }, async (request) => getCampaignLedger(deps, actorOf(request), request.query));

  app.get('/api/structures/:id/bank-details', {
    schema: {
      tags: ['structures'], summary: 'Les coordonnées bancaires d’une structure, leur statut de vérification et leur historique',
      params: StructureParams, response: { 200: BankDetails, ...errorResponses },
    },
  }, async (request) => getBankDetails(deps, actorOf(request), request.params.id));

  app.post('/api/structures/:id/bank-details/verify', {
    schema: {
      tags: ['structures'], summary: 'Vérifier les coordonnées bancaires sur le RIB (un agent du service financier qui ne les a pas saisies : IBAN ressaisi, BIC et titulaire confirmés)',
      params: StructureParams, body: VerifyBankBody, response: { 200: BankDetails, ...errorResponses },
    },
  }, async (request) => verifyBankDetails(deps, actorOf(request), { structureId: request.params.id, ...request.body }));

  app.get('/api/bank-details/pending', {
    schema: { tags: ['structures'], summary: 'Les coordonnées bancaires en attente de vérification', response: { 200: z.array(PendingBank), ...errorResponses } },
  }, async (request) => listPendingBankDetails(deps, actorOf(request)));

  app.get('/api/campaigns/:id/final-report.pdf', {
    schema: { tags: ['campagnes'], summary: 'Le bilan final de la campagne (PDF), après la date limite des demandes', params: CampaignParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => sendFile(reply, await finalReportPdf(deps, actorOf(request), request.params.id), 'application/pdf'));

  app.get('/api/campaigns/:id/final-report.csv', {
    schema: { tags: ['campagnes'], summary: 'Le bilan final de la campagne (CSV), après la date limite des demandes', params: CampaignParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => sendFile(reply, await finalReportCsv(deps, actorOf(request), request.params.id), 'text/csv; charset=utf-8'));
};
export default plugin;
