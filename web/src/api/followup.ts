// The follow-up diagnostic (issue #18): the agent from the person's page, the mediator when the
// last ticket is used. Types inferred from the shared contracts.
import type { z } from 'zod';
import type { DiagnosticResult } from '../../../src/contracts/diagnostics.ts';
import type { FollowupForm as FollowupFormSchema, RedemptionFollowup as RedemptionFollowupSchema } from '../../../src/contracts/followups.ts';
import { api } from './client.ts';

export type FollowupForm = z.infer<typeof FollowupFormSchema>;
export type RedemptionFollowup = z.infer<typeof RedemptionFollowupSchema>;
export type FollowupResult = z.infer<typeof DiagnosticResult>;

export const followupApi = {
  form: (beneficiaryId: string) => api.get<FollowupForm>(`/api/beneficiaries/${encodeURIComponent(beneficiaryId)}/followup`),
  record: (beneficiaryId: string, body: { version: string; answers: Record<string, string>; needs: string[]; needOutcomes: Record<string, string> }) =>
    api.post<FollowupResult>(`/api/beneficiaries/${encodeURIComponent(beneficiaryId)}/diagnostics`, { ...body, kind: 'followup' }),
  afterRedemption: (redemptionId: string) => api.get<RedemptionFollowup>(`/api/redemptions/${encodeURIComponent(redemptionId)}/followup`),
};

/** The follow-up screen of a person (agents and the structures that trained them). */
export const followupPath = (beneficiaryId: string) => `/suivi/${encodeURIComponent(beneficiaryId)}`;
