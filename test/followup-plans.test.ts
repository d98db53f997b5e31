import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiringListQuery } from '../src/repositories/read-models/action-list.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// "Who to call" reads the call list (one row per person and campaign with tickets to use) by
// territory and validity: it must go through its index, never walk the tickets (17 s for one
// territory of the 10-million-ticket benchmark when it read the tickets).

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
    // Many people of other territories in the call list, spread over two years of validity.
    const others = Array.from({ length: 20_000 }, (_, i) => ({
      beneficiary_id: `autre-${i}`, campaign_id: `campagne-${i % 50}`, territory_id: `territoire-${i % 50}`, organisation_id: 'org',
      sort_name: `Nom ${i}`, handed_out_at: '2025-01-01T00:00:00.000Z', unused: 5, unused_cents: 5000,
      valid_until: `${2025 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-15`, used: 0,
    }));
    for (let i = 0; i < others.length; i += 500) await tdb.deps.db.insertInto('call_list').values(others.slice(i, i + 500)).execute();
    if (tdb.handle.dialect === 'postgresql') await tdb.deps.db.executeQuery(CompiledQuery.raw('analyze'));
  }, 120_000);
  afterAll(async () => tdb.close());

  const plan = async (compiled: CompiledQuery): Promise<string> => {
    const prefix = tdb.handle.dialect === 'postgresql' ? 'explain' : 'explain query plan';
    const res = await tdb.deps.db.executeQuery(CompiledQuery.raw(`${prefix} ${compiled.sql}`, [...compiled.parameters]));
    return res.rows.map((r) => (tdb.handle.dialect === 'postgresql' ? Object.values(r as object).join(' ') : (r as { detail: string }).detail)).join('\n');
  };

  it('finds the people to call of a territory through the call list’s (territory, validity) index', async () => {
    const q = expiringListQuery(tdb.deps.db, { territoryId, campaignId }, { today: '2026-03-15', until: '2026-04-14' }).select('cl.beneficiary_id').compile();
    const text = await plan(q);
    if (tdb.handle.dialect === 'postgresql') {
      expect(text).toMatch(/Index (Only )?Scan (using|on) call_list_expiring on call_list|Bitmap Index Scan on call_list_expiring/);
      expect(text).not.toMatch(/tickets/);
    } else {
      expect(text).toMatch(/SEARCH cl USING (COVERING )?INDEX call_list_expiring \(territory_id=\? AND valid_until>\? AND valid_until<\?\)/);
    }
    const rows = await tdb.deps.db.executeQuery(q);
    expect(rows.rows).toHaveLength(5);
  });

  it('and for the whole country through the (validity) index', async () => {
    const text = await plan(expiringListQuery(tdb.deps.db, { territoryId: null }, { today: '2026-03-15', until: '2026-04-14' }).select('cl.beneficiary_id').compile());
    if (tdb.handle.dialect === 'postgresql') expect(text).not.toMatch(/Seq Scan on call_list/);
    else expect(text).toMatch(/SEARCH cl USING (COVERING )?INDEX call_list_expiring_national/);
  });
});
