// Dashboards and exports (issue #7 API): funnel, people trained, money, who to call; CSV/XLSX exports.
import type { z } from 'zod';
import type { ActionList as ActionListSchema, FunnelDashboard as FunnelSchema, MoneyDashboard as MoneySchema, PeopleDashboard as PeopleSchema } from '../../../src/contracts/dashboards.ts';
import { api, withQuery } from './client.ts';

export type Funnel = z.infer<typeof FunnelSchema>;
export type People = z.infer<typeof PeopleSchema>;
export type Money = z.infer<typeof MoneySchema>;
export type ActionList = z.infer<typeof ActionListSchema>;
export interface DashboardFilters {
  campaignId?: string;
  from?: string;
  to?: string;
}

export const dashboardsApi = {
  funnel: (f: DashboardFilters) => api.get<Funnel>('/api/dashboards/funnel', { ...f }),
  people: (f: DashboardFilters) => api.get<People>('/api/dashboards/people', { ...f }),
  money: (f: DashboardFilters) => api.get<Money>('/api/dashboards/money', { ...f }),
  actionList: (q: { campaignId?: string; days?: number }) => api.get<ActionList>('/api/dashboards/action-list', { ...q, limit: 500 }),
  campaigns: () => api.get<{ id: string; name: string; status: string; year: number; issuanceStart: string }[]>('/api/campaigns'),
  /** The report for a council (PDF), with the same filters as the screen. */
  reportUrl: (f: DashboardFilters) => withQuery('/api/dashboards/report.pdf', { ...f }),
  exportUrl: (dataset: string, format: 'csv' | 'xlsx', f: DashboardFilters) => withQuery(`/api/exports/${encodeURIComponent(dataset)}`, { format, ...f }),
};
