// The structure manager's screens: profile, sites, sessions, staff and API tokens, bank details,
// claims and ledger. Types come from the shared Zod contracts (type-only imports).
import type { z } from 'zod';
import type { ApiToken as ApiTokenSchema, CreatedApiToken as CreatedApiTokenSchema, PasswordLink as PasswordLinkSchema, User as UserSchema } from '../../../src/contracts/access.ts';
import type {
  AssemblyResult as AssemblyResultSchema,
  BankDetails as BankDetailsSchema,
  Claim as ClaimSchema,
  ClaimSummary as ClaimSummarySchema,
  Ledger as LedgerSchema,
} from '../../../src/contracts/reimbursement.ts';
import type {
  Accreditation as AccreditationSchema,
  Site as SiteSchema,
  SiteBody,
  SitePatch,
  StructureDetails as StructureDetailsSchema,
  StructurePatch,
} from '../../../src/contracts/structures.ts';
import type { SessionBody, TrainingSession as TrainingSessionSchema } from '../../../src/contracts/training-sessions.ts';
import { api } from './client.ts';

export type StructureDetails = z.infer<typeof StructureDetailsSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type SiteInput = z.input<typeof SiteBody>;
export type Accreditation = z.infer<typeof AccreditationSchema>;
export type TrainingSession = z.infer<typeof TrainingSessionSchema>;
export type SessionInput = z.input<typeof SessionBody>;
export type User = z.infer<typeof UserSchema>;
export type PasswordLink = z.infer<typeof PasswordLinkSchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
export type BankDetails = z.infer<typeof BankDetailsSchema>;
export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimLine = Claim['lines'][number];
export type Ledger = z.infer<typeof LedgerSchema>;
export type AssemblyResult = z.infer<typeof AssemblyResultSchema>;

const enc = encodeURIComponent;
const s = (id: string) => `/api/structures/${enc(id)}`;

export const structureApi = {
  details: (id: string) => api.get<StructureDetails>(s(id)),
  update: (id: string, patch: z.input<typeof StructurePatch>) => api.patch<StructureDetails>(s(id), patch),
  accreditations: (id: string) => api.get<Accreditation[]>(`${s(id)}/accreditations`),
  apply: (id: string, campaignId: string) => api.post<Accreditation>(`${s(id)}/accreditations`, { campaignId }),
  sites: (id: string) => api.get<Site[]>(`${s(id)}/sites`),
  addSite: (id: string, body: SiteInput) => api.post<Site>(`${s(id)}/sites`, body),
  updateSite: (id: string, siteId: string, patch: z.input<typeof SitePatch>) => api.patch<Site>(`${s(id)}/sites/${enc(siteId)}`, patch),
  deleteSite: (id: string, siteId: string) => api.delete(`${s(id)}/sites/${enc(siteId)}`),
  sessions: (structureId: string, from?: string) => api.get<TrainingSession[]>('/api/training-sessions', { structureId, from }),
  createSession: (body: SessionInput) => api.post<{ id: string }>('/api/training-sessions', body),
  cancelBooking: (bookingId: string) => api.delete<{ id: string; cancelled: boolean }>(`/api/bookings/${enc(bookingId)}`),
  users: () => api.get<User[]>('/api/users'),
  createUser: (body: { email: string; displayName: string; role: string; structureId?: string | null; organisationId?: string | null }) => api.post<User>('/api/users', body),
  passwordLink: (userId: string) => api.post<PasswordLink>(`/api/users/${enc(userId)}/password-link`),
  disableUser: (userId: string) => api.post(`/api/users/${enc(userId)}/disable`),
  enableUser: (userId: string) => api.post(`/api/users/${enc(userId)}/enable`),
  changeRole: (userId: string, role: string) => api.post<User>(`/api/users/${enc(userId)}/role`, { role }),
  tokens: () => api.get<ApiToken[]>('/api/api-tokens'),
  createToken: (body: { name: string; structureId?: string | null; organisationId?: string | null; validityDays?: number }) => api.post<CreatedApiToken>('/api/api-tokens', body),
  revokeToken: (id: string) => api.delete(`/api/api-tokens/${enc(id)}`),
  bank: (id: string) => api.get<BankDetails>(`${s(id)}/bank-details`),
  setBank: (id: string, body: { iban: string; bic: string | null; accountHolder: string; rib: { filename: string; contentBase64: string } }) =>
    api.put<BankDetails>(`${s(id)}/bank-details`, body),
  ribUrl: (id: string) => `${s(id)}/bank-details/rib`,
  claims: (query: { structureId?: string; campaignId?: string; status?: string } = {}) => api.get<ClaimSummary[]>('/api/claims', query),
  claim: (id: string) => api.get<Claim>(`/api/claims/${enc(id)}`),
  assemble: (structureId?: string) => api.post<AssemblyResult>('/api/claims/assemble', structureId ? { structureId } : {}),
  submit: (id: string) => api.post<Claim>(`/api/claims/${enc(id)}/submit`, { attestation: true }),
  withdrawLine: (id: string, lineId: string) => api.delete<Claim>(`/api/claims/${enc(id)}/lines/${enc(lineId)}`),
  contest: (id: string, lineId: string, note: string) => api.post<Claim>(`/api/claims/${enc(id)}/lines/${enc(lineId)}/contest`, { note }),
  ledger: (query: { structureId?: string; campaignId?: string } = {}) => api.get<Ledger>('/api/ledger', query),
  statementPdfUrl: (orderId: string, statementId: string) => `/api/payment-orders/${enc(orderId)}/statements/${enc(statementId)}.pdf`,
};
