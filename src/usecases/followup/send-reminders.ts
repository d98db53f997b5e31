import { MAX_ATTEMPTS, mayRemind, retryDelayMs, withinSendingHours } from '../../domain/reminders.ts';
import {
  claimForAttempt, dueMessages, markFailedAttempt, markSent, recordAttempt, releaseHeld,
} from '../../repositories/outbox.ts';
import { findContactState } from '../../repositories/personal-data.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { log } from '../../logging.ts';
import { audit } from '../support/audit.ts';
import { configuredChannels, type MessageChannel } from '../support/channels.ts';
import type { Deps } from '../support/deps.ts';
import { planReminders, type PlanSummary } from './plan-reminders.ts';

const LEASE_MS = 10 * 60_000;

export interface SendSummary {
  sent: number;
  retrying: number;
  failed: number;
  dropped: number;
  /** True when the job ran outside sending hours (9:00–19:00 Paris): nothing was sent. */
  outsideSendingHours?: boolean;
}

/**
 * Sends the due messages of the channels given, once each: a message is taken by a conditional
 * update (two senders never both take it), every attempt is recorded in outbox_attempts, a failure
 * is retried later with a growing delay (5 min, 10, 20…), up to 6 attempts.
 */
export async function sendDueMessages(deps: Deps, channels: MessageChannel[], opts: { limit?: number } = {}): Promise<SendSummary> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const summary: SendSummary = { sent: 0, retrying: 0, failed: 0, dropped: 0 };
  const now = deps.now();
  const due = await dueMessages(deps.db, { now: now.toISOString(), channels: [...byName.keys()], limit: opts.limit ?? 500 });
  for (const m of due) {
    const taken = await claimForAttempt(deps.db, { id: m.id, attempts: m.attempts, now: now.toISOString(), leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() });
    if (!taken) continue;
    const attempt = m.attempts + 1;
    // Consent is checked again at sending time: an opt-out since planning wins.
    const state = m.beneficiary_id ? await findContactState(deps.db, m.beneficiary_id) : null;
    if (state && !mayRemind({ contactConsent: state.contact_consent === 1, optedOutAt: state.opted_out_at, anonymisedAt: state.anonymised_at })) {
      await inTransaction(deps.db, async (trx) => {
        await markFailedAttempt(trx, m.id, { error: 'La personne ne souhaite plus recevoir de rappels.', retryAt: null });
        await audit(trx, null, now, 'reminder.dropped', { type: 'outbox', id: m.id }, { reason: 'opted_out' }, m.territory_id);
      });
      summary.dropped += 1;
      continue;
    }
    let error: string | null = null;
    try {
      await byName.get(m.channel as MessageChannel['name'])!.send({ id: m.id, recipient: m.recipient, subject: m.subject, body: m.body, dedupeKey: m.dedupe_key });
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500) || 'erreur inconnue';
    }
    const at = deps.now();
    await inTransaction(deps.db, async (trx) => {
      await recordAttempt(trx, { id: deps.newId(), messageId: m.id, at: at.toISOString(), ok: error === null, error });
      if (error === null) {
        await markSent(trx, m.id, at.toISOString());
        await audit(trx, null, at, 'reminder.sent', { type: 'outbox', id: m.id }, { channel: m.channel, attempt }, m.territory_id);
        return;
      }
      const retryAt = attempt < MAX_ATTEMPTS ? new Date(at.getTime() + retryDelayMs(attempt)).toISOString() : null;
      await markFailedAttempt(trx, m.id, { error, retryAt });
      if (!retryAt) await audit(trx, null, at, 'reminder.failed', { type: 'outbox', id: m.id }, { channel: m.channel, attempts: attempt, error }, m.territory_id);
    });
    // The provider's error stays in outbox_attempts (it may quote the recipient), not in the log.
    if (error === null) log('outbox').debug({ messageId: m.id, channel: m.channel, attempt }, 'message sent');
    else log('outbox').warn({ messageId: m.id, channel: m.channel, attempt, willRetry: attempt < MAX_ATTEMPTS }, 'message not sent (the error is in outbox_attempts)');
    if (error === null) summary.sent += 1;
    else if (attempt < MAX_ATTEMPTS) summary.retrying += 1;
    else summary.failed += 1;
  }
  return summary;
}

/**
 * The `reminders` job: releases messages held for a channel now configured, plans the due
 * reminders, sends what can be sent — between 9:00 and 19:00 Paris time only (a night run plans,
 * the next daytime run sends). Idempotent: run twice, it plans and sends nothing more.
 */
export async function runReminders(deps: Deps, channels: MessageChannel[] = configuredChannels(deps.config)): Promise<{ released: number; plan: PlanSummary; send: SendSummary }> {
  try {
    const names = channels.map((c) => c.name);
    const released = await releaseHeld(deps.db, names, deps.now().toISOString());
    const plan = await planReminders(deps, names);
    const send = withinSendingHours(deps.now())
      ? await sendDueMessages(deps, channels)
      : { sent: 0, retrying: 0, failed: 0, dropped: 0, outsideSendingHours: true };
    return { released, plan, send };
  } finally {
    for (const c of channels) c.close?.();
  }
}
