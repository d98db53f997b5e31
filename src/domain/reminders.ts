// Reminders (docs/product.md "The life of a booklet", step 6): before a booked session, and when
// tickets are still unused 30 days before they expire. Plain-French templates, one channel per
// message, at most one message a week per person, only with consent, opt-out honoured.
import { formatEuros } from './money.ts';
import { frenchDate } from './paris-time.ts';

export type Channel = 'email' | 'sms' | 'letter';
export type ReminderKind = 'session_soon' | 'tickets_expiring';

export const WEEK_MS = 7 * 24 * 3600 * 1000;
/** A session is announced when it starts within this delay (2 days before). */
export const SESSION_NOTICE_MS = 2 * 24 * 3600 * 1000;
/** Unused tickets are announced from this many days before their validity end. */
export const EXPIRY_NOTICE_DAYS = 30;
export const MAX_ATTEMPTS = 6;
/**
 * A letter is printed at the commune, then posted (La Poste's "lettre verte" takes about three
 * working days): it is planned only when what it announces is at least this far away.
 */
export const LETTER_LEAD_DAYS = 6;
/** A session's letter is planned from this many days before it (an SMS or an e-mail: two days). */
export const LETTER_SESSION_NOTICE_DAYS = 8;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Whether a reminder is due now on its channel, given the instant it announces (a session's start,
 * the end of the tickets' validity): 'too_late' for a letter that could not arrive in time.
 */
export function reminderTiming(kind: ReminderKind, channel: Channel, now: Date, deadline: Date): 'due' | 'not_yet' | 'too_late' {
  const ahead = deadline.getTime() - now.getTime();
  if (channel === 'letter') {
    if (ahead < LETTER_LEAD_DAYS * DAY_MS) return 'too_late';
    return kind === 'session_soon' && ahead > LETTER_SESSION_NOTICE_DAYS * DAY_MS ? 'not_yet' : 'due';
  }
  return kind === 'session_soon' && ahead > SESSION_NOTICE_MS ? 'not_yet' : 'due';
}

export interface Contact {
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** "06 12 34 56 78" → "+33612345678"; null unless it is a French mobile number (SMS only). */
export function mobileNumber(phone: string | null): string | null {
  if (!phone) return null;
  const compact = phone.replace(/[\s.\-()]/g, '');
  const national = /^0[67]\d{8}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
  return /^\+33[67]\d{8}$/.test(national) ? national : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one channel used for a person: an SMS when there is a mobile number (people far from
 * computers read text messages more than e-mail), else an e-mail, else a letter the commune posts.
 */
export function chooseChannel(c: Contact): { channel: Channel; recipient: string } | null {
  const mobile = mobileNumber(c.phone);
  if (mobile) return { channel: 'sms', recipient: mobile };
  if (c.email && EMAIL.test(c.email.trim())) return { channel: 'email', recipient: c.email.trim() };
  if (c.address && c.address.trim()) return { channel: 'letter', recipient: c.address.trim() };
  return null;
}

export const CHANNELS: readonly Channel[] = ['sms', 'email', 'letter'];
export const CHANNEL_LABELS: Record<Channel, string> = { email: 'E-mail', sms: 'SMS', letter: 'Courrier' };
export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  session_soon: 'Séance dans deux jours',
  tickets_expiring: 'Tickets bientôt expirés',
};
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'held';
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'À envoyer',
  held: 'En attente (canal non configuré)',
  sent: 'Envoyé',
  failed: 'Abandonné',
};

/** The channels a person agreed to, from the stored JSON list; null: any contact given (earlier consent). */
export function parseChannels(stored: string | null | undefined): Channel[] | null {
  if (stored === null || stored === undefined) return null;
  const list = JSON.parse(stored) as unknown;
  return Array.isArray(list) ? CHANNELS.filter((c) => list.includes(c)) : [];
}

/**
 * The contact reminders may use: only the channels the person ticked (one box per channel, never
 * pre-ticked). A phone number given for the agent's call is not consent to an SMS.
 */
export function consentedContact(c: Contact, channels: readonly Channel[] | null): Contact {
  if (channels === null) return c;
  return {
    phone: channels.includes('sms') ? c.phone : null,
    email: channels.includes('email') ? c.email : null,
    address: channels.includes('letter') ? c.address : null,
  };
}

export interface Consent {
  contactConsent: boolean;
  optedOutAt: string | null;
  anonymisedAt: string | null;
}

/** Reminders go only to people who agreed to them and never said stop. */
export function mayRemind(c: Consent): boolean {
  return c.contactConsent && c.optedOutAt === null && c.anonymisedAt === null;
}

/** At most one message a week per person (any kind, any channel). */
export function weekAllows(lastMessageAt: string | null, now: Date): boolean {
  return lastMessageAt === null || now.getTime() - Date.parse(lastMessageAt) >= WEEK_MS;
}

/** Messages leave between 9:00 and 19:00, Paris time: no SMS in the middle of the night. */
export const SENDING_HOURS = { from: 9, to: 19 } as const;
const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });
export function withinSendingHours(now: Date): boolean {
  const h = Number(hourFmt.format(now));
  return h >= SENDING_HOURS.from && h < SENDING_HOURS.to;
}

