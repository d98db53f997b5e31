import type { Executor } from '../tx.ts';

// Everything the statement PDF, the accounting CSV and the SEPA file of a payment order show:
// flat rows read in a few queries, amounts as stored (computed by the database at ordering).

export interface StatementDocLine {
  ticketSerial: string;
  redeemedAt: string;
  format: string;
  themes: string;
  durationMinutes: number;
  siteName: string;
  campaignId: string;
  campaignName: string;
  period: string;
  amountCents: number;
}

export interface StatementDoc {
  id: string;
  year: number;
  number: number;
  amountCents: number;
  iban: string;
  bic: string | null;
  accountHolder: string;
  createdAt: string;
  paidAt: string | null;
  paymentDate: string | null;
  paymentReference: string | null;
  structure: {
    id: string; name: string; siret: string; legalCategory: string | null; address: string | null; postalCode: string | null; communeName: string | null;
  };
  campaigns: string[];
  periods: string[];
  lines: StatementDocLine[];
  rejected: { ticketSerial: string; amountCents: number; reason: string | null; period: string }[];
}

/** A campaign paid by the order, with the budget year and imputation its mandats are charged to. */
export interface OrderCampaign {
  id: string;
  name: string;
  year: number;
  budgetYear: number | null;
  nature: string | null;
  fonction: string | null;
}

export interface PaymentOrderDoc {
  id: string;
  territory: { id: string; name: string };
  paymentMode: 'mandat' | 'sepa';
  status: 'issued' | 'paid';
  totalCents: number;
  executionDate: string;
  createdAt: string;
  paymentDate: string | null;
  paymentReference: string | null;
  createdBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseCosigner: string | null;
  campaigns: OrderCampaign[];
  statements: StatementDoc[];
}

export async function paymentOrderDocument(db: Executor, orderId: string, onlyStatementId?: string): Promise<PaymentOrderDoc | null> {
  const order = await db
    .selectFrom('payment_orders as o')
    .innerJoin('territories as t', 't.id', 'o.territory_id')
    .selectAll('o')
    .select('t.name as territory_name')
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!order) return null;
  let sq = db
    .selectFrom('statements as s')
    .innerJoin('structures as st', 'st.id', 's.structure_id')
    .selectAll('s')
    .select(['st.name as structure_name', 'st.siret', 'st.legal_category'])
    .where('s.payment_order_id', '=', orderId);
  if (onlyStatementId) sq = sq.where('s.id', '=', onlyStatementId);
  const statements = await sq.orderBy('s.number').execute();
  const ids = statements.map((s) => s.id);
  const lines = ids.length
    ? await db
        .selectFrom('payment_lines as p')
        .innerJoin('claim_lines as l', 'l.id', 'p.claim_line_id')
        .innerJoin('claims as c', 'c.id', 'l.claim_id')
        .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
        .innerJoin('tickets as t', 't.id', 'p.ticket_id')
        .innerJoin('redemptions as r', 'r.id', 'l.redemption_id')
        .innerJoin('redemption_requests as q', 'q.id', 'r.request_id')
        .innerJoin('sites as si', 'si.id', 'q.site_id')
        .select([
          'p.statement_id', 'p.amount_cents', 't.serial', 'r.redeemed_at', 'q.format', 'q.themes', 'q.duration_minutes', 'si.name as site_name',
          'k.id as campaign_id', 'k.name as campaign_name', 'c.period', 'c.id as claim_id',
        ])
        .where('p.statement_id', 'in', ids)
        .orderBy('r.redeemed_at')
        .orderBy('t.serial')
        .execute()
    : [];
  const claimIds = [...new Set(lines.map((l) => l.claim_id))];
  const rejected = claimIds.length
    ? await db
        .selectFrom('claim_lines as l')
        .innerJoin('claims as c', 'c.id', 'l.claim_id')
        .innerJoin('tickets as t', 't.id', 'l.ticket_id')
        .select(['c.structure_id', 't.serial', 'l.amount_cents', 'l.reject_reason', 'c.period'])
        .where('l.claim_id', 'in', claimIds)
        .where('l.status', '=', 'rejected')
        .orderBy('t.serial')
        .execute()
    : [];
  const campaignIds = [...new Set(lines.map((l) => l.campaign_id))];
  const campaigns = campaignIds.length
    ? await db
        .selectFrom('campaigns')
        .select(['id', 'name', 'year', 'budget_year', 'imputation_nature', 'imputation_fonction'])
        .where('id', 'in', campaignIds)
        .orderBy('name')
        .execute()
    : [];
  const structureIds = [...new Set(statements.map((s) => s.structure_id))];
  const sites = structureIds.length
    ? await db
        .selectFrom('sites as si')
        .leftJoin('communes as cm', (j) => j.onRef('cm.insee_code', '=', 'si.commune_insee').on('cm.territory_id', '=', order.territory_id))
        .select(['si.structure_id', 'si.address', 'si.postal_code', 'cm.name as commune_name', 'si.created_at'])
        .where('si.structure_id', 'in', structureIds)
        .orderBy('si.created_at')
        .execute()
    : [];
  return {
    id: order.id,
    territory: { id: order.territory_id, name: order.territory_name },
    paymentMode: order.payment_mode ?? 'sepa',
    status: order.status,
    totalCents: Number(order.total_cents),
    executionDate: order.execution_date,
    createdAt: order.created_at,
    paymentDate: order.payment_date,
    paymentReference: order.payment_reference,
    createdBy: order.created_by,
    releasedAt: order.released_at ?? null,
    releasedBy: order.released_by ?? null,
    releaseCosigner: order.release_cosigner ?? null,
    campaigns: campaigns.map((k) => ({
      id: k.id, name: k.name, year: k.year, budgetYear: k.budget_year ?? null, nature: k.imputation_nature ?? null, fonction: k.imputation_fonction ?? null,
    })),
    statements: statements.map((s) => {
      const own = lines.filter((l) => l.statement_id === s.id);
      const site = sites.find((x) => x.structure_id === s.structure_id);
      return {
        id: s.id,
        year: s.year,
        number: s.number,
        amountCents: Number(s.amount_cents),
        iban: s.iban,
        bic: s.bic,
        accountHolder: s.account_holder,
        createdAt: s.created_at,
        paidAt: s.paid_at ?? null,
        paymentDate: s.payment_date ?? null,
        paymentReference: s.payment_reference ?? null,
        structure: {
          id: s.structure_id, name: s.structure_name, siret: s.siret, legalCategory: s.legal_category ?? null, address: site?.address ?? null, postalCode: site?.postal_code ?? null, communeName: site?.commune_name ?? null,
        },
        campaigns: [...new Set(own.map((l) => l.campaign_name))].sort(),
        periods: [...new Set(own.map((l) => l.period))].sort(),
        lines: own.map((l) => ({
          ticketSerial: l.serial, redeemedAt: l.redeemed_at, format: l.format, themes: l.themes, durationMinutes: l.duration_minutes,
          siteName: l.site_name, campaignId: l.campaign_id, campaignName: l.campaign_name, period: l.period, amountCents: l.amount_cents,
        })),
        rejected: rejected
          .filter((r) => r.structure_id === s.structure_id)
          .map((r) => ({ ticketSerial: r.serial, amountCents: r.amount_cents, reason: r.reject_reason, period: r.period })),
      };
    }),
  };
}
