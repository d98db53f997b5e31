// The mediator's scanner (issue #4 API): check a ticket, redeem the tickets of one booklet for the
// service delivered, undo a mistaken redemption, the day's list; the themes and the structure's sites.
import type { z } from 'zod';
import type { RedeemBodyDto, RedemptionDayDto, RedemptionHistoryDto, RedemptionResultDto, RedemptionViewDto, ThemeListDto, TicketCheckDto } from '../../../src/contracts/redemptions.ts';
import type { Site as SiteSchema } from '../../../src/contracts/structures.ts';
import type { MediatorContextDto, WorkshopDto } from '../../../src/contracts/workshops.ts';
import { api, withQuery } from './client.ts';

export type TicketCheck = TicketCheckDto;
export type RedemptionView = RedemptionViewDto;
export type RedemptionResult = RedemptionResultDto;
export type RedemptionDay = RedemptionDayDto;
export type RedemptionHistory = RedemptionHistoryDto;
export type HistoryFilter = { month?: string; siteId?: string; mediatorId?: string; state?: RedemptionHistory['redemptions'][number]['state'] };
export type ThemeList = ThemeListDto;
export type Site = z.infer<typeof SiteSchema>;
export type RedeemBody = RedeemBodyDto;
export type MediatorContext = MediatorContextDto;
export type Workshop = WorkshopDto;

const enc = encodeURIComponent;

export const mediatorApi = {
  check: (code: string) => api.get<TicketCheck>(`/api/tickets/${enc(code)}`),
  redeem: (body: RedeemBody) => api.post<RedemptionResult>('/api/redemptions', body),
  undo: (redemptionId: string, reason: string) => api.post<RedemptionView>(`/api/redemptions/${enc(redemptionId)}/undo`, { reason }),
  day: (date?: string) => api.get<RedemptionDay>('/api/redemptions', { date }),
  history: (f: HistoryFilter) => api.get<RedemptionHistory>('/api/redemptions/history', f),
  historyCsvUrl: (f: HistoryFilter) => withQuery('/api/redemptions/history.csv', f),
  themes: () => api.get<ThemeList>('/api/themes'),
  context: () => api.get<MediatorContext>('/api/redemption-context'),
  createWorkshop: (body: { title?: string; themes: string[]; durationMinutes: number; siteId: string }) => api.post<Workshop>('/api/workshops', body),
  workshop: (id: string) => api.get<Workshop>(`/api/workshops/${enc(id)}`),
  sites: (structureId: string) => api.get<Site[]>(`/api/structures/${enc(structureId)}/sites`),
};
