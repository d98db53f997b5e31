import type { Actor } from '../../domain/actor.ts';
import type { Channel } from '../../domain/reminders.ts';
import { updateBeneficiaryContact } from '../../repositories/beneficiaries.ts';
import { dropUnsentOutside } from '../../repositories/outbox.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { beneficiaryNotFound, loadOwnBeneficiary } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import { checkContact, storedConsent } from '../support/contact-details.ts';
import type { Deps } from '../support/deps.ts';
import { getBeneficiaryDetails } from './get-beneficiary.ts';

export interface ContactChange {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  reminderChannels: readonly Channel[];
}

/**
 * The agent records a person's new contact or reminder consent (at the desk or by phone). Consent
 * is given channel by channel; a channel taken back drops its messages not yet sent. The audit
 * entry keeps which channels changed, not the contact itself (personal data stays in one place).
 */
export async function changeBeneficiaryContact(deps: Deps, actor: Actor, id: string, input: ContactChange) {
  const before = await loadOwnBeneficiary(deps.db, actor, id);
  const contact = checkContact(input);
  const consent = storedConsent(contact, undefined);
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const changed = await updateBeneficiaryContact(trx, before.id, { address: contact.address, phone: contact.phone, email: contact.email, ...consent, last_contact_at: now.toISOString() });
    if (!changed) throw beneficiaryNotFound();
    const dropped = await dropUnsentOutside(trx, before.id, contact.channels ?? [], 'La personne a retiré son accord pour ce moyen de contact.');
    await audit(trx, actor, now, 'beneficiary.contact_changed', { type: 'beneficiary', id: before.id }, {
      channels: contact.channels, phoneChanged: before.phone !== contact.phone, emailChanged: before.email !== contact.email,
      addressChanged: before.address !== contact.address, droppedMessages: dropped,
    });
  });
  return getBeneficiaryDetails(deps, actor, id);
}
