import { sql } from 'kysely';
import { structureAmounts, type TicketFact } from '../../domain/amounts.ts';
import type { Executor } from '../tx.ts';

// The ledger every structure can trust (issue #5): per structure and campaign, what was redeemed
// and not yet claimed, claimed (awaiting review), approved (awaiting payment), paid and rejected.
// Buckets are exclusive; counts and amounts are summed by the database.

export interface Bucket {
  count: number;
  amountCents: number;
  lastAt: string | null;
}

export interface LedgerRow {
  structureId: string;
  structureName: string;
  campaignId: string;
  campaignName: string;
  redeemedUnclaimed: Bucket;
  claimed: Bucket;
  approved: Bucket;
  paid: Bucket;
  rejected: Bucket;
  /** Redeemed, never claimed before the claim deadline: never payable. */
  lapsed: Bucket;
}

const empty = (): Bucket => ({ count: 0, amountCents: 0, lastAt: null });

/** `from`/`to` (ISO instants, to exclusive) keep the tickets redeemed in that period (dashboards). */
export async function structureLedger(
  db: Executor, p: { territoryId: string; structureId?: string | null; campaignId?: string | null; from?: string | null; to?: string | null; now: Date },
): Promise<LedgerRow[]> {
  const scope = <Q extends { where: (...a: any[]) => Q }>(q: Q, structureCol: string, campaignCol: string): Q => {
    let out = q.where('st.territory_id', '=', p.territoryId);
    if (p.structureId) out = out.where(structureCol, '=', p.structureId);
    if (p.campaignId) out = out.where(campaignCol, '=', p.campaignId);
    if (p.from) out = out.where('t.redeemed_at', '>=', p.from);
    if (p.to) out = out.where('t.redeemed_at', '<', p.to);
    return out;
  };

  // One row per redeemed ticket state (domain/amounts.ts decides the state from these facts):
  // its claim line that still counts (pending, approved, or rejected and not contested — at most
  // one per ticket, index rejected_line_stays_rejected), or its payment.
  const facts = await scope(
    db
      .selectFrom('tickets as t')
      .innerJoin('structures as st', 'st.id', 't.structure_id')
      .leftJoin('claim_lines as l', (j) =>
        j.onRef('l.ticket_id', '=', 't.id').on((eb) => eb.or([eb('l.status', 'in', ['pending', 'approved']), eb.and([eb('l.status', '=', 'rejected'), eb('l.contested_at', 'is', null)])])),
      )
      .select([
        't.structure_id', 't.campaign_id',
        sql<TicketFact>`case when t.status = 'paid' then 'paid' when l.status is null then 'none' else l.status end`.as('fact'),
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.sum('t.face_value_cents').as('amount'),
        sql<string | null>`max(coalesce(l.reviewed_at, l.created_at, t.redeemed_at))`.as('last'),
      ])
      .where('t.status', 'in', ['redeemed', 'claimed', 'paid'])
      .groupBy(['t.structure_id', 't.campaign_id', sql`case when t.status = 'paid' then 'paid' when l.status is null then 'none' else l.status end`]),
    't.structure_id',
    't.campaign_id',
  ).execute();

  const paid = await scope(
    db
      .selectFrom('payment_lines as pl')
      .innerJoin('statements as s', 's.id', 'pl.statement_id')
      .innerJoin('structures as st', 'st.id', 's.structure_id')
      .innerJoin('tickets as t', 't.id', 'pl.ticket_id')
      .select(['s.structure_id', 't.campaign_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('pl.amount_cents').as('amount'), (eb) => eb.fn.max('s.payment_date').as('last')])
      .where('s.paid_at', 'is not', null)
      .groupBy(['s.structure_id', 't.campaign_id']),
    's.structure_id',
    't.campaign_id',
  ).execute();

  const rows = new Map<string, LedgerRow>();
  const names = await namesOf(db, p.territoryId);
  const row = (structureId: string, campaignId: string): LedgerRow => {
    const key = `${structureId}|${campaignId}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        structureId, structureName: names.structures.get(structureId) ?? '', campaignId, campaignName: names.campaigns.get(campaignId) ?? '',
        redeemedUnclaimed: empty(), claimed: empty(), approved: empty(), paid: empty(), rejected: empty(), lapsed: empty(),
      };
      rows.set(key, r);
    }
    return r;
  };
  const byKey = new Map<string, typeof facts>();
  for (const x of facts) {
    const key = `${x.structure_id}|${x.campaign_id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), x]);
  }
  for (const [key, groups] of byKey) {
    const [structureId, campaignId] = key.split('|');
    const r = row(structureId, campaignId);
    const a = structureAmounts(groups.map((g) => ({ fact: g.fact, count: Number(g.n), amountCents: Number(g.amount ?? 0) })), names.deadlines.get(campaignId) ?? '9999-12-31', p.now);
    const lastOf = (...fs: TicketFact[]) => groups.filter((g) => fs.includes(g.fact)).map((g) => g.last).filter(Boolean).sort().pop() ?? null;
    const b = (part: { count: number; amountCents: number }, last: string | null): Bucket => ({ ...part, lastAt: part.count ? last : null });
    r.redeemedUnclaimed = b(a.redeemedUnclaimed, lastOf('none'));
    r.lapsed = b(a.lapsed, lastOf('none'));
    r.claimed = b(a.claimed, lastOf('pending'));
    r.approved = b(a.approvedUnpaid, lastOf('approved'));
    r.rejected = b(a.rejected, lastOf('rejected'));
    r.paid = b(a.paid, null);
  }
  // The paid bucket's date is the payment date of the last paid statement.
  for (const x of paid) {
    const r = row(x.structure_id, x.campaign_id);
    r.paid = { ...r.paid, lastAt: (x.last as string | null) ?? null };
  }
  return [...rows.values()].sort((a, b) => a.structureName.localeCompare(b.structureName, 'fr') || b.campaignName.localeCompare(a.campaignName, 'fr'));
}

