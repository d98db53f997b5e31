import type { z } from 'zod';
import type { ProConnectAccount, ProConnectLogout, ProConnectRefusalDto, ProConnectStatus } from '../../../src/contracts/proconnect.ts';
import { api } from './client.ts';

export type ProConnectRefusal = ProConnectRefusalDto;
export type ProConnectAccountDto = z.infer<typeof ProConnectAccount>;

export const proconnectApi = {
  status: () => api.get<z.infer<typeof ProConnectStatus>>('/api/proconnect'),
  refusal: () => api.get<ProConnectRefusal>('/api/proconnect/refus', undefined, { quiet401: true }),
  signOut: () => api.post<z.infer<typeof ProConnectLogout>>('/api/proconnect/deconnexion'),
  account: () => api.get<ProConnectAccountDto>('/api/me/proconnect'),
  setRefusesPassword: (refusesPassword: boolean) => api.put<ProConnectAccountDto>('/api/me/proconnect', { refusesPassword }),
};

/** Where the ProConnect button leads: passnum's start of the flow (a redirection to ProConnect). */
export const PROCONNECT_START = '/auth/proconnect/connexion';
