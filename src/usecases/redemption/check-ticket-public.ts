import { DomainError } from '../../domain/errors.ts';
import { frenchDate } from '../../domain/paris-time.ts';
import { INVALID_CODE_MESSAGE } from '../../domain/redemption-refusal.ts';
import { redemptionRefusal } from '../../domain/ticket.ts';
import { parseCode } from '../../domain/ticket-code.ts';
import { findTicketsWithContext } from '../../repositories/ticket-lookup.ts';
import type { Deps } from '../support/deps.ts';
import { ticketOf } from '../support/ticket-diagnosis.ts';
import { assertNotThrottled, logRefusal, recordBadCode, throttleKeys, type AttemptContext } from '../support/ticket-throttle.ts';

export interface PublicTicketCheck { usable: boolean; validUntil: string; message: string }

/**
 * "Vérifier mon pass" for residents (no account): only whether the ticket can still be used and
 * until when — no name, no place, nothing else about the holder. Throttled per IP.
 */
export async function checkTicketPublic(deps: Deps, input: { code: string }, ctx: AttemptContext): Promise<PublicTicketCheck> {
  const keys = throttleKeys(null, ctx.ip);
  await assertNotThrottled(deps, keys);
  const parsed = parseCode(input.code);
  const row = parsed.ok ? (await findTicketsWithContext(deps.db, [deps.secrets.hashCode(parsed.code)], null))[0] : undefined;
  if (!row) {
    await recordBadCode(deps, keys);
    logRefusal(deps, ctx, { action: 'public_check', reason: 'invalid_code', inputs: [input.code], actor: null });
    throw new DomainError('invalid_code', INVALID_CODE_MESSAGE);
  }
  const refusal = redemptionRefusal(ticketOf(row), deps.now());
  const until = frenchDate(row.valid_until);
  const message =
    refusal === null
      ? `Votre ticket est utilisable jusqu’au ${until} inclus, dans les lieux habilités.`
      : refusal === 'already_redeemed'
        ? 'Ce ticket a déjà été utilisé.'
        : refusal === 'expired'
          ? `Ce ticket n’est plus valable : il pouvait être utilisé jusqu’au ${until} inclus.`
          : refusal === 'not_issued'
            ? 'Ce ticket n’a pas encore été remis par une mairie : il n’est pas utilisable.'
            : 'Ce ticket n’est pas utilisable. Renseignez-vous auprès de votre mairie.';
  return { usable: refusal === null, validUntil: row.valid_until, message };
}
