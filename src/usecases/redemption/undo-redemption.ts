import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { TRANSITIONS } from '../../domain/ticket.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { findRedemptionLines, findRedemptionRequest, markRedemptionsUndone, unredeemTicketsIfUnclaimed } from '../../repositories/redemptions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { loadRedemptionViews, type RedemptionView } from '../support/redemption-view.ts';
import { withStats } from '../../repositories/stats.ts';

export interface UndoInput { redemptionId: string; reason: string; ticketSerials?: string[] }

class NotAllUndone extends Error {}

const ALREADY_CLAIMED = 'Ce ticket fait déjà partie d’une demande de remboursement, ou son remboursement a été rejeté (contestez alors le rejet) : son utilisation ne peut plus être annulée.';

/**
 * Undoes a mistaken redemption of the actor's structure, with a reason, until it is part of a
 * claim (issue #4, item 6). Tickets go back to "issued"; the redemption record is kept with its undo.
 */
export async function undoRedemption(deps: Deps, actor: Actor, input: UndoInput): Promise<RedemptionView> {
  requireRole(actor, 'mediator', 'structure_manager', 'structure_token');
  const structureId = requireStructure(actor);
  const reason = input.reason.trim();
  if (reason.length < 3) throw invalid('reason', 'Indiquez en quelques mots pourquoi vous annulez cette utilisation.');
  const req = await findRedemptionRequest(deps.db, input.redemptionId);
  if (!req || req.structure_id !== structureId) {
    throw new DomainError('not_found', 'Cette utilisation de ticket est introuvable pour votre structure.');
  }
  const lines = await findRedemptionLines(deps.db, [req.id]);
  const unknown = input.ticketSerials?.find((s) => !lines.some((l) => l.serial === s));
  if (unknown) throw invalid('ticketSerials', `Le ticket ${unknown} ne fait pas partie de cette utilisation.`);
  const targets = lines.filter((l) => !l.undone_at && (!input.ticketSerials || input.ticketSerials.includes(l.serial)));
  if (targets.length === 0) throw new DomainError('invalid_transition', 'Cette utilisation a déjà été annulée.');
  if (targets.some((l) => l.in_claim || l.status === 'claimed' || l.status === 'paid')) {
    throw new DomainError('already_claimed', ALREADY_CLAIMED, { redemptionId: req.id });
  }

  const now = deps.now();
  const at = now.toISOString();
  const moved = await inTransaction(deps.db, async (trx) => {
    const subjects = { holdersOf: { ticketIds: targets.map((l) => l.ticket_id) }, requestIds: [req.id], ticketStatusOnly: true };
    return withStats(trx, deps.dialect, subjects, async () => {
    const ids = await unredeemTicketsIfUnclaimed(trx, {
      ticketIds: targets.map((l) => l.ticket_id),
      structureId,
      from: TRANSITIONS.undo.from,
      to: TRANSITIONS.undo.to,
      at,
    });
    if (ids.length < targets.length) throw new NotAllUndone();
    await markRedemptionsUndone(trx, { ticketIds: ids, requestId: req.id, at, by: actor.id, reason });
    await appendAudit(
      trx,
      targets.map((l) => ({
        at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label,
        action: 'ticket.redemption_undone', targetType: 'ticket', targetId: l.ticket_id,
        details: { serial: l.serial, redemptionId: req.id, reason },
      })),
    );
    return ids;
  });
  }).catch((error: unknown) => {
    if (error instanceof NotAllUndone) return null; // rolled back: all or nothing
    throw error;
  });
  if (!moved) {
    // A claim (or a block) took the ticket between our read and the conditional update.
    const now2 = await findRedemptionLines(deps.db, [req.id]);
    if (now2.some((l) => l.in_claim || l.status === 'claimed' || l.status === 'paid')) {
      throw new DomainError('already_claimed', ALREADY_CLAIMED, { redemptionId: req.id });
    }
    throw new DomainError('invalid_transition', 'Ce ticket a changé d’état (bloqué ou déjà annulé) : son utilisation ne peut pas être annulée.');
  }
  const [view] = await loadRedemptionViews(deps, [req]);
  return view;
}
