import { addDays, parisDate, parisStartOfDay } from '../../domain/paris-time.ts';
import {
  chooseChannel, consentedContact, EXPIRY_NOTICE_DAYS, expiryReminder, LETTER_SESSION_NOTICE_DAYS, mayRemind, parseChannels, reminderTiming, sessionReminder, weekAllows,
  type Channel, type Message, type ReminderKind,
} from '../../domain/reminders.ts';
import { expiryReminderCandidates, insertMessage, lastMessageAt, messageExists, sessionReminderCandidates } from '../../repositories/outbox.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

export interface PlanSummary {
  planned: number;
  held: number;
  sessionReminders: number;
  expiryReminders: number;
  alreadyPlanned: number;
  skippedThisWeek: number;
  skippedNoContact: number;
  /** Only a postal address, and the letter could not arrive before the session or the expiry. */
  skippedLetterTooLate: number;
}

interface Candidate {
  beneficiaryId: string;
  territoryId: string;
  kind: ReminderKind;
  dedupeKey: string;
  contact: { phone: string | null; email: string | null; address: string | null };
  consent: { contactConsent: boolean; optedOutAt: string | null; anonymisedAt: string | null };
  /** The channels the person ticked; null: any contact given (earlier consent). */
  channels: Channel[] | null;
  /** What the reminder announces: the session's start, or the end of the tickets' validity. */
  deadline: Date;
  message: (channel: Channel) => Message;
}

/**
 * Puts due reminders in the outbox: seats booked in a session starting within two days, and unused
 * tickets whose validity ends within 30 days. Only people who accepted reminders and never opted
 * out; one channel each; at most one message a week per person; never the same reminder twice
 * (the outbox's unique dedupe key). Messages of a channel that cannot send yet are "held".
 */
export async function planReminders(deps: Deps, sendable: string[]): Promise<PlanSummary> {
  const now = deps.now();
  const today = parisDate(now);
  const summary: PlanSummary = { planned: 0, held: 0, sessionReminders: 0, expiryReminders: 0, alreadyPlanned: 0, skippedThisWeek: 0, skippedNoContact: 0, skippedLetterTooLate: 0 };
  const consent = (r: { contact_consent: number; opted_out_at: string | null; anonymised_at: string | null }) => ({
    contactConsent: r.contact_consent === 1, optedOutAt: r.opted_out_at, anonymisedAt: r.anonymised_at,
  });

  // Letters leave earlier than SMS and e-mails: the sessions of the letters' window are read, and
  // each reminder waits until it is due on its own channel (reminderTiming).
  const sessions = await sessionReminderCandidates(deps.db, { from: now.toISOString(), until: new Date(now.getTime() + LETTER_SESSION_NOTICE_DAYS * 86_400_000).toISOString() });
  const expiring = await expiryReminderCandidates(deps.db, { today, until: addDays(today, EXPIRY_NOTICE_DAYS) });
  const candidates: Candidate[] = [
    // Sessions first: a seat in two days matters more than tickets expiring within a month.
    ...sessions.map((r): Candidate => ({
      beneficiaryId: r.beneficiary_id, territoryId: r.territory_id, kind: 'session_soon', dedupeKey: `session:${r.booking_id}`,
      contact: r, consent: consent(r), channels: parseChannels(r.reminder_channels), deadline: new Date(r.starts_at),
      message: (channel) => sessionReminder(channel, {
        firstName: r.first_name, title: r.title, startsAt: r.starts_at, siteName: r.site_name, siteAddress: r.site_address,
        structureName: r.structure_name, structurePhone: r.site_phone ?? r.structure_phone,
      }),
    })),
    ...expiring.map((r): Candidate => ({
      beneficiaryId: r.beneficiary_id, territoryId: r.territory_id, kind: 'tickets_expiring', dedupeKey: `expiry:${r.beneficiary_id}:${r.campaign_id}`,
      contact: r, consent: consent(r), channels: parseChannels(r.reminder_channels), deadline: parisStartOfDay(addDays(r.valid_until, 1)),
      message: (channel) => expiryReminder(channel, {
        firstName: r.first_name, unusedTickets: Number(r.unused), unusedCents: Number(r.unused_cents), validUntil: r.valid_until, organisationName: r.organisation_name,
      }),
    })),
  ];

  for (const c of candidates) {
    if (!mayRemind(c.consent)) continue;
    const route = chooseChannel(consentedContact(c.contact, c.channels));
    if (!route) {
      summary.skippedNoContact += 1;
      continue;
    }
    const timing = reminderTiming(c.kind, route.channel, now, c.deadline);
    if (timing === 'not_yet') continue;
    if (timing === 'too_late') {
      summary.skippedLetterTooLate += 1;
      continue;
    }
    const outcome = await inTransaction(deps.db, async (trx) => {
      if (await messageExists(trx, c.dedupeKey)) return 'already' as const;
      if (!weekAllows(await lastMessageAt(trx, c.beneficiaryId), now)) return 'week' as const;
      const { subject, body } = c.message(route.channel);
      const status = route.channel === 'letter' || sendable.includes(route.channel) ? 'pending' : 'held';
      const id = deps.newId();
      const inserted = await insertMessage(trx, {
        id, territory_id: c.territoryId, beneficiary_id: c.beneficiaryId, channel: route.channel, kind: c.kind, dedupe_key: c.dedupeKey,
        recipient: route.recipient, subject, body, status, attempts: 0, next_attempt_at: now.toISOString(), sent_at: null, last_error: null,
        created_at: now.toISOString(),
      });
      if (!inserted) return 'already' as const;
      await audit(trx, null, now, 'reminder.planned', { type: 'outbox', id }, { kind: c.kind, channel: route.channel, status }, c.territoryId);
      return status;
    });
    if (outcome === 'already') summary.alreadyPlanned += 1;
    else if (outcome === 'week') summary.skippedThisWeek += 1;
    else {
      summary.planned += 1;
      if (outcome === 'held') summary.held += 1;
      if (c.kind === 'session_soon') summary.sessionReminders += 1;
      else summary.expiryReminders += 1;
    }
  }
  return summary;
}
