// The agent's page of a person: the sentences of consent (one per channel, read to the person)
// and what to do next, worked out from what the page shows.
import type { BeneficiaryDetails } from '../api/agent.ts';

export type ReminderChannel = 'sms' | 'email' | 'letter';

/** The sentence the person agrees to, channel by channel; the box is never ticked in advance. */
export const CONSENT_SENTENCES: Record<ReminderChannel, string> = {
  sms: 'J’accepte de recevoir par SMS, au numéro indiqué, un rappel avant une séance réservée et avant la fin de validité de mes tickets.',
  email: 'J’accepte de recevoir ces rappels par e-mail, à l’adresse indiquée.',
  letter: 'J’accepte de recevoir ces rappels par courrier, à l’adresse postale indiquée.',
};

export const CHANNEL_WORDS: Record<ReminderChannel, string> = { sms: 'SMS', email: 'e-mail', letter: 'courrier' };

/** The channels that can be offered: a contact must be given for each. */
export function offeredChannels(c: { phone: string; email: string; address?: string }): ReminderChannel[] {
  const out: ReminderChannel[] = [];
  if (c.phone.trim()) out.push('sms');
  if (c.email.trim()) out.push('email');
  if (c.address?.trim()) out.push('letter');
  return out;
}

/** "SMS et e-mail", "aucun rappel". */
export function consentWords(d: Pick<BeneficiaryDetails, 'contactConsent' | 'reminderChannels' | 'optedOutAt'>): string {
  if (d.optedOutAt) return 'Aucun rappel : la personne a demandé à ne plus en recevoir.';
  if (!d.contactConsent) return 'Aucun rappel : la personne n’a pas donné son accord.';
  const channels = d.reminderChannels;
  if (channels === null) return 'Rappels acceptés (accord donné avant le choix canal par canal).';
  const words = channels.map((c) => CHANNEL_WORDS[c]);
  return `Rappels acceptés par ${words.length > 1 ? `${words.slice(0, -1).join(', ')} et ${words[words.length - 1]}` : words[0]}.`;
}

/** What the agent can do next for this person, most useful first. */
export function nextSteps(d: BeneficiaryDetails, now: Date): string[] {
  const steps: string[] = [];
  const live = d.booklets.find((b) => b.status === 'issued' && !b.expired);
  const upcoming = d.bookings.some((s) => Date.parse(s.startsAt) > now.getTime());
  const followUps = d.diagnostics.filter((x) => x.kind === 'followup').length;
  if (!d.diagnostics.length) steps.push('Faire le premier diagnostic : reprenez l’accueil.');
  if (!live) steps.push(d.booklets.length ? 'Son carnet n’est plus utilisable : voyez la section « Carnets ».' : 'Elle n’a pas encore de carnet : reprenez l’accueil pour le lui remettre.');
  else {
    if (live.unusedTickets > 0 && !upcoming) steps.push(`Il lui reste ${live.unusedTickets} ticket${live.unusedTickets > 1 ? 's' : ''} : réservez-lui une séance.`);
    if (live.usedTickets > 0 && followUps === 0) steps.push('Elle a commencé ses séances : faites le diagnostic de suivi pour mesurer ses progrès.');
  }
  if (!d.contactConsent && !d.optedOutAt) steps.push('Elle ne reçoit aucun rappel : demandez-lui si elle en souhaite (section « Contact et rappels »).');
  return steps;
}

/** The intake resumed for a person already registered (first diagnostic, booklet). */
export function resumeIntakePath(beneficiaryId: string): string {
  return `/agent/nouvel-accueil?beneficiaire=${encodeURIComponent(beneficiaryId)}`;
}

export function personPath(beneficiaryId: string): string {
  return `/agent/beneficiaires/${encodeURIComponent(beneficiaryId)}`;
}
