import { sql } from 'kysely';
import type { Executor } from '../tx.ts';

// What the agent's page of a person shows beyond the summaries: each ticket of the person's
// booklets (where and when it was used), how often each booklet was printed, and the reminders.

/** The tickets of these booklets, with the structure that took each used one. */
export function bookletTickets(db: Executor, bookletIds: string[]) {
  if (bookletIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tickets as t')
    .leftJoin('structures as s', 's.id', 't.structure_id')
    .select(['t.booklet_id', 't.idx', 't.serial', 't.status', 't.blocked_from', 't.valid_until', 't.redeemed_at', 's.name as structure_name'])
    .where('t.booklet_id', 'in', bookletIds)
    .orderBy('t.booklet_id')
    .orderBy('t.idx')
    .execute();
}

/** Prints of these booklets (the first at hand-out and every reprint), from the audit log. */
export async function bookletPrints(db: Executor, bookletIds: string[]): Promise<Map<string, { count: number; lastAt: string }>> {
  if (bookletIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['target_id', sql<number>`count(*)`.as('n'), sql<string>`max(at)`.as('last_at')])
    .where('target_type', '=', 'booklet')
    .where('target_id', 'in', bookletIds)
    .where('action', '=', 'booklet.printed')
    .groupBy('target_id')
    .execute();
  return new Map(rows.map((r) => [r.target_id, { count: Number(r.n), lastAt: r.last_at }]));
}

/** The reminders planned for a person, newest first. */
export function beneficiaryReminders(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('outbox')
    .select(['id', 'channel', 'kind', 'status', 'subject', 'created_at', 'sent_at', 'last_error', 'attempts'])
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}
