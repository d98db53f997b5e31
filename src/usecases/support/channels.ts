import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

// The senders behind one interface (issue #7, item 2). E-mail goes through SMTP (nodemailer,
// PASSNUM_SMTP_URL), SMS through an HTTP provider (PASSNUM_SMS_URL + PASSNUM_SMS_KEY). Letters are
// not sent by a machine: the commune prints a batch (see print-letters.ts). A channel without
// configuration is absent, and its messages wait in the outbox as "held".

export interface OutgoingMessage {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  dedupeKey: string;
}

export interface MessageChannel {
  readonly name: 'email' | 'sms';
  /** Resolves once the provider accepted the message; throws with a readable reason otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

export function emailChannel(smtpUrl: string, from: string): MessageChannel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'email',
    async send(m) {
      await transport.sendMail({
        from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        // Stable Message-ID: a message re-sent after a crash is recognisably the same one.
        messageId: `<${m.dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@passnum>`,
        headers: { 'X-Passnum-Message-Id': m.id },
      });
    },
    close: () => transport.close(),
  };
}

/**
 * A generic SMS provider adapter: POST JSON `{ to, text, reference }` with the key as a Bearer
 * token and the dedupe key as `Idempotency-Key`; any 2xx is accepted. Most French providers offer
 * such an endpoint; a provider-specific shape would be another adapter behind the same interface.
 */
export function smsChannel(url: string, key: string): MessageChannel {
  return {
    name: 'sms',
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': m.dedupeKey },
        body: JSON.stringify({ to: m.recipient, text: m.body, reference: m.id }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) {
        const detail = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`le fournisseur SMS a répondu ${res.status}${detail ? ` : ${detail}` : ''}`);
      }
    },
  };
}

/** Names of the channels this configuration can send through, without opening them. */
export function configuredChannelNames(config: Pick<Config, 'smtpUrl' | 'smsUrl' | 'smsKey'>): MessageChannel['name'][] {
  return [...(config.smtpUrl ? (['email'] as const) : []), ...(config.smsUrl && config.smsKey ? (['sms'] as const) : [])];
}

/** The channels this configuration can send through (none in a bare demo). */
export function configuredChannels(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'smsUrl' | 'smsKey'>): MessageChannel[] {
  const channels: MessageChannel[] = [];
  if (config.smtpUrl) channels.push(emailChannel(config.smtpUrl, config.mailFrom));
  if (config.smsUrl && config.smsKey) channels.push(smsChannel(config.smsUrl, config.smsKey));
  return channels;
}
