import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiringTicketsQuery } from '../src/repositories/read-models/action-list.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// "Who to call" reads a territory's live tickets by validity: it must go through the
// (campaign, status, validity) index, not walk every territory's issued tickets (17 s for one
// territory of the 10-million-ticket benchmark before the index).

describe(`query plan of the list of people to call (${dialectName})`, () => {
  let tdb: TestDb;
  let campaignId: string;
  let territoryId: string;
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    territoryId = await g.territory();
    const other = await g.campaign({ territoryId, name: 'Autre campagne' });
    const campaign = await g.campaign({ territoryId, name: 'Campagne suivie', validity_end: '2026-04-10' });
    campaignId = campaign.id;
    // Many tickets elsewhere (stock of another campaign), a few live ones in the campaign asked for.
    const stock = await g.stockBooklets({ campaign: other, count: 400 });
    const elsewhere = stock.filter((_, i) => i % 2 === 0).flatMap((b) => b.tickets.map((t) => t.id));
    for (let i = 0; i < elsewhere.length; i += 500) await tdb.deps.db.updateTable('tickets').set({ status: 'issued' }).where('id', 'in', elsewhere.slice(i, i + 500)).execute();
    const org = await g.organisation({ territoryId });
    for (let i = 0; i < 5; i++) await g.issuedBooklet({ campaign, organisationId: org });
    if (tdb.handle.dialect === 'postgresql') await tdb.deps.db.executeQuery(CompiledQuery.raw('analyze'));
  }, 120_000);
  afterAll(async () => tdb.close());

  const plan = async (compiled: CompiledQuery): Promise<string> => {
    const prefix = tdb.handle.dialect === 'postgresql' ? 'explain' : 'explain query plan';
    const res = await tdb.deps.db.executeQuery(CompiledQuery.raw(`${prefix} ${compiled.sql}`, [...compiled.parameters]));
    return res.rows.map((r) => (tdb.handle.dialect === 'postgresql' ? Object.values(r as object).join(' ') : (r as { detail: string }).detail)).join('\n');
  };

  it('finds the expiring tickets of a campaign through the (campaign, status, validity) index', async () => {
    const q = expiringTicketsQuery(tdb.deps.db, { territoryId, campaignId }, { today: '2026-03-15', until: '2026-04-14' }).select('t.id').compile();
    const text = await plan(q);
    if (tdb.handle.dialect === 'postgresql') {
      expect(text).toMatch(/Index (Only )?Scan (using|on) tickets_by_campaign_status(_validity)? on tickets|Bitmap Index Scan on tickets_by_campaign_status(_validity)?/);
      expect(text).not.toMatch(/Seq Scan on tickets/);
    } else {
      expect(text).toMatch(/SEARCH t USING INDEX tickets_by_campaign_status_validity \(campaign_id=\? AND status=\? AND valid_until>\? AND valid_until<\?\)/);
    }
    const rows = await tdb.deps.db.executeQuery(q);
    expect(rows.rows).toHaveLength(25);
  });

  it('also for a whole territory (campaigns of the territory)', async () => {
    const text = await plan(expiringTicketsQuery(tdb.deps.db, { territoryId }, { today: '2026-03-15', until: '2026-04-14' }).select('t.id').compile());
    if (tdb.handle.dialect === 'postgresql') expect(text).not.toMatch(/Seq Scan on tickets/);
    else expect(text).toMatch(/SEARCH t USING INDEX tickets_by_campaign_status_validity/);
  });
});
