// The finance officer's screens: claims review, bank details verification, payment orders and
// their files, ledgers. Types from the shared Zod contracts (type-only imports).
import type { z } from 'zod';
import type {
  CampaignLedger as CampaignLedgerSchema,
  PaymentOrder as PaymentOrderSchema,
  PaymentOrderSummary as PaymentOrderSummarySchema,
  PaymentSettings as PaymentSettingsSchema,
  PendingBank as PendingBankSchema,
} from '../../../src/contracts/reimbursement.ts';
import { api } from './client.ts';
import type { BankDetails, Claim, ClaimSummary, Ledger } from './structure.ts';

export type PendingBank = z.infer<typeof PendingBankSchema>;
export type PaymentOrder = z.infer<typeof PaymentOrderSchema>;
export type PaymentOrderSummary = z.infer<typeof PaymentOrderSummarySchema>;
export type CampaignLedger = z.infer<typeof CampaignLedgerSchema>;
export type PaymentSettings = z.infer<typeof PaymentSettingsSchema>;
export type PaymentMode = PaymentSettings['mode'];

const enc = encodeURIComponent;
const order = (id: string) => `/api/payment-orders/${enc(id)}`;

export const financeApi = {
  claims: (query: { status?: string; campaignId?: string; structureId?: string } = {}) => api.get<ClaimSummary[]>('/api/claims', query),
  claim: (id: string) => api.get<Claim>(`/api/claims/${enc(id)}`),
  review: (id: string, rejections: { lineId: string; reason: string }[]) => api.post<Claim>(`/api/claims/${enc(id)}/review`, { rejections }),
  pendingBanks: () => api.get<PendingBank[]>('/api/bank-details/pending'),
  bank: (structureId: string) => api.get<BankDetails>(`/api/structures/${enc(structureId)}/bank-details`),
  verifyBank: (structureId: string, body: { iban: string; bic: string | null; accountHolder: string }) =>
    api.post<BankDetails>(`/api/structures/${enc(structureId)}/bank-details/verify`, body),
  ribUrl: (structureId: string) => `/api/structures/${enc(structureId)}/bank-details/rib`,
  releaseOrder: (id: string) => api.post<PaymentOrder>(`/api/payment-orders/${enc(id)}/release`),
  orders: () => api.get<PaymentOrderSummary[]>('/api/payment-orders'),
  order: (id: string) => api.get<PaymentOrder>(order(id)),
  createOrder: (claimIds: string[], executionDate?: string) => api.post<PaymentOrder>('/api/payment-orders', { claimIds, executionDate }),
  markPaid: (id: string, paymentDate: string, reference: string) => api.post<PaymentOrder>(`${order(id)}/paid`, { paymentDate, reference }),
  importConfirmations: (id: string, csv: string) => api.post<{ imported: number; order: PaymentOrder }>(`${order(id)}/confirmations`, { csv }),
  ledger: (query: { structureId?: string; campaignId?: string } = {}) => api.get<Ledger>('/api/ledger', query),
  campaignLedger: () => api.get<CampaignLedger>('/api/ledger/campaigns'),
  statementPdfUrl: (orderId: string, statementId: string) => `${order(orderId)}/statements/${enc(statementId)}.pdf`,
  accountingCsvUrl: (orderId: string) => `${order(orderId)}/accounting.csv`,
  sepaUrl: (orderId: string) => `${order(orderId)}/sepa.xml`,
  mandatsCsvUrl: (orderId: string) => `${order(orderId)}/mandats.csv`,
  paymentSettings: () => api.get<PaymentSettings>('/api/payment-settings'),
  setPaymentMode: (mode: PaymentMode) => api.put<PaymentSettings>('/api/payment-settings', { mode }),
  finalReportUrl: (campaignId: string, kind: 'pdf' | 'csv') => `/api/campaigns/${enc(campaignId)}/final-report.${kind}`,
};
