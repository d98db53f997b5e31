import type { BookingTable, TrainingSessionTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

export async function insertTrainingSession(db: Executor, row: TrainingSessionTable): Promise<void> {
  await db.insertInto('training_sessions').values(row).execute();
}

const sessionColumns = [
  'training_sessions.id', 'training_sessions.structure_id', 'training_sessions.site_id', 'training_sessions.title',
  'training_sessions.theme', 'training_sessions.format', 'training_sessions.starts_at', 'training_sessions.duration_minutes',
  'training_sessions.capacity', 'training_sessions.booked', 'structures.name as structure_name', 'structures.territory_id',
  'sites.name as site_name', 'sites.address', 'sites.postal_code', 'sites.commune_insee', 'sites.phone as site_phone',
  'structures.phone as structure_phone', 'communes.name as commune_name',
] as const;

function sessionsQuery(db: Executor) {
  return db
    .selectFrom('training_sessions')
    .innerJoin('structures', 'structures.id', 'training_sessions.structure_id')
    .innerJoin('sites', 'sites.id', 'training_sessions.site_id')
    .leftJoin('communes', (j) => j.onRef('communes.territory_id', '=', 'structures.territory_id').onRef('communes.insee_code', '=', 'sites.commune_insee'))
    .select(sessionColumns);
}

export function findTrainingSession(db: Executor, id: string) {
  return sessionsQuery(db).where('training_sessions.id', '=', id).executeTakeFirst();
}

export interface SessionFilter {
  territoryId: string;
  from: string;
  to?: string;
  structureId?: string;
  communeInsee?: string;
  /** Only structures accredited for this campaign. */
  accreditedFor?: string;
  limit: number;
}

export function listTrainingSessions(db: Executor, f: SessionFilter) {
  let q = sessionsQuery(db).where('structures.territory_id', '=', f.territoryId).where('training_sessions.starts_at', '>=', f.from);
  if (f.to) q = q.where('training_sessions.starts_at', '<', f.to);
  if (f.structureId) q = q.where('training_sessions.structure_id', '=', f.structureId);
  if (f.communeInsee) q = q.where('sites.commune_insee', '=', f.communeInsee);
  if (f.accreditedFor) {
    const campaignId = f.accreditedFor;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('accreditations')
          .select('accreditations.structure_id')
          .whereRef('accreditations.structure_id', '=', 'training_sessions.structure_id')
          .where('accreditations.campaign_id', '=', campaignId)
          .where('accreditations.status', '=', 'accredited'),
      ),
    );
  }
  return q.orderBy('training_sessions.starts_at').orderBy('training_sessions.id').limit(f.limit).execute();
}

/** Takes a seat; false when the session is full or already started (booked < capacity decides). */
export async function takeSeat(trx: Tx, sessionId: string, notBefore: string): Promise<boolean> {
  const r = await trx
    .updateTable('training_sessions')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('id', '=', sessionId)
    .whereRef('booked', '<', 'capacity')
    .where('starts_at', '>', notBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseSeat(trx: Tx, sessionId: string): Promise<void> {
  await trx.updateTable('training_sessions').set((eb) => ({ booked: eb('booked', '-', 1) })).where('id', '=', sessionId).where('booked', '>', 0).execute();
}

export function findBooking(db: Executor, sessionId: string, beneficiaryId: string) {
  return db.selectFrom('bookings').selectAll().where('session_id', '=', sessionId).where('beneficiary_id', '=', beneficiaryId).executeTakeFirst();
}

export function getBooking(db: Executor, id: string) {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBooking(trx: Tx, row: BookingTable): Promise<void> {
  await trx.insertInto('bookings').values(row).execute();
}

/** A cancelled booking becomes live again (the unique constraint keeps one row per person and session). */
export async function reviveBooking(trx: Tx, id: string, bookedBy: string, at: string): Promise<boolean> {
  const r = await trx.updateTable('bookings').set({ cancelled_at: null, booked_by: bookedBy, created_at: at }).where('id', '=', id).where('cancelled_at', 'is not', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function cancelBooking(trx: Tx, id: string, at: string): Promise<boolean> {
  const r = await trx.updateTable('bookings').set({ cancelled_at: at }).where('id', '=', id).where('cancelled_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A person's live bookings, soonest first, from an instant on. */
export function listBeneficiaryBookings(db: Executor, beneficiaryId: string, from: string) {
  return db
    .selectFrom('bookings')
    .innerJoin('training_sessions', 'training_sessions.id', 'bookings.session_id')
    .innerJoin('structures', 'structures.id', 'training_sessions.structure_id')
    .innerJoin('sites', 'sites.id', 'training_sessions.site_id')
    .leftJoin('communes', (j) => j.onRef('communes.territory_id', '=', 'structures.territory_id').onRef('communes.insee_code', '=', 'sites.commune_insee'))
    .select(['bookings.id as booking_id', ...sessionColumns])
    .where('bookings.beneficiary_id', '=', beneficiaryId)
    .where('bookings.cancelled_at', 'is', null)
    .where('training_sessions.starts_at', '>=', from)
    .orderBy('training_sessions.starts_at')
    .execute();
}

/** Who booked a structure's session (first name and initial only: what a structure needs). */
export function listSessionAttendees(db: Executor, sessionId: string) {
  return db
    .selectFrom('bookings')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'bookings.beneficiary_id')
    .select(['bookings.id', 'beneficiaries.first_name', 'beneficiaries.birth_name', 'beneficiaries.usage_name', 'bookings.created_at'])
    .where('bookings.session_id', '=', sessionId)
    .where('bookings.cancelled_at', 'is', null)
    .orderBy('bookings.created_at')
    .execute();
}

export function findSite(db: Executor, siteId: string) {
  return db.selectFrom('sites').innerJoin('structures', 'structures.id', 'sites.structure_id').select(['sites.id', 'sites.structure_id', 'structures.territory_id']).where('sites.id', '=', siteId).executeTakeFirst();
}
