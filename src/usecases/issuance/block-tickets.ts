import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { normaliseBookletSerial } from '../../domain/serials.ts';
import { BLOCKABLE, STATUS_LABELS, type TicketStatus } from '../../domain/ticket.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { blockTicketsIn, findBookletByRef, findTicketBySerial, ticketsOfBooklet, unblockTicketsIn } from '../../repositories/ticket-blocks.ts';
import { inTransaction } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { withStats } from '../../repositories/stats.ts';

export type BlockTarget = { ticketSerial: string } | { booklet: string };
export interface BlockResult { changed: { serial: string; status: TicketStatus }[]; unchanged: { serial: string; status: TicketStatus }[] }

/**
 * An admin blocks a ticket or every blockable ticket of a booklet on suspected fraud (issue #4,
 * item 7): a blocked ticket is refused everywhere and left out of claims until unblocked, when it
 * returns to the state it was blocked from.
 */
export function blockTickets(deps: Deps, actor: Actor, target: BlockTarget, input: { reason: string }): Promise<BlockResult> {
  return changeBlock(deps, actor, target, input.reason, 'block');
}

export function unblockTickets(deps: Deps, actor: Actor, target: BlockTarget, input: { reason: string }): Promise<BlockResult> {
  return changeBlock(deps, actor, target, input.reason, 'unblock');
}

async function changeBlock(deps: Deps, actor: Actor, target: BlockTarget, rawReason: string, op: 'block' | 'unblock'): Promise<BlockResult> {
  requireRole(actor, 'admin');
  const reason = rawReason.trim();
  if (reason.length < 3) throw invalid('reason', op === 'block' ? 'Indiquez pourquoi vous bloquez.' : 'Indiquez pourquoi vous débloquez.');
  const tickets = await resolveTickets(deps, actor, target);
  const at = deps.now().toISOString();
  const changed = await inTransaction(deps.db, async (trx) => {
    return withStats(trx, deps.dialect, { holdersOf: { ticketIds: tickets.map((t) => t.id) }, ticketStatusOnly: true }, async () => {
    const ids = tickets.map((t) => t.id);
    const rows =
      op === 'block'
        ? (await blockTicketsIn(trx, { ticketIds: ids, from: BLOCKABLE, at })).map((r) => ({ ...r, status: 'blocked' as TicketStatus }))
        : await unblockTicketsIn(trx, { ticketIds: ids, at });
    await appendAudit(
      trx,
      rows.map((r) => ({
        at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label,
        action: op === 'block' ? 'ticket.blocked' : 'ticket.unblocked', targetType: 'ticket', targetId: r.id,
        details: { serial: r.serial, reason, ...('blocked_from' in r ? { blockedFrom: r.blocked_from } : { restoredTo: r.status }) },
      })),
    );
    return rows;
  });
  });
  if (changed.length === 0) {
    const single = 'ticketSerial' in target ? tickets[0] : null;
    const message = single
      ? op === 'block'
        ? single.status === 'blocked'
          ? 'Ce ticket est déjà bloqué.'
          : `Un ticket dans l’état « ${STATUS_LABELS[single.status]} » ne peut pas être bloqué.`
        : 'Ce ticket n’est pas bloqué.'
      : op === 'block'
        ? 'Aucun ticket de ce carnet ne peut être bloqué (déjà bloqués, utilisés et remboursés, annulés ou expirés).'
        : 'Aucun ticket de ce carnet n’est bloqué.';
    throw new DomainError('invalid_transition', message);
  }
  const changedIds = new Set(changed.map((c) => c.id));
  return {
    changed: changed.map((c) => ({ serial: c.serial, status: c.status })),
    unchanged: tickets.filter((t) => !changedIds.has(t.id)).map((t) => ({ serial: t.serial, status: t.status })),
  };
}

async function resolveTickets(deps: Deps, actor: Actor, target: BlockTarget) {
  if ('ticketSerial' in target) {
    const t = await findTicketBySerial(deps.db, target.ticketSerial.trim());
    if (!t || t.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Aucun ticket ne porte ce numéro de série.');
    return [t];
  }
  const serial = normaliseBookletSerial(target.booklet);
  const booklet = (serial && (await findBookletByRef(deps.db, { serial }))) || (await findBookletByRef(deps.db, { id: target.booklet }));
  if (!booklet || booklet.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Aucun carnet ne correspond à ce numéro.');
  return ticketsOfBooklet(deps.db, booklet.id);
}
