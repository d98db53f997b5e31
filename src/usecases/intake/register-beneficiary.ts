import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { isValidDate, parisDate } from '../../domain/paris-time.ts';
import { ageOn, MAX_AGE, MIN_AGE, personKey, searchText, type PriorityMarker } from '../../domain/person.ts';
import { findPersonInOrganisation, insertBeneficiary } from '../../repositories/beneficiaries.ts';
import { findTerritoryCommune } from '../../repositories/issuance.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import { checkContact, storedConsent } from '../support/contact-details.ts';
import type { Channel } from '../../domain/reminders.ts';
import { requireAgent } from '../support/agent-scope.ts';
import { frenchCommuneName } from '../support/communes-of-france.ts';
import type { Deps } from '../support/deps.ts';
import { liveBookletsOfPerson } from '../support/person-booklets.ts';

export interface RegisterBeneficiaryInput {
  firstName: string;
  birthName: string;
  usageName?: string | null;
  birthDate: string;
  communeInsee: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Earlier single consent to reminders (API clients); defaults to true when a contact is given. */
  contactConsent?: boolean;
  /** Consent channel by channel (the web app's unticked boxes); overrides contactConsent. */
  reminderChannels?: readonly Channel[];
  consent: true;
  priorityMarkers?: PriorityMarker[];
}

/** Checks the commune: known in France, and part of the agent's territory. */
async function checkCommune(deps: Deps, territoryId: string, insee: string): Promise<string> {
  const commune = await findTerritoryCommune(deps.db, territoryId, insee);
  if (commune) return commune.name;
  const name = frenchCommuneName(insee);
  if (!name) throw invalid('communeInsee', `Aucune commune n’a le code INSEE ${insee}. Choisissez la commune dans la liste.`);
  throw new DomainError('outside_territory', `${name} (${insee}) ne fait pas partie du territoire : ses habitants ne peuvent pas recevoir ce pass.`, {
    field: 'communeInsee',
    communeInsee: insee,
    communeName: name,
  });
}

export async function registerBeneficiary(deps: Deps, actor: Actor, input: RegisterBeneficiaryInput) {
  const organisationId = requireAgent(actor);
  if (input.consent !== true) throw invalid('consent', 'Le consentement de la personne au traitement de ses données est obligatoire.');
  const firstName = input.firstName.trim();
  const birthName = input.birthName.trim();
  const usageName = input.usageName?.trim() || null;
  if (!firstName) throw invalid('firstName', 'Le prénom est obligatoire.');
  if (!birthName) throw invalid('birthName', 'Le nom de naissance est obligatoire.');
  const now = deps.now();
  const today = parisDate(now);
  if (!isValidDate(input.birthDate)) throw invalid('birthDate', 'La date de naissance n’est pas une date valide (AAAA-MM-JJ).');
  if (input.birthDate > today) throw invalid('birthDate', 'La date de naissance est dans le futur.');
  const age = ageOn(input.birthDate, today);
  if (age < MIN_AGE || age > MAX_AGE) {
    throw invalid('birthDate', `La date de naissance n’est pas vraisemblable (${age} ans) : le pass s’adresse aux personnes de ${MIN_AGE} à ${MAX_AGE} ans.`);
  }
  const contact = checkContact(input);
  const { phone, email } = contact;
  const communeName = await checkCommune(deps, actor.territoryId, input.communeInsee);

  const key = personKey({ firstName, birthName, birthDate: input.birthDate });
  const same = await findPersonInOrganisation(deps.db, organisationId, key);
  if (same) {
    throw new DomainError('conflict', `Cette personne est déjà enregistrée par votre organisation (${same.first_name} ${same.birth_name}, date de naissance : ${same.birth_date.split('-').reverse().join('/')}).`, {
      field: 'birthName',
      existingId: same.id,
    });
  }
  const id = deps.newId();
  const at = now.toISOString();
  const consentColumns = storedConsent(contact, input.contactConsent);
  const contactConsent = consentColumns.contact_consent === 1;
  await inTransaction(deps.db, async (trx) => {
    await insertBeneficiary(trx, {
      id,
      territory_id: actor.territoryId,
      organisation_id: organisationId,
      first_name: firstName,
      birth_name: birthName,
      usage_name: usageName,
      birth_date: input.birthDate,
      person_key: key,
      search_text: searchText({ firstName, birthName, usageName }),
      commune_insee: input.communeInsee,
      address: contact.address,
      phone,
      email,
      ...consentColumns,
      consent_at: at,
      priority_markers: JSON.stringify([...new Set(input.priorityMarkers ?? [])]),
      opted_out_at: null,
      last_contact_at: at,
      anonymised_at: null,
      created_by: actor.id,
      created_at: at,
    });
    await audit(trx, actor, now, 'beneficiary.registered', { type: 'beneficiary', id }, { communeInsee: input.communeInsee, contactConsent });
  });
  // What the agent should know at once: a booklet already handed out elsewhere to the same person.
  const existingBooklets = await liveBookletsOfPerson(deps.db, actor.territoryId, key, actor.organisationId);
  return { id, communeName, existingBooklets };
}
