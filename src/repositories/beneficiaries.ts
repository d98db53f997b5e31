import type { BeneficiaryTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export type BeneficiaryRow = BeneficiaryTable;

export async function insertBeneficiary(db: Executor, row: BeneficiaryTable): Promise<void> {
  await db.insertInto('beneficiaries').values(row).execute();
}

export function getBeneficiary(db: Executor, id: string) {
  return db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The same person (person key) already registered by this organisation, not anonymised. */
export function findPersonInOrganisation(db: Executor, organisationId: string, personKey: string) {
  return db
    .selectFrom('beneficiaries')
    .select(['id', 'first_name', 'birth_name', 'birth_date'])
    .where('organisation_id', '=', organisationId)
    .where('person_key', '=', personKey)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
}

export interface BeneficiarySearch {
  organisationId: string;
  /** Folded words, each must appear in search_text. */
  terms: string[];
  birthDate?: string;
  limit: number;
  offset: number;
}

/** An organisation's beneficiaries matching the words and birth date, most recent first. */
export function searchBeneficiaries(db: Executor, s: BeneficiarySearch) {
  let q = db
    .selectFrom('beneficiaries')
    .selectAll()
    .where('organisation_id', '=', s.organisationId)
    .where('anonymised_at', 'is', null);
  for (const term of s.terms) q = q.where('search_text', 'like', `% ${term.replace(/[%_]/g, '')}%`);
  if (s.birthDate) q = q.where('birth_date', '=', s.birthDate);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(s.limit).offset(s.offset).execute();
}

export async function touchBeneficiary(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('beneficiaries').set({ last_contact_at: at }).where('id', '=', id).execute();
}

/** New contact and reminder consent of a person not anonymised: false when there is nobody to change. */
export async function updateBeneficiaryContact(
  db: Executor,
  id: string,
  c: Pick<BeneficiaryTable, 'address' | 'phone' | 'email' | 'contact_consent' | 'reminder_channels' | 'last_contact_at'>,
): Promise<boolean> {
  const r = await db.updateTable('beneficiaries').set(c).where('id', '=', id).where('anonymised_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
