import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parisDate } from '../../domain/paris-time.ts';
import {
  extensionRefusal, OPEN_STATUSES, receivedOnRefusal, REQUEST_CHANNEL_LABELS, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS, requestDueOn, requestUrgency,
  type RequestChannel, type RequestKind, type RequestStatus,
} from '../../domain/personal-data-request.ts';
import { extendPersonalDataRequest as extendRow, findPersonalDataRequest, listPersonalDataRequests as listRows } from '../../repositories/personal-data-requests.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { eraseBeneficiary } from './personal-data.ts';
import { beneficiaryInScope } from './record-opt-out.ts';
import { audit } from '../support/audit.ts';
import { closeRequest, insertRequest } from '../support/personal-data-register.ts';
import type { Deps } from '../support/deps.ts';

// The register of personal-data requests (RGPD articles 15, 16, 17, 21): each request received,
// its deadline (domain/personal-data-request.ts), its extension and its answer, every change
// audited. The admin sees the territory's; an agent records and answers those of the persons of
// their organisation (the same scope as the copy and the erasure, record-opt-out.ts).

type Row = NonNullable<Awaited<ReturnType<typeof findPersonalDataRequest>>>;

function present(r: Row, today: string) {
  const status = r.status as RequestStatus;
  const open = OPEN_STATUSES.includes(status);
  const urgency = requestUrgency(r.due_on, today);
  const personName = r.beneficiary_id
    ? (r.anonymised_at ? 'Personne anonymisée' : `${r.first_name ?? ''} ${r.usage_name || r.birth_name || ''}`.trim())
    : (r.requester_name ?? '');
  return {
    id: r.id,
    kind: r.kind as RequestKind,
    kindLabel: REQUEST_KIND_LABELS[r.kind as RequestKind],
    channel: r.channel as RequestChannel,
    channelLabel: REQUEST_CHANNEL_LABELS[r.channel as RequestChannel],
    beneficiaryId: r.beneficiary_id,
    personName,
    /** True when the person was not found: the name is the one the requester wrote. */
    nameAsWritten: !r.beneficiary_id,
    organisationName: r.organisation_name ?? null,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    status,
    statusLabel: REQUEST_STATUS_LABELS[status],
    late: open && urgency.late,
    dueSoon: open && urgency.dueSoon,
    daysLeft: open ? urgency.daysLeft : null,
    mayExtend: extensionRefusal({ status, receivedOn: r.received_on }, today) === null,
    extensionReason: r.extension_reason,
    closingNote: r.closing_note,
    answeredOn: r.answered_on,
    recordedBy: r.recorded_by_name ?? null,
    closedBy: r.closed_by_name ?? null,
    /** The copy to hand over, for an access request about a person found. */
    copyPdfUrl: r.kind === 'access' && r.beneficiary_id && !r.anonymised_at ? `/api/beneficiaries/${r.beneficiary_id}/personal-data.pdf` : null,
  };
}
export type PersonalDataRequestView = ReturnType<typeof present>;

/** A request of the actor's scope, or not found (another territory, another organisation). */
async function requestInScope(deps: Deps, actor: Actor, id: string): Promise<Row> {
  requireRole(actor, 'admin', 'agent');
  const r = await findPersonalDataRequest(deps.db, id);
  if (!r || r.territory_id !== actor.territoryId || (actor.role === 'agent' && r.organisation_id !== actor.organisationId)) {
    throw new DomainError('not_found', 'Cette demande est introuvable.');
  }
  return r;
}

async function view(deps: Deps, id: string) {
  return present((await findPersonalDataRequest(deps.db, id))!, parisDate(deps.now()));
}

export interface RecordRequestInput {
  beneficiaryId?: string | null;
  requesterName?: string | null;
  kind: RequestKind;
  channel: RequestChannel;
  receivedOn: string;
}

