import { sql } from 'kysely';
import type { Executor } from './tx.ts';

/** What decides whether a person may receive a reminder. */
export function findContactState(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('beneficiaries')
    .select(['id', 'territory_id', 'organisation_id', 'contact_consent', 'opted_out_at', 'anonymised_at'])
    .where('id', '=', beneficiaryId)
    .executeTakeFirst();
}

/** Records an opt-out once (the first date is kept). */
export async function recordOptOut(db: Executor, beneficiaryId: string, at: string): Promise<boolean> {
  const r = await db.updateTable('beneficiaries').set({ opted_out_at: at }).where('id', '=', beneficiaryId).where('opted_out_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * People to anonymise: not yet anonymised, last contact before the cutoff, and no sign of
 * contact since (diagnostic, booklet handed out, ticket used, seat booked or session attended),
 * nor a ticket still usable on `today`. Oldest first, at most `limit`.
 */
export function anonymisationCandidates(db: Executor, p: { cutoff: string; today: string; limit: number }) {
  return db
    .selectFrom('beneficiaries as ben')
    .where('ben.anonymised_at', 'is', null)
    .where('ben.last_contact_at', '<', p.cutoff)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom('diagnostics as d').select('d.id').whereRef('d.beneficiary_id', '=', 'ben.id').where('d.created_at', '>=', p.cutoff))),
        eb.not(eb.exists(eb.selectFrom('booklets as b').select('b.id').whereRef('b.beneficiary_id', '=', 'ben.id').where('b.issued_at', '>=', p.cutoff))),
        eb.not(
          eb.exists(
            eb
              .selectFrom('booklets as b')
              .innerJoin('tickets as t', 't.booklet_id', 'b.id')
              .select('t.id')
              .whereRef('b.beneficiary_id', '=', 'ben.id')
              .where((w) => w.or([w.and([w('t.status', 'in', ['issued', 'blocked']), w('t.valid_until', '>=', p.today)]), w('t.redeemed_at', '>=', p.cutoff)])),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('bookings as bk')
              .innerJoin('training_sessions as ts', 'ts.id', 'bk.session_id')
              .select('bk.id')
              .whereRef('bk.beneficiary_id', '=', 'ben.id')
              .where((w) => w.or([w('bk.created_at', '>=', p.cutoff), w('ts.starts_at', '>=', p.cutoff)])),
          ),
        ),
      ]),
    )
    .select(['ben.id', 'ben.territory_id', 'ben.birth_date', 'ben.last_contact_at'])
    .orderBy('ben.last_contact_at')
    .orderBy('ben.id')
    .limit(p.limit)
    .execute();
}

/**
 * Wipes a person's identity and contact, keeping what statistics need (commune, organisation,
 * priority markers, diagnostics' profiles, booklets, tickets, redemptions). The person key that
 * detected duplicates is replaced, in the beneficiary and in their booklets; the text of the
 * messages sent to them is wiped too. Conditional: true only for the call that anonymised.
 */
export async function anonymiseBeneficiary(trx: Executor, p: { id: string; at: string; ageBand: string | null }): Promise<boolean> {
  const key = `anonyme:${p.id}`;
  const r = await trx
    .updateTable('beneficiaries')
    .set({
      first_name: 'Anonyme', birth_name: '', usage_name: null, birth_date: '', person_key: key, search_text: '', address: null, phone: null,
      email: null, contact_consent: 0, anonymised_at: p.at, age_band: p.ageBand,
    })
    .where('id', '=', p.id)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await trx.updateTable('booklets').set({ person_key: key }).where('beneficiary_id', '=', p.id).execute();
  await trx
    .updateTable('outbox')
    .set({ recipient: '', body: '(message effacé : données anonymisées)', status: 'failed', last_error: 'Données anonymisées.' })
    .where('beneficiary_id', '=', p.id)
    .where('status', 'in', ['pending', 'held'])
    .execute();
  await trx.updateTable('outbox').set({ recipient: '', body: '(message effacé : données anonymisées)' }).where('beneficiary_id', '=', p.id).execute();
  return true;
}

