// The programme admin's screens: campaigns and quotas, structures and accreditations, accounts,
// print batches and stock, blocking tickets. Types from the shared Zod contracts.
import type { z } from 'zod';
import type { Organisation as OrganisationSchema } from '../../../src/contracts/access.ts';
import type { PrintBatch as PrintBatchSchema, Stock as StockSchema } from '../../../src/contracts/booklets.ts';
import type { CampaignDto, CampaignQuotas as CampaignQuotasSchema } from '../../../src/contracts/campaigns.ts';
import type { BlockResult as BlockResultSchema } from '../../../src/contracts/redemptions.ts';
import type { Accreditation as AccreditationSchema, StructureWithSites as StructureWithSitesSchema } from '../../../src/contracts/structures.ts';
import { api } from './client.ts';

export type Campaign = CampaignDto;
export type CampaignQuotas = z.infer<typeof CampaignQuotasSchema>;
export type StructureWithSites = z.infer<typeof StructureWithSitesSchema>;
export type Accreditation = z.infer<typeof AccreditationSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type PrintBatch = z.infer<typeof PrintBatchSchema>;
export type Stock = z.infer<typeof StockSchema>;
export type BlockResult = z.infer<typeof BlockResultSchema>;
export interface Commune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
}

const enc = encodeURIComponent;
const c = (id: string) => `/api/campaigns/${enc(id)}`;

export const adminApi = {
  campaigns: () => api.get<Campaign[]>('/api/campaigns'),
  campaign: (id: string) => api.get<Campaign>(c(id)),
  createCampaign: (body: Record<string, unknown>) => api.post<Campaign>('/api/campaigns', body),
  updateCampaign: (id: string, body: Record<string, unknown>) => api.patch<Campaign>(c(id), body),
  openCampaign: (id: string) => api.post<Campaign>(`${c(id)}/open`),
  closeCampaign: (id: string, reason?: string) => api.post<Campaign>(`${c(id)}/close`, reason ? { reason } : {}),
  quotas: (id: string) => api.get<CampaignQuotas>(`${c(id)}/quotas`),
  setQuota: (id: string, inseeCode: string, quota: number) => api.put(`${c(id)}/quotas/${enc(inseeCode)}`, { quota }),
  structures: () => api.get<StructureWithSites[]>('/api/structures'),
  accreditations: (structureId: string) => api.get<Accreditation[]>(`/api/structures/${enc(structureId)}/accreditations`),
  decide: (structureId: string, campaignId: string, status: string, reason: string | null) =>
    api.post<Accreditation>(`/api/structures/${enc(structureId)}/accreditations/${enc(campaignId)}/decision`, { status, reason }),
  organisations: () => api.get<Organisation[]>('/api/organisations'),
  communes: () => api.get<Commune[]>('/api/communes'),
  stock: (campaignId?: string) => api.get<Stock>('/api/stock', { campaignId }),
  createBatch: (body: { campaignId: string; communeInsee: string; count: number }) => api.post<PrintBatch>('/api/print-batches', body),
  batchPdfUrl: (id: string) => `/api/print-batches/${enc(id)}/pdf`,
  batchManifestUrl: (id: string) => `/api/print-batches/${enc(id)}/manifest.csv`,
  block: (what: 'ticket' | 'booklet', ref: string, reason: string, op: 'block' | 'unblock') =>
    api.post<BlockResult>(`/api/${what === 'ticket' ? 'tickets' : 'booklets'}/${enc(ref)}/${op}`, { reason }),
};
