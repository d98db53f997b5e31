import { sql } from 'kysely';
import type { OutboxTable } from '../db/schema.ts';
import { log } from '../logging.ts';
import type { Executor } from './tx.ts';

// The outbox of reminders (issue #7, item 2): one row per message, unique by dedupe key (the
// same reminder is never planned twice), each sending attempt in outbox_attempts.

const CONTACT = [
  'ben.id as beneficiary_id', 'ben.territory_id', 'ben.first_name', 'ben.phone', 'ben.email', 'ben.address', 'ben.contact_consent',
  'ben.opted_out_at', 'ben.anonymised_at', 'ben.reminder_channels',
] as const;

const lastMessage = sql<string | null>`(select max(m.created_at) from outbox m where m.beneficiary_id = ben.id and m.status <> 'failed')`;

/** Booked, not cancelled, seats in sessions starting in (from, until], for people who accept reminders. */
export function sessionReminderCandidates(db: Executor, window: { from: string; until: string }) {
  return db
    .selectFrom('bookings as bk')
    .innerJoin('training_sessions as ts', 'ts.id', 'bk.session_id')
    .innerJoin('sites as si', 'si.id', 'ts.site_id')
    .innerJoin('structures as s', 's.id', 'ts.structure_id')
    .innerJoin('beneficiaries as ben', 'ben.id', 'bk.beneficiary_id')
    .where('bk.cancelled_at', 'is', null)
    .where('ts.starts_at', '>', window.from)
    .where('ts.starts_at', '<=', window.until)
    .where('ben.contact_consent', '=', 1)
    .where('ben.opted_out_at', 'is', null)
    .where('ben.anonymised_at', 'is', null)
    .select([
      ...CONTACT, 'bk.id as booking_id', 'ts.title', 'ts.starts_at', 'si.name as site_name', 'si.address as site_address',
      'si.phone as site_phone', 's.name as structure_name', 's.phone as structure_phone', lastMessage.as('last_message_at'),
    ])
    .orderBy('ts.starts_at')
    .orderBy('bk.id')
    .execute();
}

/** People with unused live tickets whose validity ends in [today, until], per campaign, who accept reminders. */
export function expiryReminderCandidates(db: Executor, window: { today: string; until: string }) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .innerJoin('beneficiaries as ben', 'ben.id', 'b.beneficiary_id')
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .where('t.status', '=', 'issued')
    .where('t.valid_until', '>=', window.today)
    .where('t.valid_until', '<=', window.until)
    .where('ben.contact_consent', '=', 1)
    .where('ben.opted_out_at', 'is', null)
    .where('ben.anonymised_at', 'is', null)
    .select([
      ...CONTACT, 't.campaign_id', 'o.name as organisation_name', sql<number>`count(t.id)`.as('unused'),
      sql<number>`sum(t.face_value_cents)`.as('unused_cents'), sql<string>`min(t.valid_until)`.as('valid_until'), lastMessage.as('last_message_at'),
    ])
    .groupBy([
      'ben.id', 'ben.territory_id', 'ben.first_name', 'ben.phone', 'ben.email', 'ben.address', 'ben.contact_consent', 'ben.opted_out_at',
      'ben.anonymised_at', 'ben.reminder_channels', 't.campaign_id', 'o.name',
    ])
    .orderBy(sql`min(t.valid_until)`)
    .orderBy('ben.id')
    .execute();
}

/** Latest message (not failed) to a person, read inside the planning transaction. */
export async function lastMessageAt(db: Executor, beneficiaryId: string): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<string | null>`max(created_at)`.as('at'))
    .where('beneficiary_id', '=', beneficiaryId)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function messageExists(db: Executor, dedupeKey: string): Promise<boolean> {
  return !!(await db.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst());
}

/** Inserts a message unless its dedupe key exists: true when this call created it. */
export async function insertMessage(db: Executor, row: OutboxTable): Promise<boolean> {
  const inserted = await db.insertInto('outbox').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').executeTakeFirst();
  // Never the recipient nor the body (personal data, and a password link's secret).
  if (inserted) log('outbox').debug({ messageId: row.id, channel: row.channel, kind: row.kind, status: row.status }, 'message written to the outbox');
  return !!inserted;
}

/** Held messages of channels that can now be sent become pending. */
export async function releaseHeld(db: Executor, channels: string[], now: string): Promise<number> {
  if (!channels.length) return 0;
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: now })
    .where('status', '=', 'held')
    .where('channel', 'in', channels as OutboxTable['channel'][])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function dueMessages(db: Executor, p: { now: string; channels: string[]; limit: number }) {
  if (!p.channels.length) return Promise.resolve([]);
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', p.now)
    .where('channel', 'in', p.channels as OutboxTable['channel'][])
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(p.limit)
    .execute();
}

