import type { Actor } from '../../domain/actor.ts';
import { requireRole } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { dropUnsent } from '../../repositories/outbox.ts';
import { findContactState, recordOptOut } from '../../repositories/personal-data.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

/** A beneficiary of the actor's scope (admin: territory; agent: their organisation), or not found. */
export async function beneficiaryInScope(deps: Deps, actor: Actor, beneficiaryId: string) {
  const b = await findContactState(deps.db, beneficiaryId);
  if (!b || b.territory_id !== actor.territoryId || (actor.role === 'agent' && b.organisation_id !== actor.organisationId)) {
    throw new DomainError('not_found', 'Cette personne est introuvable.');
  }
  return b;
}

/**
 * "Je ne veux plus de rappels": recorded once with its date, and the messages not yet sent to the
 * person are dropped. Recorded by the agent or admin who heard it (by phone, at the desk, by mail).
 */
export async function recordBeneficiaryOptOut(deps: Deps, actor: Actor, beneficiaryId: string) {
  requireRole(actor, 'admin', 'agent');
  await beneficiaryInScope(deps, actor, beneficiaryId);
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const recorded = await recordOptOut(trx, beneficiaryId, now.toISOString());
    const dropped = await dropUnsent(trx, beneficiaryId, 'La personne ne souhaite plus recevoir de rappels.');
    if (recorded) await audit(trx, actor, now, 'beneficiary.opted_out', { type: 'beneficiary', id: beneficiaryId }, { droppedMessages: dropped });
    const state = await findContactState(trx, beneficiaryId);
    return { beneficiaryId, optedOutAt: state!.opted_out_at!, droppedMessages: dropped, alreadyRecorded: !recorded };
  });
}
