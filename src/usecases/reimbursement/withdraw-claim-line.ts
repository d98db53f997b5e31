import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { releaseClaimedTickets, withdrawDraftLine } from '../../repositories/claims.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { claimView, loadClaimFor } from './claim-view.ts';
import { claimLocked } from './submit-claim.ts';

/**
 * Before submitting, the manager may take a line out of the draft (e.g. a mistaken redemption):
 * the ticket goes back to "redeemed" and the redemption can then be undone.
 */
export async function withdrawClaimLine(deps: Deps, actor: Actor, input: { claimId: string; lineId: string }) {
  requireRole(actor, 'structure_manager');
  const claim = await loadClaimFor(deps.db, actor, input.claimId);
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const ticketId = await withdrawDraftLine(trx, claim.id, input.lineId, now.toISOString());
    if (!ticketId) {
      if (claim.status !== 'draft') throw claimLocked(claim.status);
      throw new DomainError('not_found', 'Cette ligne n’existe pas dans la demande, ou elle en a déjà été retirée.');
    }
    await releaseClaimedTickets(trx, [ticketId], now.toISOString());
    await audit(trx, actor, now, 'claim.line_withdrawn', { type: 'claim', id: claim.id }, { lineId: input.lineId, ticketId });
    await audit(trx, actor, now, 'ticket.unclaimed', { type: 'ticket', id: ticketId }, { claimId: claim.id, from: 'claimed', to: 'redeemed' });
  });
  return claimView(deps.db, claim.id);
}
