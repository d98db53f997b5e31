import { requireRole, type Actor } from '../../domain/actor.ts';
import { requireBeforeClaimDeadline } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { contestLine, ensureDraftClaim, insertClaimLines, reclaimTicket } from '../../repositories/claims.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { claimView, loadClaimFor } from './claim-view.ts';
import { withStats } from '../../repositories/stats.ts';

/**
 * The structure contests a rejected line with a note: the ticket goes back into the draft claim of
 * the same month (a new pending line carrying the note), to be submitted and reviewed again.
 */
export async function contestClaimLine(deps: Deps, actor: Actor, input: { claimId: string; lineId: string; note: string }) {
  requireRole(actor, 'structure_manager');
  const claim = await loadClaimFor(deps.db, actor, input.claimId);
  const note = input.note.replace(/\s+/g, ' ').trim();
  if (note.length < 5) throw new DomainError('validation_failed', 'Expliquez en quelques mots pourquoi vous contestez ce rejet.', { field: 'note' });
  const now = deps.now();
  const at = now.toISOString();
  requireBeforeClaimDeadline(now, { name: claim.campaign_name, claim_deadline: claim.claim_deadline });
  const draftId = await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { claimIds: [claim.id] }, async () => {
    const line = await contestLine(trx, claim.id, input.lineId, note, at);
    if (!line) {
      throw new DomainError('conflict', 'Seule une ligne rejetée, et pas encore contestée, peut être contestée.', { lineId: input.lineId });
    }
    const ok = await reclaimTicket(trx, { ticketId: line.ticket_id, structureId: claim.structure_id, redemptionId: line.redemption_id, now: at });
    if (!ok) {
      throw new DomainError('conflict', 'Ce ticket ne peut plus être redemandé : son utilisation a été annulée entre-temps.', { lineId: input.lineId });
    }
    const draft = await ensureDraftClaim(trx, { newId: deps.newId(), structureId: claim.structure_id, campaignId: claim.campaign_id, period: claim.period, now: at });
    await insertClaimLines(trx, [{
      id: deps.newId(), claim_id: draft.id, ticket_id: line.ticket_id, redemption_id: line.redemption_id, amount_cents: line.amount_cents,
      status: 'pending', reject_reason: null, contest_note: note, created_at: at,
    }]);
    await audit(trx, actor, now, 'claim.line_contested', { type: 'claim', id: claim.id }, { lineId: line.id, note, draftClaimId: draft.id });
    await audit(trx, actor, now, 'ticket.claimed', { type: 'ticket', id: line.ticket_id }, { claimId: draft.id, from: 'redeemed', to: 'claimed', contested: true });
    return draft.id;
  }));
  return claimView(deps.db, draftId);
}
