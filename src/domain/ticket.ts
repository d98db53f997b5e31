// The life of a ticket (docs/product.md "Rules that hold everywhere"): in stock → issued → redeemed →
// claimed → paid, with the exits cancelled, expired and blocked. No step is skipped. The table
// below is the single source of the allowed moves: the use cases apply it to the domain state,
// and the repositories turn it into the `WHERE status IN (...)` of their conditional updates, so
// what the database accepts is exactly what the domain allows.
import { isOnOrBeforeParisDay } from './paris-time.ts';

export type TicketStatus = 'in_stock' | 'issued' | 'redeemed' | 'claimed' | 'paid' | 'cancelled' | 'expired' | 'blocked';
/** The states a ticket may be blocked from (and returns to when unblocked). */
export type BlockableStatus = 'in_stock' | 'issued' | 'redeemed';

export type InStockTicket = { status: 'in_stock' };
export type IssuedTicket = { status: 'issued' };
export type RedeemedTicket = { status: 'redeemed'; structureId: string; redeemedAt: string };
export type ClaimedTicket = { status: 'claimed'; structureId: string; redeemedAt: string };
export type PaidTicket = { status: 'paid'; structureId: string; redeemedAt: string };
export type CancelledTicket = { status: 'cancelled' };
export type ExpiredTicket = { status: 'expired' };
export type BlockedTicket = { status: 'blocked'; blockedFrom: BlockableStatus; structureId: string | null; redeemedAt: string | null };

export type TicketState =
  | InStockTicket
  | IssuedTicket
  | RedeemedTicket
  | ClaimedTicket
  | PaidTicket
  | CancelledTicket
  | ExpiredTicket
  | BlockedTicket;

export type TicketEventType = 'issue' | 'redeem' | 'undo' | 'claim' | 'unclaim' | 'pay' | 'cancel' | 'expire' | 'block' | 'unblock';

/** From which statuses each event may start. `unblock` returns to the remembered status. */
export const TRANSITIONS: Record<Exclude<TicketEventType, 'unblock'>, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  issue: { from: ['in_stock'], to: 'issued' },
  redeem: { from: ['issued'], to: 'redeemed' },
  undo: { from: ['redeemed'], to: 'issued' },
  claim: { from: ['redeemed'], to: 'claimed' },
  unclaim: { from: ['claimed'], to: 'redeemed' },
  pay: { from: ['claimed'], to: 'paid' },
  cancel: { from: ['in_stock', 'issued'], to: 'cancelled' },
  expire: { from: ['issued'], to: 'expired' },
  block: { from: ['in_stock', 'issued', 'redeemed'], to: 'blocked' },
};
export const BLOCKABLE: readonly BlockableStatus[] = ['in_stock', 'issued', 'redeemed'];

/** Statuses in which a ticket has been used by a structure (a live redemption exists). */
export const USED_STATUSES: readonly TicketStatus[] = ['redeemed', 'claimed', 'paid'];

export type TicketEvent =
  | { type: 'issue' }
  | { type: 'redeem'; structureId: string; at: Date }
  | { type: 'undo' }
  | { type: 'claim' }
  | { type: 'unclaim' }
  | { type: 'pay' }
  | { type: 'cancel' }
  | { type: 'expire'; at: Date }
  | { type: 'block' }
  | { type: 'unblock' };

export interface Ticket { validUntil: string; state: TicketState }

export type TransitionResult = { ok: true; state: TicketState } | { ok: false; reason: 'invalid_transition' | 'not_yet_expired' | RedemptionRefusalCode };

/** Applies one event to a ticket: the new state, or why the event is refused. Pure. */
export function applyEvent(ticket: Ticket, event: TicketEvent): TransitionResult {
  const s = ticket.state;
  if (event.type === 'redeem') {
    const refusal = redemptionRefusal(ticket, event.at);
    if (refusal) return { ok: false, reason: refusal };
    return { ok: true, state: { status: 'redeemed', structureId: event.structureId, redeemedAt: event.at.toISOString() } };
  }
  if (event.type === 'unblock') {
    if (s.status !== 'blocked') return { ok: false, reason: 'invalid_transition' };
    return { ok: true, state: restore(s) };
  }
  const rule = TRANSITIONS[event.type];
  if (!rule.from.includes(s.status)) return { ok: false, reason: 'invalid_transition' };
  switch (event.type) {
    case 'expire':
      if (isOnOrBeforeParisDay(event.at, ticket.validUntil)) return { ok: false, reason: 'not_yet_expired' };
      return { ok: true, state: { status: 'expired' } };
    case 'block':
      return {
        ok: true,
        state: {
          status: 'blocked',
          blockedFrom: s.status as BlockableStatus,
          structureId: s.status === 'redeemed' ? s.structureId : null,
          redeemedAt: s.status === 'redeemed' ? s.redeemedAt : null,
        },
      };
    case 'undo':
      return { ok: true, state: { status: 'issued' } };
    case 'claim':
    case 'unclaim':
    case 'pay': {
      const used = s as RedeemedTicket | ClaimedTicket;
      return { ok: true, state: { status: rule.to as 'claimed' | 'redeemed' | 'paid', structureId: used.structureId, redeemedAt: used.redeemedAt } };
    }
    default:
      return { ok: true, state: { status: rule.to } as TicketState };
  }
}

function restore(s: BlockedTicket): TicketState {
  if (s.blockedFrom === 'redeemed') return { status: 'redeemed', structureId: s.structureId ?? '', redeemedAt: s.redeemedAt ?? '' };
  return { status: s.blockedFrom };
}

export type RedemptionRefusalCode = 'already_redeemed' | 'expired' | 'cancelled' | 'blocked' | 'not_issued';

/**
 * Why a ticket cannot be redeemed at `now`, or null when it can. A ticket is usable from hand-out
 * until the end of its validity day in Europe/Paris, whatever the server's time zone.
 */
export function redemptionRefusal(ticket: Ticket, now: Date): RedemptionRefusalCode | null {
  switch (ticket.state.status) {
    case 'issued':
      return isOnOrBeforeParisDay(now, ticket.validUntil) ? null : 'expired';
    case 'in_stock':
      return 'not_issued';
    case 'redeemed':
    case 'claimed':
    case 'paid':
      return 'already_redeemed';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'blocked':
      return 'blocked';
  }
}

/** Builds the domain state from stored columns (the repository's flat row). */
export function ticketStateOf(row: {
  status: TicketStatus;
  blockedFrom: TicketStatus | null;
  structureId: string | null;
  redeemedAt: string | null;
}): TicketState {
  switch (row.status) {
    case 'redeemed':
    case 'claimed':
    case 'paid':
      return { status: row.status, structureId: row.structureId ?? '', redeemedAt: row.redeemedAt ?? '' };
    case 'blocked':
      return {
        status: 'blocked',
        blockedFrom: (row.blockedFrom ?? 'issued') as BlockableStatus,
        structureId: row.structureId,
        redeemedAt: row.redeemedAt,
      };
    default:
      return { status: row.status };
  }
}

export const STATUS_LABELS: Record<TicketStatus, string> = {
  in_stock: 'En stock (pas encore remis)',
  issued: 'Remis au bénéficiaire, utilisable',
  redeemed: 'Utilisé',
  claimed: 'Utilisé, remboursement demandé',
  paid: 'Utilisé et remboursé',
  cancelled: 'Annulé',
  expired: 'Expiré',
  blocked: 'Bloqué',
};
