import { CHANNEL_LABELS, OUTBOX_STATUS_LABELS, REMINDER_KIND_LABELS, type Channel, type OutboxStatus, type ReminderKind } from '../../domain/reminders.ts';
import type { TicketStatus } from '../../domain/ticket.ts';
import type { bookletTickets, beneficiaryReminders } from '../../repositories/read-models/person-page.ts';

type TicketRow = Awaited<ReturnType<typeof bookletTickets>>[number];
type ReminderRow = Awaited<ReturnType<typeof beneficiaryReminders>>[number];

export type TicketState = 'unused' | 'used' | 'expired' | 'cancelled' | 'blocked' | 'in_stock';

const USED: readonly TicketStatus[] = ['redeemed', 'claimed', 'paid'];

/**
 * A ticket as the person and the agent see it: unused, used (where, when), expired, cancelled
 * (a lost booklet), blocked. The reimbursement stages of a used ticket are the structure's
 * business, not the resident's.
 */
export function ticketStateOf(t: Pick<TicketRow, 'status' | 'blocked_from' | 'valid_until'>, today: string): TicketState {
  if (USED.includes(t.status)) return 'used';
  if (t.status === 'issued') return t.valid_until < today ? 'expired' : 'unused';
  if (t.status === 'expired') return 'expired';
  if (t.status === 'blocked') return t.blocked_from && USED.includes(t.blocked_from) ? 'used' : 'blocked';
  return t.status === 'in_stock' ? 'in_stock' : 'cancelled';
}

const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

export function ticketView(t: TicketRow, today: string) {
  const state = ticketStateOf(t, today);
  const used = state === 'used' && t.redeemed_at;
  const label: Record<TicketState, string> = {
    unused: 'Pas encore utilisé',
    used: used ? `Utilisé le ${dateFmt.format(new Date(t.redeemed_at!))}${t.structure_name ? ` chez ${t.structure_name}` : ''}` : 'Utilisé',
    expired: 'Expiré sans avoir servi',
    cancelled: 'Annulé (carnet perdu ou remplacé)',
    blocked: 'Bloqué par l’administration',
    in_stock: 'Pas encore remis',
  };
  return { serial: t.serial, state, stateLabel: label[state], usedAt: state === 'used' ? t.redeemed_at : null, usedBy: state === 'used' ? t.structure_name : null };
}

export function reminderView(r: ReminderRow) {
  const status = r.status as OutboxStatus;
  return {
    id: r.id,
    kindLabel: REMINDER_KIND_LABELS[r.kind as ReminderKind] ?? 'Rappel',
    channelLabel: CHANNEL_LABELS[r.channel as Channel],
    status,
    statusLabel: OUTBOX_STATUS_LABELS[status],
    createdAt: r.created_at,
    sentAt: r.sent_at,
    why: status === 'sent' ? null : r.last_error,
  };
}
