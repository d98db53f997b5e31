import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { refusalError, type TicketRefusal } from '../../domain/redemption-refusal.ts';
import { redemptionRefusal, ticketStateOf, type Ticket } from '../../domain/ticket.ts';
import { findTicketsWithContext, type TicketWithContext } from '../../repositories/ticket-lookup.ts';
import type { Deps } from './deps.ts';

export function ticketOf(row: TicketWithContext): Ticket {
  return {
    validUntil: row.valid_until,
    state: ticketStateOf({ status: row.status, blockedFrom: row.blocked_from, structureId: row.structure_id, redeemedAt: row.redeemed_at }),
  };
}

/** Why `row` cannot be redeemed by the actor's structure at `now`, or null. */
export function refusalFor(row: TicketWithContext, now: Date): TicketRefusal['code'] | null {
  return redemptionRefusal(ticketOf(row), now) ?? (row.accreditation_status ? null : 'structure_not_accredited');
}

export function factsOf(row: TicketWithContext): TicketRefusal['facts'] {
  return { validUntil: row.valid_until, redeemedAt: row.redeemed_at, structureName: row.redeemer_name, campaignName: row.campaign_name };
}

/**
 * After a refused redemption has rolled back, reads the tickets to say why each one was refused.
 * This read informs; it decides nothing (the conditional update already did). When the state
 * changed in between and nothing explains the refusal, the caller is asked to try again.
 */
export async function diagnoseRefusal(
  deps: Deps,
  actor: Actor,
  codes: { hash: string; position: number }[],
  now: Date,
): Promise<{ error: DomainError; invalidPositions: number[] }> {
  const rows = await findTicketsWithContext(deps.db, codes.map((c) => c.hash), actor.structureId);
  const refusals: TicketRefusal[] = [];
  for (const c of codes) {
    const row = rows.find((r) => r.code_hash === c.hash);
    if (!row || row.territory_id !== actor.territoryId) {
      refusals.push({ position: c.position, code: 'invalid_code', facts: {} });
      continue;
    }
    const code = refusalFor(row, now);
    if (code) refusals.push({ position: c.position, code, serial: row.serial, facts: factsOf(row) });
  }
  const invalidPositions = refusals.filter((r) => r.code === 'invalid_code').map((r) => r.position);
  if (refusals.length === 0) {
    return {
      error: new DomainError('conflict', 'Ce ticket vient d’être modifié par une autre opération. Vérifiez-le puis réessayez.'),
      invalidPositions,
    };
  }
  return { error: refusalError(refusals, codes.length), invalidPositions };
}
