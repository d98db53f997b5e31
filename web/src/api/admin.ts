// The programme admin's screens: campaigns and quotas, structures and accreditations, accounts,
// print batches and stock, blocking tickets. Types from the shared Zod contracts.
import type { z } from 'zod';
import type { CreateOrganisationBody, MairiesCreated as MairiesCreatedSchema, Organisation as OrganisationSchema } from '../../../src/contracts/access.ts';
import type { PrintBatch as PrintBatchSchema, Stock as StockSchema } from '../../../src/contracts/booklets.ts';
import type { CampaignDto, CampaignQuotas as CampaignQuotasSchema, WeightsImportResult } from '../../../src/contracts/campaigns.ts';
import type { BlockResult as BlockResultSchema } from '../../../src/contracts/redemptions.ts';
import type {
  Accreditation as AccreditationSchema, CreateStructureBody, SiretCheck as SiretCheckSchema, Structure as StructureSchema, StructureWithSites as StructureWithSitesSchema,
} from '../../../src/contracts/structures.ts';
import type { Ledger } from './structure.ts';
import type { OptOutList as OptOutListSchema, OutboxList as OutboxListSchema } from '../../../src/contracts/reminders.ts';
import type { AuditLogPage as AuditLogPageSchema, AuditLogQuery, AuditVerificationResult } from '../../../src/contracts/audit.ts';
import { api } from './client.ts';

export type Campaign = CampaignDto;
export type CampaignQuotas = z.infer<typeof CampaignQuotasSchema>;
export type WeightsReport = z.infer<typeof WeightsImportResult>;
export type StructureWithSites = z.infer<typeof StructureWithSitesSchema>;
export type Accreditation = z.infer<typeof AccreditationSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type OrganisationInput = z.input<typeof CreateOrganisationBody>;
export type MairiesCreated = z.infer<typeof MairiesCreatedSchema>;
export type SiretCheck = z.infer<typeof SiretCheckSchema>;
export type NewStructure = z.input<typeof CreateStructureBody>;
export type Structure = z.infer<typeof StructureSchema>;
export type PrintBatch = z.infer<typeof PrintBatchSchema>;
export type Stock = z.infer<typeof StockSchema>;
export type OutboxList = z.infer<typeof OutboxListSchema>;
export type OptOutList = z.infer<typeof OptOutListSchema>;
export type BlockResult = z.infer<typeof BlockResultSchema>;
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
export type AuditFilters = Omit<z.input<typeof AuditLogQuery>, 'limit' | 'offset'>;
export type AuditVerification = z.infer<typeof AuditVerificationResult>;
export interface Commune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
}

const enc = encodeURIComponent;
const c = (id: string) => `/api/campaigns/${enc(id)}`;

/** The programme's help line (printed on booklets, shown on public pages) and the header's logo. */
export interface ProgrammeSettings {
  helpPhone: string | null;
  helpEmail: string | null;
  helpAddress: string | null;
  logo: string | null;
}

export const adminApi = {
  programme: () => api.get<ProgrammeSettings>('/api/programme'),
  updateProgramme: (body: ProgrammeSettings) => api.put<ProgrammeSettings>('/api/programme', body),
  campaigns: () => api.get<Campaign[]>('/api/campaigns'),
  campaign: (id: string) => api.get<Campaign>(c(id)),
  createCampaign: (body: Record<string, unknown>) => api.post<Campaign>('/api/campaigns', body),
  updateCampaign: (id: string, body: Record<string, unknown>) => api.patch<Campaign>(c(id), body),
  setImputation: (id: string, body: { budgetYear: number; nature: string; fonction: string }) => api.put<Campaign>(`${c(id)}/imputation`, body),
  openCampaign: (id: string) => api.post<Campaign>(`${c(id)}/open`),
  closeCampaign: (id: string, reason?: string) => api.post<Campaign>(`${c(id)}/close`, reason ? { reason } : {}),
  importWeights: (id: string, csv: string) => api.post<WeightsReport>(`${c(id)}/weights/import`, { csv }),
  quotas: (id: string) => api.get<CampaignQuotas>(`${c(id)}/quotas`),
  setQuota: (id: string, inseeCode: string, quota: number) => api.put(`${c(id)}/quotas/${enc(inseeCode)}`, { quota }),
  structures: () => api.get<StructureWithSites[]>('/api/structures'),
  accreditations: (structureId: string) => api.get<Accreditation[]>(`/api/structures/${enc(structureId)}/accreditations`),
  apply: (structureId: string, campaignId: string) => api.post<Accreditation>(`/api/structures/${enc(structureId)}/accreditations`, { campaignId }),
  decide: (structureId: string, campaignId: string, status: string, reason: string | null) =>
    api.post<Accreditation>(`/api/structures/${enc(structureId)}/accreditations/${enc(campaignId)}/decision`, { status, reason }),
  organisations: () => api.get<Organisation[]>('/api/organisations'),
  createOrganisation: (body: OrganisationInput) => api.post<Organisation>('/api/organisations', body),
  updateOrganisation: (id: string, body: OrganisationInput) => api.put<Organisation>(`/api/organisations/${enc(id)}`, body),
  createMairies: () => api.post<MairiesCreated>('/api/organisations/mairies'),
  checkSiret: (siret: string) => api.get<SiretCheck>(`/api/structures/siret/${enc(siret)}`),
  createStructure: (body: NewStructure) => api.post<Structure>('/api/structures', body),
  ledger: (structureId: string) => api.get<Ledger>('/api/ledger', { structureId }),
  communes: () => api.get<Commune[]>('/api/communes'),
  outbox: (status?: string, offset = 0) => api.get<OutboxList>('/api/outbox', { status, limit: 50, offset }),
  retryMessage: (id: string) => api.post(`/api/outbox/${enc(id)}/retry`),
  optOuts: (q?: string, offset = 0) => api.get<OptOutList>('/api/opt-outs', { q, limit: 50, offset }),
  auditLog: (filters: AuditFilters, offset: number, limit: number) => api.get<AuditLogPage>('/api/audit', { ...filters, limit, offset }),
  verifyAudit: () => api.post<AuditVerification>('/api/audit/verification'),
  stock: (campaignId?: string) => api.get<Stock>('/api/stock', { campaignId }),
  createBatch: (body: { campaignId: string; communeInsee: string; count: number }) => api.post<PrintBatch>('/api/print-batches', body),
  batchPdfUrl: (id: string) => `/api/print-batches/${enc(id)}/pdf`,
  batchManifestUrl: (id: string) => `/api/print-batches/${enc(id)}/manifest.csv`,
  block: (what: 'ticket' | 'booklet', ref: string, reason: string, op: 'block' | 'unblock') =>
    api.post<BlockResult>(`/api/${what === 'ticket' ? 'tickets' : 'booklets'}/${enc(ref)}/${op}`, { reason }),
};