async function namesOf(db: Executor, territoryId: string) {
  const [structures, campaigns] = await Promise.all([
    db.selectFrom('structures').select(['id', 'name']).where('territory_id', '=', territoryId).execute(),
    db.selectFrom('campaigns').select(['id', 'name', 'claim_deadline']).where('territory_id', '=', territoryId).execute(),
  ]);
  return {
    structures: new Map(structures.map((s) => [s.id, s.name])), campaigns: new Map(campaigns.map((c) => [c.id, c.name])),
    deadlines: new Map(campaigns.map((c) => [c.id, c.claim_deadline])),
  };
}

/** Rejected lines a structure still has to act on (undo the redemption or contest), with reasons. */
export function openRejections(db: Executor, p: { territoryId: string; structureId?: string; campaignId?: string }) {
  let q = db
    .selectFrom('claim_lines as l')
    .innerJoin('claims as c', 'c.id', 'l.claim_id')
    .innerJoin('structures as st', 'st.id', 'c.structure_id')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .select([
      'l.id as line_id', 'c.id as claim_id', 'c.structure_id', 'st.name as structure_name', 'k.name as campaign_name', 'c.period',
      't.serial', 'l.amount_cents', 'l.reject_reason', 'l.reviewed_at', 't.status as ticket_status',
    ])
    .where('st.territory_id', '=', p.territoryId)
    .where('l.status', '=', 'rejected')
    .where('l.contested_at', 'is', null);
  if (p.structureId) q = q.where('c.structure_id', '=', p.structureId);
  if (p.campaignId) q = q.where('c.campaign_id', '=', p.campaignId);
  return q.orderBy('l.reviewed_at', 'desc').limit(500).execute();
}

/** A structure's statements, newest first. */
export function structureStatements(db: Executor, p: { territoryId: string; structureId: string }) {
  return db
    .selectFrom('statements')
    .select(['id', 'payment_order_id', 'year', 'number', 'amount_cents', 'created_at', 'paid_at', 'payment_date', 'payment_reference'])
    .where('territory_id', '=', p.territoryId)
    .where('structure_id', '=', p.structureId)
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .execute();
}

export interface CampaignMoney {
  campaignId: string;
  campaignName: string;
  year: number;
  claimDeadline: string;
  budgetCents: number;
  issued: { count: number; amountCents: number };
  redeemed: { count: number; amountCents: number };
  expired: { count: number; amountCents: number };
  cancelled: { count: number; amountCents: number };
  approvedCents: number;
  paid: { count: number; amountCents: number };
}

/** Per campaign: budget against value issued, redeemed, approved and paid. */
export async function campaignMoney(db: Executor, p: { territoryId: string; campaignId?: string }): Promise<CampaignMoney[]> {
  let cq = db.selectFrom('campaigns').select(['id', 'name', 'year', 'claim_deadline', 'budget_cents']).where('territory_id', '=', p.territoryId);
  if (p.campaignId) cq = cq.where('id', '=', p.campaignId);
  const campaigns = await cq.orderBy('year', 'desc').execute();
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const tickets = await db
    .selectFrom('tickets')
    .select(['campaign_id', 'status', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('face_value_cents').as('amount')])
    .where('campaign_id', 'in', ids)
    .where('issued_at', 'is not', null)
    .groupBy(['campaign_id', 'status'])
    .execute();
  const approved = await db
    .selectFrom('claim_lines as l')
    .innerJoin('claims as c', 'c.id', 'l.claim_id')
    .select(['c.campaign_id', (eb) => eb.fn.sum('l.amount_cents').as('amount')])
    .where('c.campaign_id', 'in', ids)
    .where('l.status', '=', 'approved')
    .groupBy('c.campaign_id')
    .execute();
  const paid = await db
    .selectFrom('payment_lines as pl')
    .innerJoin('statements as s', 's.id', 'pl.statement_id')
    .innerJoin('tickets as t', 't.id', 'pl.ticket_id')
    .select(['t.campaign_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('pl.amount_cents').as('amount')])
    .where('t.campaign_id', 'in', ids)
    .where('s.paid_at', 'is not', null)
    .groupBy('t.campaign_id')
    .execute();
  return campaigns.map((c) => {
    const of = (statuses: string[]) => {
      const rs = tickets.filter((t) => t.campaign_id === c.id && statuses.includes(t.status));
      return { count: rs.reduce((s, r) => s + Number(r.n), 0), amountCents: rs.reduce((s, r) => s + Number(r.amount ?? 0), 0) };
    };
    const p1 = paid.find((x) => x.campaign_id === c.id);
    return {
      campaignId: c.id,
      campaignName: c.name,
      year: c.year,
      claimDeadline: c.claim_deadline,
      budgetCents: Number(c.budget_cents),
      issued: of(['issued', 'redeemed', 'claimed', 'paid', 'expired', 'blocked']),
      redeemed: of(['redeemed', 'claimed', 'paid']),
      expired: of(['expired']),
      cancelled: of(['cancelled']),
      approvedCents: Number(approved.find((x) => x.campaign_id === c.id)?.amount ?? 0),
      paid: { count: Number(p1?.n ?? 0), amountCents: Number(p1?.amount ?? 0) },
    };
  });
}
