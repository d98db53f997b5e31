// Refusals of a ticket at a structure, in plain French (docs/product.md: "already used (when, where),
// expired, cancelled, not yet handed out, structure not accredited, unknown code").
import { DomainError } from './errors.ts';
import { frenchDate } from './paris-time.ts';
import type { RedemptionRefusalCode } from './ticket.ts';

export type TicketRefusalCode = RedemptionRefusalCode | 'structure_not_accredited' | 'invalid_code';

const timeFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "12/03/2026 à 14:05" in Paris time. */
export function parisDateTimeLabel(iso: string): string {
  return timeFmt.format(new Date(iso)).replace(' ', ' à ');
}

/** Unknown, malformed and wrong-check codes share one answer so codes cannot be probed. */
export const INVALID_CODE_MESSAGE =
  'Ce code n’est pas reconnu. Vérifiez chaque caractère (le code figure sous le QR code du ticket) ou contactez le programme.';

export interface RefusalFacts {
  validUntil?: string;
  redeemedAt?: string | null;
  structureName?: string | null;
  campaignName?: string;
}

export function refusalMessage(code: TicketRefusalCode, f: RefusalFacts = {}): string {
  switch (code) {
    case 'already_redeemed': {
      const when = f.redeemedAt ? ` le ${parisDateTimeLabel(f.redeemedAt)}` : '';
      const where = f.structureName ? ` par « ${f.structureName} »` : '';
      return `Ce ticket a déjà été utilisé${when}${where}. Il ne peut pas servir une deuxième fois.`;
    }
    case 'expired':
      return f.validUntil
        ? `Ce ticket n’est plus valable : il pouvait être utilisé jusqu’au ${frenchDate(f.validUntil)} inclus.`
        : 'Ce ticket n’est plus valable : sa date limite est passée.';
    case 'cancelled':
      return 'Ce ticket a été annulé (carnet perdu, remplacé ou retiré). Il ne peut pas être utilisé.';
    case 'blocked':
      return 'Ce ticket est bloqué par le programme (vérification en cours). Il ne peut pas être utilisé pour le moment.';
    case 'not_issued':
      return 'Ce ticket n’a pas encore été remis à un bénéficiaire par une mairie : il ne peut pas être utilisé.';
    case 'structure_not_accredited':
      return f.campaignName
        ? `Votre structure n’est pas habilitée pour la campagne « ${f.campaignName} » : elle ne peut pas accepter ce ticket.`
        : 'Votre structure n’est pas habilitée pour la campagne de ce ticket : elle ne peut pas l’accepter.';
    case 'invalid_code':
      return INVALID_CODE_MESSAGE;
  }
}

/** Order in which a multi-ticket refusal picks the code it answers with (details list them all). */
const PRIORITY: TicketRefusalCode[] = ['invalid_code', 'structure_not_accredited', 'already_redeemed', 'expired', 'cancelled', 'blocked', 'not_issued'];

export interface TicketRefusal { position: number; code: TicketRefusalCode; serial?: string; facts: RefusalFacts }

/** One DomainError for a refused request: the most important refusal, with every ticket's reason. */
export function refusalError(refusals: TicketRefusal[], ticketCount: number): DomainError {
  const sorted = [...refusals].sort((a, b) => PRIORITY.indexOf(a.code) - PRIORITY.indexOf(b.code) || a.position - b.position);
  const main = sorted[0];
  const tickets = refusals.map((r) => ({
    position: r.position,
    reason: r.code,
    ...(r.serial ? { serial: r.serial } : {}),
    ...(r.code === 'already_redeemed' ? { redeemedAt: r.facts.redeemedAt ?? null, structureName: r.facts.structureName ?? null } : {}),
    ...(r.code === 'expired' && r.facts.validUntil ? { validUntil: r.facts.validUntil } : {}),
  }));
  const prefix = ticketCount > 1 ? 'Aucun ticket n’a été utilisé. ' : '';
  const { position: _p, ...mainDetails } = tickets.find((t) => t.position === main.position)!;
  return new DomainError(main.code, prefix + refusalMessage(main.code, main.facts), { ...mainDetails, tickets });
}
