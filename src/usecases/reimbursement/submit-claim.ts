import { requireRole, type Actor } from '../../domain/actor.ts';
import { ATTESTATION_TEXT, requireBeforeClaimDeadline } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { countLines, transitionClaim } from '../../repositories/claims.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { claimView, loadClaimFor } from './claim-view.ts';
import { withStats } from '../../repositories/stats.ts';

export function claimLocked(status: string): DomainError {
  return new DomainError(
    'claim_locked',
    status === 'draft'
      ? 'Cette demande est encore en préparation.'
      : 'Cette demande a déjà été transmise au service financier : elle ne peut plus être modifiée.',
    { status },
  );
}

/** The structure manager submits a draft claim with the attestation; the claim is then locked. */
export async function submitClaim(deps: Deps, actor: Actor, input: { claimId: string; attestation: boolean }) {
  requireRole(actor, 'structure_manager');
  const claim = await loadClaimFor(deps.db, actor, input.claimId);
  if (input.attestation !== true) {
    throw new DomainError('validation_failed', 'Cochez l’attestation sur l’honneur pour transmettre la demande.', { field: 'attestation' });
  }
  const now = deps.now();
  requireBeforeClaimDeadline(now, { name: claim.campaign_name, claim_deadline: claim.claim_deadline });
  await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { claimIds: [claim.id] }, async () => {
    if ((await countLines(trx, claim.id, 'pending')) === 0) {
      throw new DomainError('validation_failed', 'Cette demande ne contient aucun ticket : il n’y a rien à transmettre.', { field: 'lines' });
    }
    const moved = await transitionClaim(trx, claim.id, 'draft', {
      status: 'submitted', attestation: ATTESTATION_TEXT, submitted_at: now.toISOString(), submitted_by: actor.id,
    });
    if (!moved) throw claimLocked(claim.status === 'draft' ? 'submitted' : claim.status);
    await audit(trx, actor, now, 'claim.submitted', { type: 'claim', id: claim.id }, { attestation: ATTESTATION_TEXT });
  }));
  return claimView(deps.db, claim.id);
}
