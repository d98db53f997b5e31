import { invalid } from '../../domain/errors.ts';
import { CHANNELS, mobileNumber, type Channel } from '../../domain/reminders.ts';

/** "06 12 34 56 78", "+33612345678" → "+33612345678"; null when not a French number. */
export function normaliseBeneficiaryPhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '');
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  return null;
}

export interface ContactInput {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** The channels the person agreed to, box by box; absent: the earlier single answer. */
  reminderChannels?: readonly Channel[];
}

export interface CheckedContact {
  address: string | null;
  phone: string | null;
  email: string | null;
  channels: Channel[] | null;
}

const CHANNEL_NEEDS: Record<Channel, { field: keyof CheckedContact; message: string }> = {
  sms: { field: 'phone', message: 'Pour des rappels par SMS, indiquez un numéro de téléphone portable (06 ou 07).' },
  email: { field: 'email', message: 'Pour des rappels par e-mail, indiquez une adresse e-mail.' },
  letter: { field: 'address', message: 'Pour des rappels par courrier, indiquez l’adresse postale.' },
};

/** Checks and normalises a person's contact; a ticked channel needs the matching contact. */
export function checkContact(input: ContactInput): CheckedContact {
  const phone = input.phone?.trim() ? normaliseBeneficiaryPhone(input.phone) : null;
  if (input.phone?.trim() && !phone) throw invalid('phone', 'Le numéro de téléphone n’est pas valide (10 chiffres, ex. 06 12 34 56 78).');
  const email = input.email?.trim().toLowerCase() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('email', 'L’adresse e-mail n’est pas valide.');
  const address = input.address?.trim() || null;
  const checked: CheckedContact = { phone, email, address, channels: null };
  if (input.reminderChannels === undefined) return checked;
  const channels = CHANNELS.filter((c) => input.reminderChannels!.includes(c));
  for (const c of channels) {
    const need = CHANNEL_NEEDS[c];
    const value = c === 'sms' ? mobileNumber(phone) : checked[need.field];
    if (!value) throw invalid('reminderChannels', need.message);
  }
  return { ...checked, channels };
}

/** The stored consent: the flag every reminder query reads, and the list of channels. */
export function storedConsent(c: CheckedContact, legacyConsent: boolean | undefined) {
  if (c.channels === null) {
    const any = Boolean(c.phone || c.email);
    return { contact_consent: (legacyConsent ?? any) && any ? 1 : 0, reminder_channels: null };
  }
  return { contact_consent: c.channels.length ? 1 : 0, reminder_channels: JSON.stringify(c.channels) };
}
