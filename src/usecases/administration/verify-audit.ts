import { parseCheckpointLine } from '../../domain/audit-checkpoint.ts';
import { DomainError } from '../../domain/errors.ts';
import { verifyAuditChain } from '../../repositories/audit.ts';
import type { Deps } from '../support/deps.ts';

/**
 * Verifies the chain, the head's seal and every stored checkpoint; `checkpointText` is a line
 * printed on a statement or a monthly summary, checked too (the copy outside the system is what
 * catches a chain cut short together with its stored checkpoints).
 */
export function verifyAudit(deps: Deps, opts: { checkpointText?: string } = {}) {
  let checkpoint;
  if (opts.checkpointText !== undefined) {
    const parsed = parseCheckpointLine(opts.checkpointText);
    if (!parsed) {
      throw new DomainError('validation_failed', 'Ce texte n’est pas un point de contrôle du journal (attendu : « Point de contrôle du journal : n° …, empreinte …-…, le JJ/MM/AAAA à HH:MM:SS UTC »).', { field: 'checkpoint' });
    }
    checkpoint = { ...parsed, source: 'point de contrôle fourni' };
  }
  return verifyAuditChain(deps.db, { checkpoint });
}
