import type { Actor } from '../../domain/actor.ts';
import { appendAudit } from '../../repositories/audit.ts';
import type { Tx } from '../../repositories/tx.ts';

/** Audit entry for an action by an actor, written in the caller's transaction. */
export function audit(
  trx: Tx,
  actor: Actor | null,
  at: Date,
  action: string,
  target: { type: string; id: string },
  details?: Record<string, unknown>,
  territoryId?: string,
): Promise<void> {
  return appendAudit(trx, {
    at: at.toISOString(),
    territoryId: territoryId ?? actor?.territoryId ?? null,
    actorId: actor?.id ?? null,
    actorLabel: actor?.label ?? 'système',
    action,
    targetType: target.type,
    targetId: target.id,
    details,
  });
}
