import { requireRole, type Actor } from '../../domain/actor.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { renderDashboardReportPdf } from '../../exports/dashboard-report-pdf.ts';
import { findCampaignInTerritory } from '../../repositories/read-models/action-list.ts';
import { territoryName } from '../../repositories/read-models/final-report.ts';
import { getEvaluationDashboard } from './get-evaluation-dashboard.ts';
import { getFunnelDashboard } from './get-funnel-dashboard.ts';
import { getMoneyDashboard } from './get-money-dashboard.ts';
import { getPeopleDashboard } from './get-people-dashboard.ts';
import type { Deps } from '../support/deps.ts';
import type { ReadFilters } from '../support/read-scope.ts';

/**
 * The dashboards as a PDF report for a council (issue 22): the same use cases, hence the same
 * scope (territory, organisation or structure) and the same checks of the campaign and period.
 * Only the roles the "Tableaux de bord" screen is open to; the funnel is left out for a structure,
 * as on the screen.
 */
export async function getDashboardReportPdf(deps: Deps, actor: Actor, filters: ReadFilters) {
  requireRole(actor, 'admin', 'finance', 'auditor', 'agent', 'structure_manager');
  // First, alone: it checks the filters and the scope before anything else is read.
  const people = await getPeopleDashboard(deps, actor, filters);
  const [funnel, money, evaluation, territory, campaign] = await Promise.all([
    people.scope.level === 'structure' ? null : getFunnelDashboard(deps, actor, filters),
    getMoneyDashboard(deps, actor, filters),
    getEvaluationDashboard(deps, actor, filters),
    territoryName(deps.db, actor.territoryId),
    filters.campaignId ? findCampaignInTerritory(deps.db, filters.campaignId, actor.territoryId) : null,
  ]);
  const day = parisDate(deps.now());
  const campaignName = campaign?.name ?? null;
  // The scope's label ends with the campaign's name, which the report states on a line of its own.
  const suffix = campaignName ? ` — ${campaignName}` : '';
  const scopeLabel = suffix && people.scope.label.endsWith(suffix) ? people.scope.label.slice(0, -suffix.length) : people.scope.label;
  const body = await renderDashboardReportPdf({
    territoryName: territory.name, scopeLabel, campaignName, from: people.scope.from, to: people.scope.to, day, funnel, people, money, evaluation,
  });
  return { filename: `rapport-pass-numerique-${campaign ? campaign.year : 'toutes-campagnes'}-${day}.pdf`, body };
}
