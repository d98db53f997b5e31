import { verifyAuditChain } from '../repositories/audit.ts';
import type { Deps } from './support/deps.ts';

export function verifyAudit(deps: Deps) {
  return verifyAuditChain(deps.db);
}
