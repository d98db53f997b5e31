// Pure shaping for the mediator's "Scanner un pass" screen: what a scanned QR code holds, the
// result card of a checked ticket (icon, words and colour: never colour alone), the basket of
// tickets of one booklet redeemed together, and the service form's checks.
import { normaliseCode, parseCode } from '../../../src/domain/ticket-code.ts';
import type { TicketCheck } from '../api/mediator.ts';
import { euros, frenchDate } from './format.ts';

/**
 * The ticket code in a QR code's text: the printed tickets hold the code itself, but a code at the
 * end of a link (…/t/7K2M9QXD…) or with spaces is read too. Null when no valid code is found.
 */
export function codeFromScan(text: string): string | null {
  const candidates = [text, ...text.split(/[/?#=&]/).reverse()];
  for (const candidate of candidates) {
    const parsed = parseCode(normaliseCode(candidate.trim()));
    if (parsed.ok) return parsed.code;
  }
  return null;
}

export type CardKind = 'valable' | 'refuse' | 'inconnu';

export interface TicketCard {
  kind: CardKind;
  /** Shown large, and repeated in words for screen readers. */
  icon: string;
  title: string;
  holder: string | null;
  lines: string[];
  /** One sentence for the live region. */
  announcement: string;
}

/** "Jeanne" + "M" → "Jeanne M." */
export function holderName(holder: TicketCheck['holder']): string | null {
  if (!holder) return null;
  const initial = holder.lastNameInitial.replace(/\.$/, '');
  return initial ? `${holder.firstName} ${initial}.` : holder.firstName;
}

export function ticketCard(check: TicketCheck): TicketCard {
  const holder = holderName(check.holder);
  const lines = [
    `Ticket ${check.index} du carnet ${check.bookletSerial} (n° ${check.serial})`,
    `État : ${check.statusLabel}`,
    `Valable jusqu’au ${frenchDate(check.validUntil)} — ${euros(check.faceValueCents)}`,
    `Campagne : ${check.campaign.name}`,
  ];
  if (check.usable) {
    return {
      kind: 'valable',
      icon: '✓',
      title: 'Ticket valable',
      holder,
      lines,
      announcement: `Ticket valable${holder ? ` de ${holder}` : ''}, jusqu’au ${frenchDate(check.validUntil)}.`,
    };
  }
  const reason = check.refusal?.message ?? `Ce ticket ne peut pas être utilisé : ${check.statusLabel.toLowerCase()}.`;
  return {
    kind: 'refuse',
    icon: '✗',
    title: 'Ticket refusé',
    holder,
    lines: [reason, ...lines],
    announcement: `Ticket refusé. ${reason}`,
  };
}

/** The card when the server does not know the code (or refuses to say, e.g. after too many tries). */
export function unknownCard(message: string): TicketCard {
  return { kind: 'inconnu', icon: '✗', title: 'Code refusé', holder: null, lines: [message], announcement: `Code refusé. ${message}` };
}

export interface BasketItem {
  code: string;
  check: TicketCheck;
}

export type BasketAdd = { ok: true; basket: BasketItem[] } | { ok: false; message: string };

/** Adds a usable ticket to the redemption: one booklet at a time, each ticket once. */
export function addToBasket(basket: BasketItem[], item: BasketItem): BasketAdd {
  if (!item.check.usable) return { ok: false, message: 'Ce ticket ne peut pas être utilisé : il n’est pas ajouté.' };
  if (basket.some((b) => b.code === item.code || b.check.serial === item.check.serial)) {
    return { ok: false, message: `Le ticket ${item.check.index} est déjà dans cette utilisation.` };
  }
  const first = basket[0];
  if (first && first.check.bookletSerial !== item.check.bookletSerial) {
    return {
      ok: false,
      message: `Ce ticket est d’un autre carnet (${item.check.bookletSerial}). Validez d’abord les tickets du carnet ${first.check.bookletSerial}, ou retirez-les.`,
    };
  }
  return { ok: true, basket: [...basket, item].sort((a, b) => a.check.index - b.check.index) };
}

export function basketTotal(basket: BasketItem[]): number {
  return basket.reduce((sum, b) => sum + b.check.faceValueCents, 0);
}

export const DURATIONS = [30, 45, 60, 90, 120, 180];

/** 90 → "1 h 30", 45 → "45 min". */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

export interface ServiceForm {
  format: string;
  themes: string[];
  durationMinutes: string;
  siteId: string;
}

/** A service form with nothing chosen: each person starts clean (the site is preset when the structure has one). */
export function blankService(sites: { id: string }[] | null): ServiceForm {
  return { format: '', themes: [], durationMinutes: '', siteId: sites && sites.length === 1 ? sites[0].id : '' };
}

/** The site choices: "Choisir…" first unless the structure has one site. */
export function siteOptions(sites: { id: string; name: string; communeName?: string | null; communeInsee: string }[]) {
  return [...(sites.length > 1 ? [{ value: '', label: 'Choisir…' }] : []), ...sites.map((s) => ({ value: s.id, label: `${s.name} — ${s.communeName ?? s.communeInsee}` }))];
}

/** Field errors of the service form, keyed by field id. */
export function serviceErrors(form: ServiceForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.format) errors['format'] = 'Choisissez le format : individuel ou atelier collectif.';
  if (form.themes.length === 0) errors['themes-mediation'] = 'Cochez au moins une thématique.';
  if (!form.durationMinutes) errors['duree'] = 'Choisissez la durée de l’accompagnement.';
  if (!form.siteId) errors['lieu'] = 'Choisissez le lieu où l’accompagnement a eu lieu.';
  return errors;
}

/** A network failure or a server hiccup is worth a new try with the same clientRedemptionId. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 502 || status === 503 || status === 504;
}

/** "2 tickets — 20,00 €". */
export function ticketCount(n: number, cents?: number): string {
  const t = `${n} ticket${n > 1 ? 's' : ''}`;
  return cents === undefined ? t : `${t} — ${euros(cents)}`;
}

/** A version-4 UUID from 16 random bytes (for browsers without crypto.randomUUID, e.g. plain http). */
export function uuidV4FromBytes(bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Maps a field the API names in a refusal onto the service form's field ids. */
export function serviceFieldOf(apiField: string): string | null {
  const map: Record<string, string> = {
    'service.format': 'format',
    'service.themes': 'themes-mediation',
    'service.durationMinutes': 'duree',
    'service.siteId': 'lieu',
  };
  return map[apiField] ?? null;
}