/**
 * Takes a due message for one attempt: a conditional update on (status, attempts, due time) whose
 * affected-row count decides, so two senders never both send it. The lease pushes the due time
 * forward; if this sender dies, the message is tried again after the lease.
 */
export async function claimForAttempt(db: Executor, m: { id: string; attempts: number; now: string; leaseUntil: string }): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ attempts: m.attempts + 1, next_attempt_at: m.leaseUntil })
    .where('id', '=', m.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', m.attempts)
    .where('next_attempt_at', '<=', m.now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordAttempt(db: Executor, a: { id: string; messageId: string; at: string; ok: boolean; error: string | null }): Promise<void> {
  await db.insertInto('outbox_attempts').values({ id: a.id, message_id: a.messageId, at: a.at, ok: a.ok ? 1 : 0, error: a.error }).execute();
}

export async function markSent(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markFailedAttempt(db: Executor, id: string, p: { error: string; retryAt: string | null }): Promise<void> {
  await db
    .updateTable('outbox')
    .set(p.retryAt ? { last_error: p.error, next_attempt_at: p.retryAt } : { status: 'failed', last_error: p.error })
    .where('id', '=', id)
    .execute();
}

/** Messages still to send to a person are dropped (opt-out, anonymisation): they become failed with the reason. */
export async function dropUnsent(db: Executor, beneficiaryId: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: reason })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('status', 'in', ['pending', 'held'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Drops the unsent messages of the channels a person no longer agrees to. */
export async function dropUnsentOutside(db: Executor, beneficiaryId: string, keep: readonly string[], reason: string): Promise<number> {
  let q = db.updateTable('outbox').set({ status: 'failed', last_error: reason }).where('beneficiary_id', '=', beneficiaryId).where('status', 'in', ['pending', 'held']);
  if (keep.length) q = q.where('channel', 'not in', keep as ('email' | 'sms' | 'letter')[]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function getMessage(db: Executor, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMessages(
  db: Executor,
  p: { territoryId: string; status?: OutboxTable['status']; channel?: OutboxTable['channel']; limit: number; offset: number },
) {
  let q = db.selectFrom('outbox').where('outbox.territory_id', '=', p.territoryId);
  if (p.status) q = q.where('outbox.status', '=', p.status);
  if (p.channel) q = q.where('outbox.channel', '=', p.channel);
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    q
      .leftJoin('beneficiaries as ben', 'ben.id', 'outbox.beneficiary_id')
      .selectAll('outbox')
      .select(['ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.organisation_id'])
      .select(sql<number>`(select count(*) from outbox_attempts a where a.message_id = outbox.id)`.as('attempt_rows'))
      .orderBy('outbox.created_at', 'desc')
      .orderBy('outbox.id', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
  ]);
}

export function listAttempts(db: Executor, messageId: string) {
  return db.selectFrom('outbox_attempts').selectAll().where('message_id', '=', messageId).orderBy('at').orderBy('id').execute();
}

/** Letters waiting to be printed for a territory, optionally only an organisation's people or a commune's. */
export function pendingLetters(db: Executor, p: { territoryId: string; organisationId?: string | null; communeInsee?: string | null }) {
  return db
    .selectFrom('outbox')
    .innerJoin('beneficiaries as ben', 'ben.id', 'outbox.beneficiary_id')
    .innerJoin('organisations as o', 'o.id', 'ben.organisation_id')
    .where('outbox.territory_id', '=', p.territoryId)
    .where('outbox.channel', '=', 'letter')
    .where('outbox.status', 'in', ['pending', 'held'])
    .where('ben.anonymised_at', 'is', null)
    .$if(!!p.organisationId, (q) => q.where('ben.organisation_id', '=', p.organisationId!))
    .$if(!!p.communeInsee, (q) => q.where('ben.commune_insee', '=', p.communeInsee!))
    .select([
      'outbox.id', 'outbox.subject', 'outbox.body', 'outbox.recipient', 'outbox.attempts', 'ben.first_name', 'ben.birth_name', 'ben.usage_name',
      'o.name as organisation_name', 'outbox.created_at',
    ])
    .orderBy('o.name')
    .orderBy('ben.birth_name')
    .orderBy('outbox.id')
    .execute();
}

/** Marks printed letters as sent, only those still unsent (the count says how many this call took). */
export async function markLettersPrinted(db: Executor, ids: string[], at: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', 'in', ids)
    .where('status', 'in', ['pending', 'held'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Requeues a failed message for a new round of attempts. */
export async function requeue(db: Executor, id: string, territoryId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .where('territory_id', '=', territoryId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
