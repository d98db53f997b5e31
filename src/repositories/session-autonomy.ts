import { sql } from 'kysely';
import type { Executor } from './tx.ts';

/**
 * The person's autonomy on each theme worked in a session (issue #18, item 3), written in the
 * redemption's transaction. The person is the booklet's holder, read in the same statement.
 */
export async function insertSessionAutonomy(
  db: Executor,
  p: { requestId: string; bookletId: string; levels: { theme: string; level: string }[]; at: string },
): Promise<void> {
  for (const l of p.levels) {
    await db
      .insertInto('session_autonomy')
      .columns(['request_id', 'theme', 'beneficiary_id', 'level', 'recorded_at'])
      .expression(
        db
          .selectFrom('booklets')
          .where('booklets.id', '=', p.bookletId)
          .where('booklets.beneficiary_id', 'is not', null)
          .select([sql.val(p.requestId).as('request_id'), sql.val(l.theme).as('theme'), 'booklets.beneficiary_id', sql.val(l.level).as('level'), sql.val(p.at).as('recorded_at')]),
      )
      .execute();
  }
}

/** The levels recorded with a redemption, by theme. */
export function sessionAutonomyOf(db: Executor, requestIds: string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return db.selectFrom('session_autonomy').select(['request_id', 'theme', 'level']).where('request_id', 'in', requestIds).execute();
}

/** Demo: a person's live sessions (redemption requests) in order, with their themes. */
export async function sessionsOfPerson(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('redemption_requests as rr')
    .innerJoin('redemptions', 'redemptions.request_id', 'rr.id')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .where('booklets.beneficiary_id', '=', beneficiaryId)
    .where('redemptions.undone_at', 'is', null)
    .select(['rr.id', 'rr.themes', 'rr.created_at'])
    .distinct()
    .orderBy('rr.created_at')
    .execute();
}

/** Demo: one level per theme of a session already written. */
export async function insertLevels(db: Executor, rows: { request_id: string; theme: string; beneficiary_id: string; level: string; recorded_at: string }[]) {
  if (rows.length) await db.insertInto('session_autonomy').values(rows).onConflict((oc) => oc.doNothing()).execute();
}
