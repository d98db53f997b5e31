import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { REQUEST_KIND_LABELS, requestDueOn, type RequestChannel, type RequestKind } from '../../domain/personal-data-request.ts';
import { closePersonalDataRequest as closeRow, insertPersonalDataRequest } from '../../repositories/personal-data-requests.ts';
import { isUniqueViolation, type Tx } from '../../repositories/tx.ts';
import type { Deps } from './deps.ts';
import { audit } from './audit.ts';

// Writing to the register of personal-data requests inside a caller's transaction: shared by the
// register's use cases and by the erasure, which closes (or records) its request as it erases.

const userId = (actor: Actor | null) => (actor?.kind === 'user' ? actor.id : null);

/** Inserts a request (in the caller's transaction); the one-open-per-kind index refuses a second. */
export async function insertRequest(trx: Tx, deps: Deps, actor: Actor | null, r: {
  id: string; territoryId: string; organisationId: string | null; beneficiaryId: string | null; requesterName: string | null;
  kind: RequestKind; channel: RequestChannel; receivedOn: string;
}): Promise<void> {
  const now = deps.now();
  const dueOn = requestDueOn(r.receivedOn);
  try {
    await insertPersonalDataRequest(trx, {
      id: r.id, territory_id: r.territoryId, organisation_id: r.organisationId, beneficiary_id: r.beneficiaryId, requester_name: r.requesterName,
      kind: r.kind, channel: r.channel, received_on: r.receivedOn, due_on: dueOn, status: 'open', extension_reason: null, extended_by: null,
      extended_at: null, closing_note: null, answered_on: null, closed_by: null, recorded_by: userId(actor), recorded_at: now.toISOString(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', `Une demande « ${REQUEST_KIND_LABELS[r.kind].toLowerCase()} » de cette personne est déjà en cours : répondez à celle-ci.`);
    }
    throw error;
  }
  // No name in the journal: the register holds it, the audit entry names the request by its id.
  await audit(trx, actor, now, 'personal_data_request.recorded', { type: 'personal_data_request', id: r.id }, {
    kind: r.kind, channel: r.channel, receivedOn: r.receivedOn, dueOn, beneficiaryId: r.beneficiaryId,
  }, r.territoryId);
}

/** Closes a request (in the caller's transaction): answered, or refused with its reason. */
export async function closeRequest(trx: Tx, deps: Deps, actor: Actor, id: string, p: { outcome: 'answered' | 'refused'; note: string | null }): Promise<void> {
  const now = deps.now();
  if (!(await closeRow(trx, id, { status: p.outcome, note: p.note, answeredOn: parisDate(now), by: userId(actor) }))) {
    throw new DomainError('conflict', 'Cette demande est déjà close.');
  }
  await audit(trx, actor, now, p.outcome === 'answered' ? 'personal_data_request.answered' : 'personal_data_request.refused', { type: 'personal_data_request', id }, { note: p.note });
}

