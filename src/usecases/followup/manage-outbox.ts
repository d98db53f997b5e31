import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { CHANNEL_LABELS, OUTBOX_STATUS_LABELS, REMINDER_KIND_LABELS, type Channel, type OutboxStatus, type ReminderKind } from '../../domain/reminders.ts';
import { getMessage, listAttempts, listMessages, markLettersPrinted, pendingLetters, recordAttempt, requeue } from '../../repositories/outbox.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { renderLettersPdf } from '../../exports/letters-pdf.ts';
import { PASSWORD_LINK_KIND } from '../access/password-links.ts';
import { audit } from '../support/audit.ts';
import { configuredChannelNames } from '../support/channels.ts';
import type { Deps } from '../support/deps.ts';

type Status = OutboxStatus;
const STATUS_LABELS = OUTBOX_STATUS_LABELS;

/** The outbox of the territory, newest first (admin): held messages show what waits for a channel. */
export async function listOutbox(deps: Deps, actor: Actor, q: { status?: Status; channel?: Channel; limit: number; offset: number }) {
  requireRole(actor, 'admin');
  const [count, rows] = await listMessages(deps.db, { territoryId: actor.territoryId, ...q });
  const names = new Set<string>(configuredChannelNames(deps.config));
  return {
    total: Number(count?.n ?? 0),
    channels: (['email', 'sms', 'letter'] as Channel[]).map((c) => ({
      channel: c, label: CHANNEL_LABELS[c], configured: c === 'letter' || names.has(c),
      help: c === 'letter' ? 'Les courriers sont imprimés par la mairie (lot PDF).' : names.has(c) ? 'Configuré.' : c === 'email' ? 'Définissez PASSNUM_SMTP_URL pour envoyer les e-mails.' : 'Définissez PASSNUM_SMS_URL et PASSNUM_SMS_KEY pour envoyer les SMS.',
    })),
    messages: rows.map((m) => ({
      id: m.id, kind: m.kind, kindLabel: REMINDER_KIND_LABELS[m.kind as ReminderKind] ?? 'Rappel', channel: m.channel, channelLabel: CHANNEL_LABELS[m.channel], status: m.status, statusLabel: STATUS_LABELS[m.status],
      recipient: m.recipient, beneficiary: m.beneficiary_id ? { id: m.beneficiary_id, name: `${m.first_name ?? ''} ${m.usage_name || m.birth_name || ''}`.trim() } : null,
      // A password link is a secret of its recipient: the admin sees that it left, not the link.
      subject: m.subject, body: m.kind === PASSWORD_LINK_KIND ? 'Lien personnel de choix du mot de passe (masqué).' : m.body, attempts: m.attempts, nextAttemptAt: m.status === 'pending' ? m.next_attempt_at : null,
      sentAt: m.sent_at, lastError: m.last_error, createdAt: m.created_at,
    })),
  };
}

export async function listOutboxAttempts(deps: Deps, actor: Actor, messageId: string) {
  requireRole(actor, 'admin');
  const m = await getMessage(deps.db, messageId);
  if (!m || m.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Ce message est introuvable.');
  return (await listAttempts(deps.db, messageId)).map((a) => ({ id: a.id, at: a.at, ok: a.ok === 1, error: a.error }));
}

/** An abandoned message gets a new round of attempts (admin). */
export async function requeueMessage(deps: Deps, actor: Actor, messageId: string) {
  requireRole(actor, 'admin');
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    if (!(await requeue(trx, messageId, actor.territoryId, now.toISOString()))) {
      throw new DomainError('conflict', 'Seul un message abandonné peut être relancé.');
    }
    await audit(trx, actor, now, 'reminder.requeued', { type: 'outbox', id: messageId });
  });
  return { id: messageId, status: 'pending' as const };
}

/**
 * The letters waiting to be posted, as one PDF for the commune to print (an agent gets their
 * organisation's, the admin any commune's). Printing them marks them sent, once: a second batch
 * will not contain them again.
 */
export async function printLetters(deps: Deps, actor: Actor, q: { communeInsee?: string }): Promise<{ pdf: Buffer; count: number }> {
  requireRole(actor, 'admin', 'agent');
  const now = deps.now();
  const letters = await pendingLetters(deps.db, { territoryId: actor.territoryId, organisationId: actor.role === 'agent' ? actor.organisationId : null, communeInsee: q.communeInsee });
  if (!letters.length) throw new DomainError('not_found', 'Aucun courrier de rappel n’attend d’être imprimé.');
  const taken = await inTransaction(deps.db, async (trx) => {
    const n = await markLettersPrinted(trx, letters.map((l) => l.id), now.toISOString());
    if (n !== letters.length) throw new DomainError('conflict', 'Ce lot vient d’être imprimé par quelqu’un d’autre. Rechargez la page.');
    for (const l of letters) await recordAttempt(trx, { id: deps.newId(), messageId: l.id, at: now.toISOString(), ok: true, error: null });
    await audit(trx, actor, now, 'reminder.letters_printed', { type: 'outbox', id: letters[0].id }, { count: n, communeInsee: q.communeInsee ?? null });
    return n;
  });
  const pdf = await renderLettersPdf(
    letters.map((l) => ({ organisationName: l.organisation_name, recipientName: `${l.first_name} ${l.usage_name || l.birth_name}`, address: l.recipient, subject: l.subject, body: l.body })),
    now,
  );
  return { pdf, count: taken };
}