/** Records a request received: about a person of the actor's scope, or under the name the requester wrote. */
export async function recordPersonalDataRequest(deps: Deps, actor: Actor, input: RecordRequestInput) {
  requireRole(actor, 'admin', 'agent');
  const today = parisDate(deps.now());
  const refusal = receivedOnRefusal(input.receivedOn, today);
  if (refusal) throw invalid('receivedOn', refusal);
  let organisationId: string | null = actor.role === 'agent' ? actor.organisationId : null;
  let requesterName: string | null = null;
  if (input.beneficiaryId) {
    organisationId = (await beneficiaryInScope(deps, actor, input.beneficiaryId)).organisation_id;
  } else {
    requesterName = (input.requesterName ?? '').trim();
    if (requesterName.length < 2) throw invalid('requesterName', 'Indiquez le nom de la personne, tel qu’elle l’a écrit.');
  }
  const id = deps.newId();
  await inTransaction(deps.db, (trx) => insertRequest(trx, deps, actor, {
    id, territoryId: actor.territoryId, organisationId, beneficiaryId: input.beneficiaryId ?? null, requesterName, kind: input.kind, channel: input.channel, receivedOn: input.receivedOn,
  }));
  return view(deps, id);
}

/** The requests of the actor's scope (a person's if asked): the open ones by default, soonest due first. */
export async function listPersonalDataRequests(deps: Deps, actor: Actor, q: { status?: 'open' | 'all'; beneficiaryId?: string }) {
  requireRole(actor, 'admin', 'agent');
  if (q.beneficiaryId) await beneficiaryInScope(deps, actor, q.beneficiaryId);
  const rows = await listRows(deps.db, {
    territoryId: actor.territoryId, organisationId: actor.role === 'agent' ? (actor.organisationId ?? '-') : undefined,
    beneficiaryId: q.beneficiaryId, openOnly: (q.status ?? 'open') === 'open', limit: 500,
  });
  const today = parisDate(deps.now());
  const requests = rows.map((r) => present(r, today));
  return { today, late: requests.filter((r) => r.late).length, dueSoon: requests.filter((r) => r.dueSoon).length, requests };
}

/**
 * Two more months for a complex request: only while open and within the first month (the person
 * must be told before the first deadline), once, with the reason given to the person.
 */
export async function extendPersonalDataRequest(deps: Deps, actor: Actor, id: string, input: { reason: string }) {
  const r = await requestInScope(deps, actor, id);
  const now = deps.now();
  const refusal = extensionRefusal({ status: r.status as RequestStatus, receivedOn: r.received_on }, parisDate(now));
  if (refusal) throw new DomainError('conflict', refusal);
  const reason = input.reason.trim();
  if (reason.length < 3) throw invalid('reason', 'Indiquez pourquoi la demande est complexe : ce motif est communiqué à la personne.');
  const dueOn = requestDueOn(r.received_on, true);
  await inTransaction(deps.db, async (trx) => {
    if (!(await extendRow(trx, id, { dueOn, reason, by: actor.kind === 'user' ? actor.id : null, at: now.toISOString() }))) {
      throw new DomainError('conflict', 'Cette demande vient d’être prolongée ou close : rechargez la page.');
    }
    await audit(trx, actor, now, 'personal_data_request.extended', { type: 'personal_data_request', id }, { reason, dueOn, previousDueOn: r.due_on });
  });
  return view(deps, id);
}

/**
 * Answers or refuses a request. Answering an erasure request about a person found erases them
 * (eraseBeneficiary, which closes the request in its own transaction; refused while a ticket can
 * still be used — the request then stays open). A refusal needs its reason, told to the person.
 */
export async function closePersonalDataRequest(deps: Deps, actor: Actor, id: string, input: { outcome: 'answered' | 'refused'; note?: string | null }) {
  const r = await requestInScope(deps, actor, id);
  if (!OPEN_STATUSES.includes(r.status as RequestStatus)) throw new DomainError('conflict', 'Cette demande est déjà close.');
  const note = input.note?.trim() || null;
  if (input.outcome === 'refused' && (!note || note.length < 3)) {
    throw invalid('note', 'Indiquez le motif du refus : il est communiqué à la personne, avec la possibilité de saisir la CNIL.');
  }
  if (input.outcome === 'answered' && r.kind === 'erasure' && r.beneficiary_id && !r.anonymised_at) {
    await eraseBeneficiary(deps, actor, r.beneficiary_id, { reason: note ?? `Demande d’effacement reçue le ${r.received_on}` });
    return view(deps, id);
  }
  await inTransaction(deps.db, (trx) => closeRequest(trx, deps, actor, id, { outcome: input.outcome, note }));
  return view(deps, id);
}
