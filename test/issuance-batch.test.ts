import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCode } from '../src/domain/ticket-code.ts';
import { takeQuotaPlace, takeQuotaPlaces } from '../src/repositories/issuance.ts';
import { inTransaction } from '../src/repositories/tx.ts';
import { drawCodes, mintBooklets } from '../src/usecases/support/mint-booklets.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { issuanceScene, LENS, type IssuanceScene } from './helpers/given-issuance.ts';

// Issuance in batches (issue #8, docs/benchmarks.md): one conditional quota UPDATE per batch, all
// or nothing, decided by the database; booklets and tickets inserted by a fixed set of statements
// per table (src/db/bulk-insert.ts).

describe(`issuance in batches (${dialectName})`, () => {
  let tdb: TestDb;
  let scene: IssuanceScene;

  beforeAll(async () => {
    tdb = await createTestDb({ poolSize: 10 });
    scene = await issuanceScene(tdb.deps, { quotas: { [LENS]: 1000 } });
  });
  afterAll(async () => {
    await tdb.close();
  });

  const quota = () =>
    tdb.deps.db.selectFrom('commune_quotas').select(['issued', 'quota']).where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', LENS).executeTakeFirstOrThrow();

  it('takes a batch of quota places all or nothing, and simultaneous batches never exceed the quota', async () => {
    await tdb.deps.db.updateTable('commune_quotas').set({ issued: 990 }).where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', LENS).execute();
    // 10 places left: a batch of 11 takes nothing, a batch of 10 takes them all.
    expect(await inTransaction(tdb.deps.db, (trx) => takeQuotaPlaces(trx, scene.campaign.id, LENS, 11))).toBe(false);
    expect(await quota()).toEqual({ issued: 990, quota: 1000 });
    expect(await inTransaction(tdb.deps.db, (trx) => takeQuotaPlaces(trx, scene.campaign.id, LENS, 10))).toBe(true);
    expect(await quota()).toEqual({ issued: 1000, quota: 1000 });
    expect(await inTransaction(tdb.deps.db, (trx) => takeQuotaPlace(trx, scene.campaign.id, LENS))).toBe(false);

    // 40 left, 12 simultaneous batches of 7 (84): exactly 5 batches win (35), the rest take nothing.
    await tdb.deps.db.updateTable('commune_quotas').set({ issued: 960 }).where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', LENS).execute();
    const wins = await Promise.all(Array.from({ length: 12 }, () => inTransaction(tdb.deps.db, (trx) => takeQuotaPlaces(trx, scene.campaign.id, LENS, 7))));
    expect(wins.filter(Boolean)).toHaveLength(5);
    expect(await quota()).toEqual({ issued: 995, quota: 1000 });
    await expect(inTransaction(tdb.deps.db, (trx) => takeQuotaPlaces(trx, scene.campaign.id, LENS, 0))).rejects.toThrow(/positive integer/);
  });

  it('mints a batch of booklets with a fixed set of inserts per table: every column stored, codes hashed and encrypted', async () => {
    // 1,250 booklets, 6,250 tickets: on SQLite full chunks of 1,000 rows go through the multi-row
    // VALUES statement and the 250 left through json_each (bulkInsertQueries); both are checked.
    const minted = await inTransaction(tdb.deps.db, (trx) => mintBooklets(tdb.deps, trx, { campaign: scene.campaign, communeInsee: LENS, count: 1250 }));
    expect(minted).toHaveLength(1250);
    const ids = minted.map((b) => b.id);
    const booklets = await tdb.deps.db.selectFrom('booklets').selectAll().where('id', 'in', ids).orderBy('serial').execute();
    expect(booklets.map((b) => b.serial)).toEqual(minted.map((b) => b.serial));
    for (const b of [booklets[0], booklets.at(-1)]) expect(b).toMatchObject({ campaign_id: scene.campaign.id, commune_insee: LENS, status: 'in_stock', beneficiary_id: null, issued_at: null, print_batch_id: null, created_at: expect.any(String) });
    const tickets = await tdb.deps.db.selectFrom('tickets').selectAll().where('booklet_id', 'in', ids).orderBy('serial').execute();
    expect(tickets).toHaveLength(1250 * scene.campaign.tickets_per_booklet);
    const byId = new Map(minted.flatMap((b) => b.tickets.map((t) => [t.id, { ...t, bookletId: b.id }] as const)));
    const codes = new Set<string>();
    for (const t of tickets) {
      const m = byId.get(t.id)!;
      expect(t).toMatchObject({ booklet_id: m.bookletId, idx: m.idx, serial: m.serial, status: 'in_stock', blocked_from: null, face_value_cents: scene.campaign.face_value_cents, valid_until: scene.campaign.validity_end, redeemed_at: null });
      expect(typeof t.idx).toBe('number');
      expect(typeof t.face_value_cents).toBe('number');
      expect(t.code_hash).toBe(tdb.deps.secrets.hashCode(m.code));
      expect(tdb.deps.secrets.decryptCode(t.code_encrypted!)).toBe(m.code);
      expect(parseCode(m.code)).toEqual({ ok: true, code: m.code });
      codes.add(m.code);
    }
    expect(codes.size).toBe(tickets.length);
  });

  it('draws codes from one buffer per batch, each from its own 11 bytes, discarding unusable draws', () => {
    const calls: number[] = [];
    let seed = 7;
    const randomBytes = (n: number) => {
      calls.push(n);
      return Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255);
    };
    const codes = drawCodes({ randomBytes }, 1000);
    expect(codes).toHaveLength(1000);
    expect(calls[0]).toBe(11 * 1202);
    expect(calls.length).toBeLessThanOrEqual(2);
    for (const c of codes) expect(parseCode(c).ok).toBe(true);
  });
});
