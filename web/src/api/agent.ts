// The agent's desk (issue #3 API): beneficiaries, diagnostic, eligibility, orientation,
// booklets. Types are inferred from the shared Zod contracts (type-only imports: no zod in the
// bundle for these).
import type { z } from 'zod';
import type {
  BeneficiaryBody,
  BeneficiaryCreated,
  ContactBody,
  BeneficiaryDetails as BeneficiaryDetailsSchema,
  BeneficiaryList,
  BeneficiaryListItem,
  BookletSummary as BookletSummarySchema,
  EligibilityCheck as EligibilityCheckSchema,
  ExistingBooklet as ExistingBookletSchema,
  Orientation as OrientationSchema,
  TrainingSession as TrainingSessionSchema,
} from '../../../src/contracts/beneficiaries.ts';
import type { ActivatedBooklet, IssuedBooklet as IssuedBookletSchema, ReplaceResult as ReplaceResultSchema } from '../../../src/contracts/booklets.ts';
import type {
  ErasureResult, PersonalDataRequest as PersonalDataRequestSchema, PersonalDataRequestList as PersonalDataRequestListSchema, RecordPersonalDataRequestBody,
} from '../../../src/contracts/personal-data.ts';
import type { CampaignDto } from '../../../src/contracts/campaigns.ts';
import type { DiagnosticModelDto, DiagnosticResult as DiagnosticResultSchema } from '../../../src/contracts/diagnostics.ts';
import type { Commune as CommuneSchema } from '../../../src/contracts/session.ts';
import type { BookingResult } from '../../../src/contracts/training-sessions.ts';
import { api } from './client.ts';

export type Commune = z.infer<typeof CommuneSchema>;
export type PersonalDataRequest = z.infer<typeof PersonalDataRequestSchema>;
export type PersonalDataRequestList = z.infer<typeof PersonalDataRequestListSchema>;
export type NewPersonalDataRequest = z.input<typeof RecordPersonalDataRequestBody>;
export type OpenCampaign = CampaignDto;
export type DiagnosticModel = z.infer<typeof DiagnosticModelDto>;
export type BeneficiaryInput = z.input<typeof BeneficiaryBody>;
export type ExistingBooklet = z.infer<typeof ExistingBookletSchema>;
export type BeneficiarySummary = z.infer<typeof BeneficiaryListItem>;
export type BookletSummary = z.infer<typeof BookletSummarySchema>;
export type BeneficiaryDetails = z.infer<typeof BeneficiaryDetailsSchema>;
export type EligibilityCheck = z.infer<typeof EligibilityCheckSchema>;
export type DiagnosticResult = z.infer<typeof DiagnosticResultSchema>;
export type Orientation = z.infer<typeof OrientationSchema>;
export type SuggestedPlace = Orientation['places'][number];
export type TrainingSession = z.infer<typeof TrainingSessionSchema>;
export type ContactChange = z.input<typeof ContactBody>;
export type ReplaceResult = z.infer<typeof ReplaceResultSchema>;
export type PersonBooklet = BeneficiaryDetails['booklets'][number];

/** A booklet just handed out: printed on demand (with codes) or activated from stock. */
export type IssuedBooklet = z.infer<typeof IssuedBookletSchema>['booklet'] | z.infer<typeof ActivatedBooklet>['booklet'];

export const agentApi = {
  communes: () => api.get<Commune[]>('/api/communes'),
  openCampaigns: () => api.get<OpenCampaign[]>('/api/campaigns', { status: 'open' }),
  model: () => api.get<DiagnosticModel>('/api/diagnostic-models/current'),
  /** A given version (a person diagnosed with v1 is diagnosed again with v1, to stay comparable). */
  modelVersion: (version: string) => api.get<DiagnosticModel>(`/api/diagnostic-models/${encodeURIComponent(version)}`),
  search: (q: string, birthDate?: string) => api.get<z.infer<typeof BeneficiaryList>>('/api/beneficiaries', { q, birthDate, pageSize: 50 }).then((r) => r.items),
  list: (page = 1) => api.get<z.infer<typeof BeneficiaryList>>('/api/beneficiaries', { page, pageSize: 100 }),
  get: (id: string) => api.get<BeneficiaryDetails>(`/api/beneficiaries/${encodeURIComponent(id)}`),
  register: (body: BeneficiaryInput) => api.post<z.infer<typeof BeneficiaryCreated>>('/api/beneficiaries', body),
  diagnose: (id: string, body: { version: string; answers: Record<string, string>; needs: string[] }) => api.post<DiagnosticResult>(`/api/beneficiaries/${encodeURIComponent(id)}/diagnostics`, body),
  /** specificSupport: language, reading, sensory needs for this search only (never stored). */
  orientation: (id: string, campaignId: string | null, specificSupport: string[] = []) =>
    api.get<Orientation>(`/api/beneficiaries/${encodeURIComponent(id)}/orientation`, { campaignId, specificSupport }),
  book: (sessionId: string, beneficiaryId: string) => api.post<z.infer<typeof BookingResult>>(`/api/training-sessions/${encodeURIComponent(sessionId)}/bookings`, { beneficiaryId }),
  issue: (body: { beneficiaryId: string; campaignId: string; override?: { reason: string } }) => api.post<z.infer<typeof IssuedBookletSchema>>('/api/booklets', body),
  activate: (body: { beneficiaryId: string; serial: string; override?: { reason: string } }) => api.post<z.infer<typeof ActivatedBooklet>>('/api/booklets/activations', body),
  changeContact: (id: string, body: ContactChange) => api.put<BeneficiaryDetails>(`/api/beneficiaries/${encodeURIComponent(id)}/contact`, body),
  replace: (bookletId: string, body: { reason: string; replace: boolean }) => api.post<ReplaceResult>(`/api/booklets/${encodeURIComponent(bookletId)}/replacement`, body),
  erase: (id: string, reason: string) => api.post<z.infer<typeof ErasureResult>>(`/api/beneficiaries/${encodeURIComponent(id)}/erasure`, { reason }),
  // The register of personal-data requests (the agent's organisation; the admin's territory).
  personalDataRequests: (q: { beneficiaryId?: string; status?: 'open' | 'all' } = {}) =>
    api.get<PersonalDataRequestList>(`/api/personal-data-requests?${new URLSearchParams(q as Record<string, string>).toString()}`),
  recordPersonalDataRequest: (body: NewPersonalDataRequest) => api.post<PersonalDataRequest>('/api/personal-data-requests', body),
  extendPersonalDataRequest: (id: string, reason: string) => api.post<PersonalDataRequest>(`/api/personal-data-requests/${encodeURIComponent(id)}/extend`, { reason }),
  closePersonalDataRequest: (id: string, outcome: 'answered' | 'refused', note?: string) =>
    api.post<PersonalDataRequest>(`/api/personal-data-requests/${encodeURIComponent(id)}/close`, { outcome, note: note || null }),
  personalDataPdfUrl: (id: string) => `/api/beneficiaries/${encodeURIComponent(id)}/personal-data.pdf`,
  pdfUrl: (bookletId: string) => `/api/booklets/${encodeURIComponent(bookletId)}/pdf`,
};
