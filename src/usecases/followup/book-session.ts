import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  cancelBooking as cancelBookingRow, findBooking, findTrainingSession, getBooking, insertBooking, releaseSeat, reviveBooking, takeSeat,
} from '../../repositories/training-sessions.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { loadOwnBeneficiary } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { sessionView } from '../support/session-view.ts';
import { sessionNotFound } from './manage-training-sessions.ts';

const alreadyBooked = () => new DomainError('conflict', 'Cette personne est déjà inscrite à cette séance.', { field: 'beneficiaryId' });

/**
 * Books a seat for a person at hand-out (issue #3, item 7). The seat is taken by a conditional
 * UPDATE (booked < capacity, session not started): capacity is never exceeded, even concurrently.
 */
export async function bookSession(deps: Deps, actor: Actor, sessionId: string, input: { beneficiaryId: string }) {
  const beneficiary = await loadOwnBeneficiary(deps.db, actor, input.beneficiaryId);
  const session = await findTrainingSession(deps.db, sessionId);
  if (!session || session.territory_id !== actor.territoryId) throw sessionNotFound();
  const now = deps.now();
  const at = now.toISOString();
  const existing = await findBooking(deps.db, session.id, beneficiary.id);
  if (existing && !existing.cancelled_at) throw alreadyBooked();
  try {
    const bookingId = await inTransaction(deps.db, async (trx) => {
      if (!(await takeSeat(trx, session.id, at))) {
        if (session.starts_at <= at) throw new DomainError('conflict', 'Cette séance a déjà commencé : choisissez-en une autre.');
        throw new DomainError('session_full', `La séance « ${session.title} » est complète (${session.capacity} places) : choisissez-en une autre.`, { capacity: session.capacity });
      }
      let id: string;
      if (existing) {
        if (!(await reviveBooking(trx, existing.id, actor.id, at))) throw alreadyBooked();
        id = existing.id;
      } else {
        id = deps.newId();
        await insertBooking(trx, { id, session_id: session.id, beneficiary_id: beneficiary.id, booked_by: actor.id, created_at: at, cancelled_at: null });
      }
      await audit(trx, actor, now, 'booking.created', { type: 'booking', id }, { sessionId: session.id, beneficiaryId: beneficiary.id });
      return id;
    });
    const updated = await findTrainingSession(deps.db, session.id);
    return { id: bookingId, session: sessionView(updated!) };
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyBooked();
    throw error;
  }
}

/** Cancels a booking and frees the seat (agent of the person's organisation). */
export async function cancelBooking(deps: Deps, actor: Actor, bookingId: string) {
  const booking = await getBooking(deps.db, bookingId);
  if (!booking) throw new DomainError('not_found', 'Réservation introuvable.');
  await loadOwnBeneficiary(deps.db, actor, booking.beneficiary_id).catch(() => {
    throw new DomainError('not_found', 'Réservation introuvable.');
  });
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    if (!(await cancelBookingRow(trx, booking.id, now.toISOString()))) throw new DomainError('conflict', 'Cette réservation est déjà annulée.');
    await releaseSeat(trx, booking.session_id);
    await audit(trx, actor, now, 'booking.cancelled', { type: 'booking', id: booking.id }, { sessionId: booking.session_id });
  });
  return { id: booking.id, cancelled: true };
}
