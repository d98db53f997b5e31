import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { INVALID_CODE_MESSAGE, refusalMessage, type TicketRefusalCode } from '../../domain/redemption-refusal.ts';
import { STATUS_LABELS, type TicketStatus } from '../../domain/ticket.ts';
import { parseCode } from '../../domain/ticket-code.ts';
import { findTicketsWithContext, type TicketWithContext } from '../../repositories/ticket-lookup.ts';
import type { Deps } from '../support/deps.ts';
import { factsOf, refusalFor } from '../support/ticket-diagnosis.ts';
import { assertNotThrottled, logRefusal, recordBadCode, throttleKeys, type AttemptContext } from '../support/ticket-throttle.ts';

export interface TicketCheck {
  serial: string;
  bookletSerial: string;
  index: number;
  status: TicketStatus;
  statusLabel: string;
  faceValueCents: number;
  validUntil: string;
  campaign: { id: string; name: string; year: number };
  /** First name and last-name initial, for the mediator to check identity; null when unknown or anonymised. */
  holder: { firstName: string; lastNameInitial: string } | null;
  usable: boolean;
  refusal: { code: TicketRefusalCode; message: string; details: Record<string, unknown> } | null;
}

/**
 * A mediator (or the structure's token) reads a ticket before redeeming it (issue #4, item 1).
 * Unknown, malformed and wrong-check codes give one identical answer, and count towards throttling.
 */
export async function checkTicket(deps: Deps, actor: Actor, input: { code: string }, ctx: AttemptContext): Promise<TicketCheck> {
  requireRole(actor, 'mediator', 'structure_manager', 'structure_token');
  requireStructure(actor);
  const keys = throttleKeys(actor, ctx.ip);
  await assertNotThrottled(deps, keys);
  const parsed = parseCode(input.code);
  const row = parsed.ok ? (await findTicketsWithContext(deps.db, [deps.secrets.hashCode(parsed.code)], actor.structureId))[0] : undefined;
  if (!row || row.territory_id !== actor.territoryId) {
    await recordBadCode(deps, keys);
    logRefusal(deps, ctx, { action: 'check', reason: 'invalid_code', inputs: [input.code], actor });
    throw new DomainError('invalid_code', INVALID_CODE_MESSAGE);
  }
  const refusal = refusalFor(row, deps.now());
  if (refusal) logRefusal(deps, ctx, { action: 'check', reason: refusal, inputs: [input.code], actor });
  return toCheck(row, refusal);
}

function toCheck(row: TicketWithContext, refusal: TicketRefusalCode | null): TicketCheck {
  const lastName = row.usage_name || row.birth_name;
  const facts = factsOf(row);
  return {
    serial: row.serial,
    bookletSerial: row.booklet_serial,
    index: row.idx,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    faceValueCents: row.face_value_cents,
    validUntil: row.valid_until,
    campaign: { id: row.campaign_id, name: row.campaign_name, year: row.campaign_year },
    holder: row.first_name && lastName && !row.anonymised_at ? { firstName: row.first_name, lastNameInitial: `${lastName.charAt(0).toUpperCase()}.` } : null,
    usable: refusal === null,
    refusal: refusal
      ? {
          code: refusal,
          message: refusalMessage(refusal, facts),
          details:
            refusal === 'already_redeemed'
              ? { redeemedAt: facts.redeemedAt ?? null, structureName: facts.structureName ?? null }
              : refusal === 'expired'
                ? { validUntil: row.valid_until }
                : {},
        }
      : null,
  };
}