/** Tickets a person can still use on `today`, and until when. */
export async function liveTickets(db: Executor, beneficiaryId: string, today: string): Promise<{ count: number; until: string | null }> {
  const row = await db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .where('b.beneficiary_id', '=', beneficiaryId)
    .where('t.status', 'in', ['issued', 'blocked'])
    .where('t.valid_until', '>=', today)
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(t.valid_until)`.as('until')])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), until: row?.until ?? null };
}

/** Everything held about a person, for their copy (RGPD art. 15). */
export async function personalDataOf(db: Executor, beneficiaryId: string) {
  const person = await db
    .selectFrom('beneficiaries as ben')
    .innerJoin('organisations as o', 'o.id', 'ben.organisation_id')
    .leftJoin('communes as cm', (j) => j.onRef('cm.territory_id', '=', 'ben.territory_id').onRef('cm.insee_code', '=', 'ben.commune_insee'))
    .selectAll('ben')
    .select(['o.name as organisation_name', 'cm.name as commune_name'])
    .where('ben.id', '=', beneficiaryId)
    .executeTakeFirst();
  if (!person) return null;
  const diagnostics = await db
    .selectFrom('diagnostics as d')
    .leftJoin('diagnostic_models as m', 'm.version', 'd.model_version')
    .select(['d.id', 'd.kind', 'd.created_at', 'd.profile', 'd.needs', 'd.answers', 'd.model_version', 'm.model'])
    .where('d.beneficiary_id', '=', beneficiaryId)
    .orderBy('d.created_at')
    .execute();
  const booklets = await db
    .selectFrom('booklets as b')
    .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
    .leftJoin('organisations as o', 'o.id', 'b.organisation_id')
    .select(['b.id', 'b.serial', 'b.status', 'b.issued_at', 'c.name as campaign_name', 'o.name as organisation_name'])
    .where('b.beneficiary_id', '=', beneficiaryId)
    .orderBy('b.issued_at')
    .execute();
  const tickets = await db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .leftJoin('structures as s', 's.id', 't.structure_id')
    .select(['t.serial', 't.status', 't.valid_until', 't.redeemed_at', 't.face_value_cents', 's.name as structure_name', 'b.serial as booklet_serial'])
    .where('b.beneficiary_id', '=', beneficiaryId)
    .orderBy('t.serial')
    .execute();
  const sessions = await db
    .selectFrom('redemptions as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .innerJoin('redemption_requests as rr', 'rr.id', 'r.request_id')
    .innerJoin('structures as s', 's.id', 'r.structure_id')
    .innerJoin('sites as si', 'si.id', 'rr.site_id')
    .where('b.beneficiary_id', '=', beneficiaryId)
    .where('r.undone_at', 'is', null)
    .select(['rr.id', 'rr.created_at', 'rr.format', 'rr.themes', 'rr.duration_minutes', 's.name as structure_name', 'si.name as site_name', sql<number>`count(*)`.as('tickets')])
    .groupBy(['rr.id', 'rr.created_at', 'rr.format', 'rr.themes', 'rr.duration_minutes', 's.name', 'si.name'])
    .orderBy('rr.created_at')
    .execute();
  const bookings = await db
    .selectFrom('bookings as bk')
    .innerJoin('training_sessions as ts', 'ts.id', 'bk.session_id')
    .innerJoin('sites as si', 'si.id', 'ts.site_id')
    .innerJoin('structures as s', 's.id', 'ts.structure_id')
    .select(['bk.created_at', 'bk.cancelled_at', 'ts.title', 'ts.starts_at', 'si.name as site_name', 'si.address', 's.name as structure_name'])
    .where('bk.beneficiary_id', '=', beneficiaryId)
    .orderBy('ts.starts_at')
    .execute();
  const messages = await db
    .selectFrom('outbox')
    .select(['channel', 'kind', 'status', 'created_at', 'sent_at', 'subject', 'recipient'])
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('created_at')
    .execute();
  return { person, diagnostics, booklets, tickets, sessions, bookings, messages };
}
