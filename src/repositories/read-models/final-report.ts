import type { Executor } from '../tx.ts';

// End-of-campaign figures (issue #5 §7): booklets, tickets by outcome, value by structure and by
// commune of hand-out. Everything summed by the database.

export async function bookletCounts(db: Executor, campaignId: string) {
  const rows = await db
    .selectFrom('booklets')
    .select(['status', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('issued_at').as('handed')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  const handedOut = rows.reduce((s, r) => s + Number(r.handed), 0);
  const inStock = Number(rows.find((r) => r.status === 'in_stock')?.n ?? 0);
  return { total, handedOut, inStock };
}

export async function ticketsByStatus(db: Executor, campaignId: string) {
  const rows = await db
    .selectFrom('tickets')
    .select(['status', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('face_value_cents').as('amount')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n), amountCents: Number(r.amount ?? 0) }));
}

export async function valueByCommune(db: Executor, campaignId: string, territoryId: string) {
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('booklets as b', 'b.id', 't.booklet_id')
    .leftJoin('communes as c', (j) => j.onRef('c.insee_code', '=', 'b.commune_insee').on('c.territory_id', '=', territoryId))
    .select([
      'b.commune_insee', 'c.name', 't.status',
      (eb) => eb.fn.countAll().as('n'),
      (eb) => eb.fn.sum('t.face_value_cents').as('amount'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.issued_at', 'is not', null)
    .groupBy(['b.commune_insee', 'c.name', 't.status'])
    .execute();
  const map = new Map<string, { inseeCode: string; name: string; issuedCents: number; redeemedCents: number; paidCents: number; expiredCents: number; tickets: number }>();
  for (const r of rows) {
    const e = map.get(r.commune_insee) ?? { inseeCode: r.commune_insee, name: r.name ?? r.commune_insee, issuedCents: 0, redeemedCents: 0, paidCents: 0, expiredCents: 0, tickets: 0 };
    const amount = Number(r.amount ?? 0);
    if (r.status !== 'cancelled') {
      e.issuedCents += amount;
      e.tickets += Number(r.n);
    }
    if (['redeemed', 'claimed', 'paid'].includes(r.status)) e.redeemedCents += amount;
    if (r.status === 'paid') e.paidCents += amount;
    if (r.status === 'expired') e.expiredCents += amount;
    map.set(r.commune_insee, e);
  }
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export function territoryName(db: Executor, territoryId: string) {
  return db.selectFrom('territories').select('name').where('id', '=', territoryId).executeTakeFirstOrThrow();
}
