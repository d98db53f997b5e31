import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  ConfirmationsBody, ConfirmationsResult, CreateOrderBody, MarkPaidBody, OrderParams, PaymentModeBody, PaymentOrder, PaymentOrderSummary, PaymentSettings,
  SingleOfficerBody, StatementParams,
} from '../../contracts/reimbursement.ts';
import { Campaign, CampaignParams, Imputation } from '../../contracts/campaigns.ts';
import { createPaymentOrder } from '../../usecases/reimbursement/create-payment-order.ts';
import { importPaymentConfirmations, markOrderPaid } from '../../usecases/reimbursement/mark-order-paid.ts';
import {
  accountingCsvFile, getPaymentOrderFor, listPaymentOrdersFor, mandatsCsvFile, sepaFile, statementPdfFile,
} from '../../usecases/reimbursement/payment-order-files.ts';
import { getPaymentSettings, setImputation, setPaymentMode } from '../../usecases/reimbursement/payment-settings.ts';
import { declareSingleOfficerException, releasePaymentOrder } from '../../usecases/reimbursement/release-payment-order.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['paiements'];
const File = z.string().describe('fichier à télécharger');

export function sendFile(reply: FastifyReply, file: { filename: string; body: string | Buffer }, type: string) {
  void reply.header('content-type', type);
  void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  void reply.header('cache-control', 'no-store');
  return reply.send(file.body);
}

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/payment-orders', {
    schema: { tags, summary: 'Les ordres de paiement du territoire', response: { 200: z.array(PaymentOrderSummary), ...errorResponses } },
  }, async (request) => listPaymentOrdersFor(deps, actorOf(request)));

  app.post('/api/payment-orders', {
    schema: {
      tags, summary: 'Créer un ordre de paiement à partir de demandes approuvées (un bordereau numéroté par structure)', body: CreateOrderBody,
      response: { 201: PaymentOrder, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await createPaymentOrder(deps, actorOf(request), request.body)));

  app.get('/api/payment-orders/:id', {
    schema: { tags, summary: 'Un ordre de paiement et ses bordereaux', params: OrderParams, response: { 200: PaymentOrder, ...errorResponses } },
  }, async (request) => getPaymentOrderFor(deps, actorOf(request), request.params.id));

  app.post('/api/payment-orders/:id/release', {
    schema: {
      tags, summary: 'Libérer un ordre préparé par un autre agent du service financier (quatre yeux) : ses fichiers de paiement deviennent disponibles',
      params: OrderParams, response: { 200: PaymentOrder, ...errorResponses },
    },
  }, async (request) => releasePaymentOrder(deps, actorOf(request), { orderId: request.params.id }));

  app.put('/api/payment-orders/single-officer-exception', {
    schema: {
      tags, summary: 'Déclarer (ou retirer, avec null) l’exception « agent financier unique » : la personne qui co-signe les ordres hors du système',
      body: SingleOfficerBody, response: { 200: z.object({ cosigner: z.string().nullable() }), ...errorResponses },
    },
  }, async (request) => declareSingleOfficerException(deps, actorOf(request), { cosigner: request.body.cosigner }));

  app.get('/api/payment-settings', {
    schema: { tags, summary: 'Comment le territoire paie les structures : mandats via le comptable public ou virement SEPA par l’opérateur', response: { 200: PaymentSettings, ...errorResponses } },
  }, async (request) => getPaymentSettings(deps, actorOf(request)));

  app.put('/api/payment-settings', {
    schema: {
      tags, summary: 'Choisir le mode de paiement du territoire (administration) ; les ordres déjà préparés gardent le leur',
      body: PaymentModeBody, response: { 200: PaymentSettings, ...errorResponses },
    },
  }, async (request) => setPaymentMode(deps, actorOf(request), request.body));

  app.put('/api/campaigns/:id/imputation', {
    schema: {
      tags, summary: 'Exercice budgétaire et imputation (nature, fonction) des mandats de la campagne',
      params: CampaignParams, body: Imputation, response: { 200: Campaign, ...errorResponses },
    },
  }, async (request) => setImputation(deps, actorOf(request), request.params.id, request.body));

  app.get('/api/payment-orders/:id/accounting.csv', {
    schema: { tags, summary: 'Fichier CSV pour le logiciel comptable (une ligne par structure et bordereau)', params: OrderParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => sendFile(reply, await accountingCsvFile(deps, actorOf(request), request.params.id), 'text/csv; charset=utf-8'));

  app.get('/api/payment-orders/:id/mandats.csv', {
    schema: {
      tags, summary: 'Fichier des mandats pour le logiciel financier (ordre libéré, mode « mandats via le comptable public ») : une ligne par structure, bordereau et campagne',
      params: OrderParams, response: { 200: File, ...errorResponses },
    },
  }, async (request, reply) => sendFile(reply, await mandatsCsvFile(deps, actorOf(request), request.params.id), 'text/csv; charset=utf-8'));

  app.get('/api/payment-orders/:id/sepa.xml', {
    schema: { tags, summary: 'Fichier de virements SEPA (pain.001.001.03)', params: OrderParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) => sendFile(reply, await sepaFile(deps, actorOf(request), request.params.id), 'application/xml; charset=utf-8'));

  app.get('/api/payment-orders/:id/statements/:statementId.pdf', {
    schema: { tags, summary: 'Le bordereau PDF d’une structure (une structure ne voit que les siens)', params: StatementParams, response: { 200: File, ...errorResponses } },
  }, async (request, reply) =>
    sendFile(reply, await statementPdfFile(deps, actorOf(request), { orderId: request.params.id, statementId: request.params.statementId }), 'application/pdf'));

  app.post('/api/payment-orders/:id/paid', {
    schema: {
      tags, summary: 'Marquer l’ordre payé (date et référence du paiement) : ses tickets deviennent payés', params: OrderParams, body: MarkPaidBody,
      response: { 200: PaymentOrder, ...errorResponses },
    },
  }, async (request) => markOrderPaid(deps, actorOf(request), { orderId: request.params.id, ...request.body }));

  app.post('/api/payment-orders/:id/confirmations', {
    schema: {
      tags, summary: 'Importer la confirmation de paiement (CSV : bordereau ; date_paiement ; reference), tout ou rien', params: OrderParams,
      body: ConfirmationsBody, response: { 200: ConfirmationsResult, ...errorResponses },
    },
  }, async (request) => importPaymentConfirmations(deps, actorOf(request), { orderId: request.params.id, csv: request.body.csv }));
};
export default plugin;
