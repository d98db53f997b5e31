import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../contracts/common.ts';
import { ActionList, ActionListQuery, DashboardQuery, EvaluationDashboard, FunnelDashboard, MoneyDashboard, PeopleDashboard } from '../../contracts/dashboards.ts';
import { getActionList } from '../../usecases/followup/get-action-list.ts';
import { getFunnelDashboard } from '../../usecases/followup/get-funnel-dashboard.ts';
import { getMoneyDashboard } from '../../usecases/followup/get-money-dashboard.ts';
import { getPeopleDashboard } from '../../usecases/followup/get-people-dashboard.ts';
import { getEvaluationDashboard } from '../../usecases/followup/get-evaluation-dashboard.ts';
import { getDashboardReportPdf } from '../../usecases/followup/get-dashboard-report.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';
import { sendFile } from './payment-orders.ts';

const tags = ['tableaux de bord'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/dashboards/funnel', {
    schema: {
      tags, summary: 'Du quota aux tickets utilisés : carnets remis, premier ticket utilisé, tous utilisés, par commune et par organisation',
      querystring: DashboardQuery, response: { 200: FunnelDashboard, ...errorResponses },
    },
  }, async (request) => getFunnelDashboard(deps, actorOf(request), request.query));

  app.get('/api/dashboards/people', {
    schema: {
      tags, summary: 'Les personnes formées : séances par thème, format et durée, public prioritaire, autonomie avant et après',
      querystring: DashboardQuery, response: { 200: PeopleDashboard, ...errorResponses },
    },
  }, async (request) => getPeopleDashboard(deps, actorOf(request), request.query));

  app.get('/api/dashboards/evaluation', {
    schema: {
      tags, summary: 'L’évaluation : niveaux par domaine au départ et au suivi (mêmes personnes, même questionnaire), besoins faits seuls, autonomie par thématique au fil des séances, part des personnes suivies ; par commune (moins de 5 personnes : non affiché)',
      querystring: DashboardQuery, response: { 200: EvaluationDashboard, ...errorResponses },
    },
  }, async (request) => getEvaluationDashboard(deps, actorOf(request), request.query));

  app.get('/api/dashboards/money', {
    schema: {
      tags, summary: 'L’argent : budget, valeur remise, utilisée, demandée, approuvée, payée et non utilisée',
      querystring: DashboardQuery, response: { 200: MoneyDashboard, ...errorResponses },
    },
  }, async (request) => getMoneyDashboard(deps, actorOf(request), request.query));

  app.get('/api/dashboards/report.pdf', {
    schema: {
      tags, summary: 'Le rapport des tableaux de bord (PDF) pour un conseil : carnets remis et utilisés avec leurs taux, personnes formées, argent, évaluation ; mêmes filtres et même périmètre que les tableaux de bord',
      querystring: DashboardQuery, response: { 200: z.string().describe('fichier à télécharger'), ...errorResponses },
    },
  }, async (request, reply) => sendFile(reply, await getDashboardReportPdf(deps, actorOf(request), request.query), 'application/pdf'));

  app.get('/api/dashboards/action-list', {
    schema: {
      tags, summary: 'Personnes à appeler : tickets non utilisés qui expirent bientôt (30 jours par défaut)',
      querystring: ActionListQuery, response: { 200: ActionList, ...errorResponses },
    },
  }, async (request) => getActionList(deps, actorOf(request), request.query));
};
export default plugin;
