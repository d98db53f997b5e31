import type { z } from 'zod';
import type { SecurityLogLine as SecurityLogLineSchema } from '../../../src/contracts/access.ts';
import { api } from './client.ts';

export type SecurityLogLine = z.infer<typeof SecurityLogLineSchema>;

export const securityLogApi = {
  lines: (action?: string) => api.get<SecurityLogLine[]>('/api/security-log', { action, limit: 200 }),
};
