import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsWithContextQuery } from '../src/repositories/ticket-lookup.ts';
import { redeemTicketQuery } from '../src/repositories/redemptions.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// The hot paths (ticket lookup by code hash, the redemption's conditional update) must use the
// unique index on tickets.code_hash, not scan the table (ARCHITECTURE.md "Data").

describe(`query plans of the redemption hot path (${dialectName})`, () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
    // 2,000 tickets, half issued; PostgreSQL plans from statistics, so gather them (autovacuum
    // does it in production). SQLite is left without statistics, as a fresh embedded database is.
    const g = given(tdb.deps);
    const campaign = await g.campaign({ territoryId: await g.territory() });
    const booklets = await g.stockBooklets({ campaign, count: 400 });
    const ids = booklets.filter((_, i) => i % 2 === 0).flatMap((b) => b.tickets.map((t) => t.id));
    for (let i = 0; i < ids.length; i += 500) await tdb.deps.db.updateTable('tickets').set({ status: 'issued' }).where('id', 'in', ids.slice(i, i + 500)).execute();
    if (tdb.handle.dialect === 'postgresql') await tdb.deps.db.executeQuery(CompiledQuery.raw('analyze'));
  }, 120_000);
  afterAll(async () => tdb.close());

  const plan = async (compiled: CompiledQuery): Promise<string> =>
    tdb.deps.db.transaction().execute(async (trx) => {
      if (tdb.handle.dialect === 'postgresql') {
        const res = await trx.executeQuery(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
        return res.rows.map((r) => Object.values(r as object).join(' ')).join('\n');
      }
      const res = await trx.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return res.rows.map((r) => (r as { detail: string }).detail).join('\n');
    });

  const indexOnCodeHash = () =>
    tdb.handle.dialect === 'postgresql' ? /Index Scan (using|on) one_ticket_per_code/ : /SEARCH tickets USING INDEX \w+ \(code_hash=\?\)/;

  it('the conditional update finds tickets through the code-hash index', async () => {
    const q = redeemTicketQuery(tdb.deps.db, {
      codeHash: 'a', from: ['issued'], today: '2026-03-15', structureId: 's', territoryId: 't', at: '2026-03-15T10:00:00.000Z',
    }).compile();
    expect(await plan(q)).toMatch(indexOnCodeHash());
  });

  it('the ticket check finds the ticket through the same index', async () => {
    expect(await plan(ticketsWithContextQuery(tdb.deps.db, ['a'], 's').compile())).toMatch(indexOnCodeHash());
    // several codes (a refused multi-ticket request): still the index, never a scan of tickets
    const several = await plan(ticketsWithContextQuery(tdb.deps.db, ['a', 'b', 'c'], 's').compile());
    expect(several).toMatch(indexOnCodeHash());
    expect(several).not.toMatch(/SCAN tickets|Seq Scan on tickets/);
  });
});
