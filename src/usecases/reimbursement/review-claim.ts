import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { appendAudit, type AuditEntry } from '../../repositories/audit.ts';
import { approveRemainingLines, rejectLines, releaseClaimedTickets, transitionClaim } from '../../repositories/claims.ts';
import { inTransaction } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { claimView, loadClaimFor } from './claim-view.ts';
import { withStats } from '../../repositories/stats.ts';

export interface ReviewInput {
  claimId: string;
  rejections: { lineId: string; reason: string }[];
}

/**
 * The finance officer approves a submitted claim, rejecting some lines with a reason. Once only:
 * the claim moves submitted → reviewed by a conditional update. Rejected lines give their ticket
 * back to the structure ("redeemed"), which may then undo the redemption or contest the rejection.
 */
export async function reviewClaim(deps: Deps, actor: Actor, input: ReviewInput) {
  requireRole(actor, 'finance');
  const claim = await loadClaimFor(deps.db, actor, input.claimId);
  const rejections = input.rejections.map((r) => ({ lineId: r.lineId, reason: r.reason.replace(/\s+/g, ' ').trim() }));
  if (rejections.some((r) => r.reason.length < 3)) {
    throw new DomainError('validation_failed', 'Indiquez le motif de chaque rejet (quelques mots au moins).', { field: 'rejections' });
  }
  if (new Set(rejections.map((r) => r.lineId)).size !== rejections.length) {
    throw new DomainError('validation_failed', 'Une même ligne est rejetée deux fois.', { field: 'rejections' });
  }
  const now = deps.now();
  const at = now.toISOString();
  await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { claimIds: [claim.id] }, async () => {
    const moved = await transitionClaim(trx, claim.id, 'submitted', { status: 'reviewed', reviewed_at: at, reviewed_by: actor.id });
    if (!moved) {
      if (claim.status === 'draft') {
        throw new DomainError('invalid_transition', 'Cette demande n’a pas encore été transmise par la structure.', { status: claim.status });
      }
      throw new DomainError('already_reviewed', 'Cette demande a déjà été examinée : elle ne peut pas l’être une seconde fois.', {
        status: claim.status === 'submitted' ? 'reviewed' : claim.status,
      });
    }
    const rejectedTickets = await rejectLines(trx, claim.id, rejections.map((r) => ({ id: r.lineId, reason: r.reason })), at, actor.id);
    if (rejectedTickets.length !== rejections.length) {
      throw new DomainError('validation_failed', 'Une des lignes à rejeter n’appartient pas à cette demande.', { field: 'rejections' });
    }
    await releaseClaimedTickets(trx, rejectedTickets, at);
    const approved = await approveRemainingLines(trx, claim.id, at, actor.id);
    const base = { at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label };
    const entries: AuditEntry[] = [
      { ...base, action: 'claim.reviewed', targetType: 'claim', targetId: claim.id, details: { approvedLines: approved, rejections } },
      ...rejectedTickets.map((t) => ({
        ...base, action: 'ticket.claim_rejected', targetType: 'ticket', targetId: t, details: { claimId: claim.id, from: 'claimed', to: 'redeemed' },
      })),
    ];
    await appendAudit(trx, entries);
  }));
  return claimView(deps.db, claim.id);
}
