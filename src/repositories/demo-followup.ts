import { sql } from 'kysely';
import type { Executor } from './tx.ts';

// Reads and writes used by the follow-up demo stage only (src/demo/seed-followup.ts).

/** People who used at least `min` tickets, with their latest intake diagnostic and last use. */
export function peopleTrained(db: Executor, min: number) {
  return db
    .selectFrom('beneficiaries as ben')
    .innerJoin('booklets as b', 'b.beneficiary_id', 'ben.id')
    .innerJoin('tickets as t', 't.booklet_id', 'b.id')
    .where('t.status', 'in', ['redeemed', 'claimed', 'paid'])
    .where('ben.anonymised_at', 'is', null)
    .select([
      'ben.id', 'ben.organisation_id', 'ben.first_name', sql<string>`max(t.redeemed_at)`.as('last_used_at'), sql<number>`count(t.id)`.as('used'),
      sql<string | null>`(select d.answers from diagnostics d where d.beneficiary_id = ben.id and d.kind = 'initial' order by d.created_at desc limit 1)`.as('answers'),
      sql<string | null>`(select d.needs from diagnostics d where d.beneficiary_id = ben.id and d.kind = 'initial' order by d.created_at desc limit 1)`.as('needs'),
      sql<string | null>`(select d.model_version from diagnostics d where d.beneficiary_id = ben.id and d.kind = 'initial' order by d.created_at desc limit 1)`.as('model_version'),
    ])
    .groupBy(['ben.id', 'ben.organisation_id', 'ben.first_name'])
    .having(sql`count(t.id)`, '>=', min)
    .orderBy('ben.id')
    .execute();
}

export async function setContact(db: Executor, id: string, c: { email?: string; address?: string; consent: boolean }) {
  await db
    .updateTable('beneficiaries')
    .set({ ...(c.email ? { email: c.email } : {}), ...(c.address ? { address: c.address } : {}), contact_consent: c.consent ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** A person's contact, and their tickets of a campaign that expired unused. */
export function expiredTicketsOf(db: Executor, campaignId: string) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .innerJoin('beneficiaries as ben', 'ben.id', 'b.beneficiary_id')
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .where('t.campaign_id', '=', campaignId)
    .where('t.status', '=', 'expired')
    .where('ben.contact_consent', '=', 1)
    .where('ben.phone', 'is not', null)
    .select(['ben.id', 'ben.territory_id', 'ben.first_name', 'ben.phone', 'o.name as organisation_name', sql<number>`count(t.id)`.as('n'), sql<number>`sum(t.face_value_cents)`.as('cents'), sql<string>`min(t.valid_until)`.as('valid_until')])
    .groupBy(['ben.id', 'ben.territory_id', 'ben.first_name', 'ben.phone', 'o.name'])
    .orderBy('ben.id')
    .execute();
}

export function beneficiaryContact(db: Executor, id: string) {
  return db.selectFrom('beneficiaries').select(['id', 'organisation_id', 'phone', 'email', 'address', 'contact_consent', 'first_name']).where('id', '=', id).executeTakeFirst();
}

/** Whether a message to the person still waits (to send, or for a channel). */
export async function hasUnsentMessage(db: Executor, beneficiaryId: string): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where('beneficiary_id', '=', beneficiaryId).where('status', 'in', ['pending', 'held']).executeTakeFirst();
  return row !== undefined;
}
