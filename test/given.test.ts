import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCode } from '../src/domain/ticket-code.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

describe(`factories (${dialectName})`, () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
  });
  afterAll(async () => tdb.close());

  it('issues a booklet whose codes are valid, hashed and serialised', async () => {
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    const campaign = await g.campaign({ territoryId });
    const org = await g.organisation({ territoryId });
    const booklet = await g.issuedBooklet({ campaign, organisationId: org });
    expect(booklet.tickets).toHaveLength(5);
    expect(booklet.serial).toBe('2026-62498-000001');
    for (const t of booklet.tickets) expect(parseCode(t.code).ok).toBe(true);
    const rows = await tdb.deps.db.selectFrom('tickets').selectAll().where('booklet_id', '=', booklet.id).execute();
    expect(rows.map((r) => r.code_hash)).toEqual(booklet.tickets.map((t) => tdb.deps.secrets.hashCode(t.code)));
    expect(rows.every((r) => r.status === 'issued')).toBe(true);
    expect(tdb.deps.secrets.decryptCode(rows[0].code_encrypted!)).toBe(booklet.tickets[0].code);
  });
});
