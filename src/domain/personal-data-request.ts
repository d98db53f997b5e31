import { addDays } from './paris-time.ts';

// The register of personal-data requests (RGPD articles 12, 15, 16, 17 and 21): what the person
// asked, when it was received, and the date the answer is due. The law gives one month from
// receipt, extendable by two more months for a complex request, provided the person is told
// within the first month (article 12-3).

export const REQUEST_KINDS = ['access', 'rectification', 'erasure', 'opposition'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  access: 'Accès : copie de ses données',
  rectification: 'Rectification',
  erasure: 'Effacement',
  opposition: 'Opposition',
};

export const REQUEST_CHANNELS = ['guichet', 'courrier', 'email'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = { guichet: 'Au guichet', courrier: 'Par courrier', email: 'Par e-mail' };

export const REQUEST_STATUSES = ['open', 'extended', 'answered', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'À traiter',
  extended: 'Délai prolongé',
  answered: 'Répondue',
  refused: 'Refusée',
};
export const OPEN_STATUSES: readonly RequestStatus[] = ['open', 'extended'];

/** How many days before the due date a request is flagged as due soon. */
export const DUE_SOON_DAYS = 7;

/**
 * `date` ('YYYY-MM-DD') plus whole months, same day of the month; when that day does not exist
 * (31 January + 1 month), the last day of the month — the deadline never spills into the next one.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The date the answer is due: one month after receipt, three when extended. */
export function requestDueOn(receivedOn: string, extended = false): string {
  return addMonths(receivedOn, extended ? 3 : 1);
}

/** Where an open request stands on `today`: late (due date passed), due soon (7 days or fewer), or on time. */
export function requestUrgency(dueOn: string, today: string): { late: boolean; dueSoon: boolean; daysLeft: number } {
  const daysLeft = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { late: daysLeft < 0, dueSoon: daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS, daysLeft };
}

/** Why a request may not be extended on `today`, or null when it may. */
export function extensionRefusal(r: { status: RequestStatus; receivedOn: string }, today: string): string | null {
  if (r.status === 'extended') return 'Le délai de cette demande a déjà été prolongé : la loi ne permet qu’une prolongation de deux mois.';
  if (r.status !== 'open') return 'Cette demande est close.';
  if (today > requestDueOn(r.receivedOn)) return 'Le premier mois est passé : la prolongation devait être annoncée à la personne avant la date limite.';
  return null;
}

/** Whether a received date is acceptable on `today`: not in the future, not more than a year ago. */
export function receivedOnRefusal(receivedOn: string, today: string): string | null {
  if (receivedOn > today) return 'La date de réception ne peut pas être dans le futur.';
  if (receivedOn < addDays(today, -366)) return 'La date de réception date de plus d’un an : vérifiez-la.';
  return null;
}