/** Retry delay after a failed attempt: 5 min, 10, 20, 40, 80… capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const dayFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const shortFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'short', day: '2-digit', month: '2-digit' });

/** "mardi 17 mars à 14 h 00" (Paris time). */
export function frenchDayAndTime(instant: string): string {
  const d = new Date(instant);
  return `${dayFmt.format(d)} à ${timeFmt.format(d).replace(':', ' h ')}`;
}

export interface Message {
  subject: string;
  body: string;
}

export interface SessionReminder {
  firstName: string;
  title: string;
  startsAt: string;
  siteName: string;
  siteAddress: string;
  structureName: string;
  structurePhone: string | null;
}

export function sessionReminder(channel: Channel, r: SessionReminder): Message {
  const when = frenchDayAndTime(r.startsAt);
  const subject = `Rappel : votre séance d’aide au numérique ${when}`;
  if (channel === 'sms') {
    const d = new Date(r.startsAt);
    return {
      subject,
      body: `Pass numérique : rappel de votre séance ${shortFmt.format(d)} à ${timeFmt.format(d).replace(':', 'h')}, ${r.siteName}, ${r.siteAddress}. Apportez votre carnet.${r.structurePhone ? ` Empêché(e) ? ${r.structurePhone}` : ''}`,
    };
  }
  const lines = [
    `Bonjour ${r.firstName},`,
    '',
    `Nous vous rappelons votre séance « ${r.title} » ${when}.`,
    `Lieu : ${r.siteName}, ${r.siteAddress}.`,
    '',
    'Pensez à apporter votre carnet pass numérique : un ticket paie la séance, vous n’avez rien à payer.',
    r.structurePhone
      ? `Si vous ne pouvez pas venir, prévenez ${r.structureName} au ${r.structurePhone}.`
      : `Si vous ne pouvez pas venir, prévenez ${r.structureName}.`,
    '',
    'Bonne séance !',
  ];
  return { subject, body: lines.join('\n') + optOutLine(channel) };
}

export interface ExpiryReminder {
  firstName: string;
  unusedTickets: number;
  unusedCents: number;
  validUntil: string;
  organisationName: string;
}

export function expiryReminder(channel: Channel, r: ExpiryReminder): Message {
  const tickets = r.unusedTickets > 1 ? `${r.unusedTickets} tickets` : '1 ticket';
  const subject = `Vos tickets pass numérique sont valables jusqu’au ${frenchDate(r.validUntil)}`;
  if (channel === 'sms') {
    return {
      subject,
      body: `Pass numérique : il vous reste ${tickets} à utiliser avant le ${frenchDate(r.validUntil)}. Ils paient des séances d’aide au numérique près de chez vous. Besoin d’aide ? ${r.organisationName}.`,
    };
  }
  const lines = [
    `Bonjour ${r.firstName},`,
    '',
    `Il vous reste ${tickets} pass numérique (d’une valeur de ${formatEuros(r.unusedCents)}) à utiliser avant le ${frenchDate(r.validUntil)}.`,
    'Chaque ticket paie une séance d’aide au numérique : utiliser son téléphone, faire ses démarches en ligne, écrire des e-mails…',
    'Après cette date, les tickets ne valent plus rien.',
    '',
    `Pour trouver un lieu ou réserver une séance, adressez-vous à ${r.organisationName}.`,
  ];
  return { subject, body: lines.join('\n') + optOutLine(channel) };
}

function optOutLine(channel: Channel): string {
  return channel === 'letter'
    ? '\n\nSi vous ne souhaitez plus recevoir de courrier de rappel, dites-le à votre mairie.'
    : '\n\nSi vous ne souhaitez plus recevoir de rappels, dites-le à votre mairie ou répondez « STOP ».';
}

/** What an agent can do for a person of the action list, in plain words. */
export function callAdvice(p: { phone: string | null; usedTickets: number; daysLeft: number }): string {
  const urgency = p.daysLeft <= 7 ? `Plus que ${p.daysLeft} jour${p.daysLeft > 1 ? 's' : ''}. ` : '';
  const what = p.usedTickets === 0 ? 'Aucun ticket utilisé : proposer de réserver une première séance.' : 'Proposer de réserver les séances restantes.';
  const how = p.phone ? '' : ' Pas de téléphone : écrire ou attendre un passage en mairie.';
  return `${urgency}${what}${how}`;
}
