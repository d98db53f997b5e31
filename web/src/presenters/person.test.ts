import { describe, expect, it } from 'vitest';
import type { BeneficiaryDetails } from '../api/agent.ts';
import { consentWords, nextSteps, offeredChannels } from './person.ts';

const base = {
  contactConsent: false, reminderChannels: [], optedOutAt: null, diagnostics: [], booklets: [], bookings: [],
} as unknown as BeneficiaryDetails;

describe('person page presenter', () => {
  it('offers a channel only when its contact is given', () => {
    expect(offeredChannels({ phone: '', email: '' })).toEqual([]);
    expect(offeredChannels({ phone: '06', email: 'a@b.fr', address: '1 rue' })).toEqual(['sms', 'email', 'letter']);
  });

  it('says which channels the person agreed to, in words', () => {
    expect(consentWords({ contactConsent: true, reminderChannels: ['sms', 'email'], optedOutAt: null })).toBe('Rappels acceptés par SMS et e-mail.');
    expect(consentWords({ contactConsent: false, reminderChannels: [], optedOutAt: null })).toMatch(/pas donné son accord/);
    expect(consentWords({ contactConsent: true, reminderChannels: ['sms'], optedOutAt: '2026-01-01' })).toMatch(/ne plus en recevoir/);
  });

  it('asks for a booklet, a session and a follow-up as the person goes along', () => {
    expect(nextSteps(base, new Date())).toEqual([
      'Faire le premier diagnostic : reprenez l’accueil.',
      'Elle n’a pas encore de carnet : reprenez l’accueil pour le lui remettre.',
      'Elle ne reçoit aucun rappel : demandez-lui si elle en souhaite (section « Contact et rappels »).',
    ]);
    const started = {
      ...base, contactConsent: true, diagnostics: [{ kind: 'initial' }],
      booklets: [{ status: 'issued', expired: false, unusedTickets: 4, usedTickets: 1 }],
    } as unknown as BeneficiaryDetails;
    expect(nextSteps(started, new Date())).toEqual([
      'Il lui reste 4 tickets : réservez-lui une séance.',
      'Elle a commencé ses séances : faites le diagnostic de suivi pour mesurer ses progrès.',
    ]);
  });
});
