import { sql } from 'kysely';
import type { Executor } from '../tx.ts';
import { campaignIn, inPeriod, USED, type ReadScope } from './scope.ts';

// Export sources (issue #7, item 3): each yields rows page by page, in id order (keyset
// pagination: `id > last id`, never OFFSET), so a million rows pass through in bounded memory on
// both databases without a server-side cursor.

export const EXPORT_PAGE_SIZE = 2000;

async function* keyset<T extends { id: string }>(fetch: (after: string, limit: number) => Promise<T[]>, pageSize: number): AsyncGenerator<T> {
  let after = '';
  for (;;) {
    const page = await fetch(after, pageSize);
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
    // Let the event loop turn between pages: on SQLite every await above is a microtask, and V8
    // finishes its garbage collections in tasks the event loop runs — without this turn the heap's
    // garbage (not the live rows) grew with the size of the export.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface BeneficiaryExportRow {
  id: string; first_name: string; birth_name: string; usage_name: string | null; birth_date: string; commune_insee: string;
  commune_name: string | null; address: string | null; phone: string | null; email: string | null; contact_consent: number;
  opted_out_at: string | null; priority_markers: string; organisation_name: string; created_at: string; last_contact_at: string;
}

/** Beneficiaries of the scope (never the anonymised ones); campaign = had a booklet in it; period = registered. */
export function beneficiaryRows(db: Executor, scope: ReadScope, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<BeneficiaryExportRow> {
  return keyset((after, limit) =>
    db
      .selectFrom('beneficiaries as ben')
      .innerJoin('organisations as o', 'o.id', 'ben.organisation_id')
      .leftJoin('communes as cm', (j) => j.onRef('cm.territory_id', '=', 'ben.territory_id').onRef('cm.insee_code', '=', 'ben.commune_insee'))
      .where('ben.anonymised_at', 'is', null)
      .$if(!!scope.territoryId, (q) => q.where('ben.territory_id', '=', scope.territoryId!))
      .$if(!!scope.organisationId, (q) => q.where('ben.organisation_id', '=', scope.organisationId!))
      .$if(!!scope.campaignId, (q) =>
        q.where((eb) => eb.exists(eb.selectFrom('booklets as bk').select('bk.id').whereRef('bk.beneficiary_id', '=', 'ben.id').where('bk.campaign_id', '=', scope.campaignId!))),
      )
      .where(inPeriod('ben.created_at', scope))
      .where('ben.id', '>', after)
      .select([
        'ben.id', 'ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.birth_date', 'ben.commune_insee', 'cm.name as commune_name',
        'ben.address', 'ben.phone', 'ben.email', 'ben.contact_consent', 'ben.opted_out_at', 'ben.priority_markers', 'o.name as organisation_name',
        'ben.created_at', 'ben.last_contact_at',
      ])
      .orderBy('ben.id')
      .limit(limit)
      .execute(),
  pageSize);
}

export interface BookletExportRow {
  id: string; serial: string; campaign_name: string; commune_insee: string; commune_name: string | null; status: string;
  organisation_name: string | null; issued_at: string | null; tickets: number; used: number; valid_until: string;
}

/** Booklets of the scope (campaigns of the territory, an organisation's); period = hand-out date. */
export function bookletRows(db: Executor, scope: ReadScope, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<BookletExportRow> {
  return keyset((after, limit) =>
    db
      .selectFrom('booklets as b')
      .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
      .leftJoin('organisations as o', 'o.id', 'b.organisation_id')
      .leftJoin('communes as cm', (j) => j.onRef('cm.territory_id', '=', 'c.territory_id').onRef('cm.insee_code', '=', 'b.commune_insee'))
      .where(campaignIn('b.campaign_id', scope))
      .$if(!!scope.organisationId, (q) => q.where('b.organisation_id', '=', scope.organisationId!))
      .$if(!!(scope.from || scope.to), (q) => q.where(inPeriod('b.issued_at', scope)))
      .where('b.id', '>', after)
      .select([
        'b.id', 'b.serial', 'c.name as campaign_name', 'b.commune_insee', 'cm.name as commune_name', 'b.status', 'o.name as organisation_name',
        'b.issued_at', 'c.validity_end as valid_until',
        sql<number>`(select count(*) from tickets t where t.booklet_id = b.id)`.as('tickets'),
        sql<number>`(select count(*) from tickets t where t.booklet_id = b.id and t.status in ${USED})`.as('used'),
      ])
      .orderBy('b.id')
      .limit(limit)
      .execute(),
  pageSize);
}

export interface RedemptionExportRow {
  id: string; redeemed_at: string; ticket_serial: string; booklet_serial: string; campaign_name: string; structure_name: string;
  structure_siret: string; site_name: string; format: string; themes: string; duration_minutes: number; face_value_cents: number;
  undone_at: string | null; undo_reason: string | null;
}

/** Redemptions of the scope (period = redemption date), undone ones included and marked. */
export function redemptionRows(db: Executor, scope: ReadScope, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<RedemptionExportRow> {
  return keyset((after, limit) =>
    db
      .selectFrom('redemptions as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .innerJoin('booklets as b', 'b.id', 't.booklet_id')
      .innerJoin('redemption_requests as rr', 'rr.id', 'r.request_id')
      .innerJoin('structures as s', 's.id', 'r.structure_id')
      .innerJoin('sites as si', 'si.id', 'rr.site_id')
      .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
      .where(campaignIn('r.campaign_id', scope))
      .where(inPeriod('r.redeemed_at', scope))
      .$if(!!scope.organisationId, (q) => q.where('b.organisation_id', '=', scope.organisationId!))
      .$if(!!scope.structureId, (q) => q.where('r.structure_id', '=', scope.structureId!))
      .where('r.id', '>', after)
      .select([
        'r.id', 'r.redeemed_at', 't.serial as ticket_serial', 'b.serial as booklet_serial', 'c.name as campaign_name', 's.name as structure_name',
        's.siret as structure_siret', 'si.name as site_name', 'rr.format', 'rr.themes', 'rr.duration_minutes', 't.face_value_cents',
        'r.undone_at', 'r.undo_reason',
      ])
      .orderBy('r.id')
      .limit(limit)
      .execute(),
  pageSize);
}

export interface ClaimLineExportRow {
  id: string; claim_id: string; period: string; claim_status: string; submitted_at: string | null; reviewed_at: string | null;
  structure_name: string; structure_siret: string; campaign_name: string; ticket_serial: string; redeemed_at: string;
  amount_cents: number; status: string; reject_reason: string | null;
}

/** Claim lines of the scope (period = claim submission date; drafts have none and are left out then). */
export function claimLineRows(db: Executor, scope: ReadScope, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ClaimLineExportRow> {
  return keyset((after, limit) =>
    db
      .selectFrom('claim_lines as cl')
      .innerJoin('claims as k', 'k.id', 'cl.claim_id')
      .innerJoin('structures as s', 's.id', 'k.structure_id')
      .innerJoin('campaigns as c', 'c.id', 'k.campaign_id')
      .innerJoin('tickets as t', 't.id', 'cl.ticket_id')
      .innerJoin('redemptions as r', 'r.id', 'cl.redemption_id')
      .where(campaignIn('k.campaign_id', scope))
      .$if(!!(scope.from || scope.to), (q) => q.where(inPeriod('k.submitted_at', scope)))
      .$if(!!scope.structureId, (q) => q.where('k.structure_id', '=', scope.structureId!))
      .where('cl.id', '>', after)
      .select([
        'cl.id', 'k.id as claim_id', 'k.period', 'k.status as claim_status', 'k.submitted_at', 'k.reviewed_at', 's.name as structure_name',
        's.siret as structure_siret', 'c.name as campaign_name', 't.serial as ticket_serial', 'r.redeemed_at', 'cl.amount_cents', 'cl.status',
        'cl.reject_reason',
      ])
      .orderBy('cl.id')
      .limit(limit)
      .execute(),
  pageSize);
}

export interface PaymentExportRow {
  id: string; year: number; number: number; structure_name: string; structure_siret: string; iban: string; bic: string | null;
  account_holder: string; amount_cents: number; tickets: number; order_id: string; order_created_at: string; execution_date: string;
  paid_at: string | null; payment_date: string | null; payment_reference: string | null;
}

/** Statements (one payment to one structure) of the scope; period = payment order date. */
export function paymentRows(db: Executor, scope: ReadScope, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<PaymentExportRow> {
  return keyset((after, limit) =>
    db
      .selectFrom('statements as st')
      .innerJoin('payment_orders as po', 'po.id', 'st.payment_order_id')
      .innerJoin('structures as s', 's.id', 'st.structure_id')
      .$if(!!scope.territoryId, (q) => q.where('st.territory_id', '=', scope.territoryId!))
      .$if(!!scope.structureId, (q) => q.where('st.structure_id', '=', scope.structureId!))
      .$if(!!scope.campaignId, (q) =>
        q.where((eb) =>
          eb.exists(
            eb.selectFrom('payment_lines as pl').innerJoin('tickets as t', 't.id', 'pl.ticket_id').select('pl.id').whereRef('pl.statement_id', '=', 'st.id').where('t.campaign_id', '=', scope.campaignId!),
          ),
        ),
      )
      .where(inPeriod('po.created_at', scope))
      .where('st.id', '>', after)
      .select([
        'st.id', 'st.year', 'st.number', 's.name as structure_name', 's.siret as structure_siret', 'st.iban', 'st.bic', 'st.account_holder',
        'st.amount_cents', 'po.id as order_id', 'po.created_at as order_created_at', 'po.execution_date',
        sql<string | null>`coalesce(st.paid_at, po.paid_at)`.as('paid_at'),
        sql<string | null>`coalesce(st.payment_date, po.payment_date)`.as('payment_date'),
        sql<string | null>`coalesce(st.payment_reference, po.payment_reference)`.as('payment_reference'),
        sql<number>`(select count(*) from payment_lines pl2 where pl2.statement_id = st.id)`.as('tickets'),
      ])
      .orderBy('st.id')
      .limit(limit)
      .execute(),
  pageSize);
}
