import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, chainPendingAudit, flushAudit, stageAudit, verifyAuditChain, type AuditEntry } from '../src/repositories/audit.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';

// ADR 13: the redemption path stages its audit entries (no shared row in its transaction) and they
// join the hash chain afterwards. The chain must stay complete, ordered and verifiable.

const entry = (targetId: string, action = 'ticket.redeemed'): AuditEntry => ({
  at: '2026-03-15T10:00:00.000Z', territoryId: null, actorId: null, actorLabel: 'test', action, targetType: 'ticket', targetId,
});

describe(`staged audit entries (${dialectName})`, () => {
  let tdb: TestDb;
  const db = () => tdb.deps.db;
  const chained = async (prefix: string) =>
    (await db().selectFrom('audit_log').select(['seq', 'target_id', 'action']).where('target_id', 'like', `${prefix}%`).orderBy('seq').execute());
  const staged = async () => (await db().selectFrom('audit_pending').select('id').execute()).length;

  beforeAll(async () => {
    tdb = await createTestDb();
  });
  afterAll(async () => tdb.close());

  it('a staged entry is not in the chain until flushed, then is, and the chain verifies', async () => {
    await db().transaction().execute((trx) => stageAudit(trx, [entry('a-1'), entry('a-2')]));
    expect(await chained('a-')).toHaveLength(0);
    await flushAudit(db());
    expect((await chained('a-')).map((r) => r.target_id)).toEqual(['a-1', 'a-2']);
    expect(await staged()).toBe(0);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('an entry staged by a transaction that rolls back never reaches the chain', async () => {
    await expect(
      db().transaction().execute(async (trx) => {
        await stageAudit(trx, [entry('b-1')]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await flushAudit(db());
    expect(await chained('b-')).toHaveLength(0);
  });

  it('a later direct append chains the staged entries first, keeping the order of events', async () => {
    await db().transaction().execute((trx) => stageAudit(trx, [entry('c-1', 'ticket.redeemed')]));
    await db().transaction().execute((trx) => appendAudit(trx, entry('c-1', 'ticket.redemption_undone')));
    expect((await chained('c-')).map((r) => r.action)).toEqual(['ticket.redeemed', 'ticket.redemption_undone']);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('verification chains what a stopped process left staged, then covers it', async () => {
    await db().transaction().execute((trx) => stageAudit(trx, [entry('d-1')]));
    const before = await verifyAuditChain(db());
    expect(before).toMatchObject({ ok: true });
    expect(await chained('d-')).toHaveLength(1);
    expect(await chainPendingAudit(db())).toBe(0);
  });

  it('many concurrent transactions and flushes chain every entry exactly once', async () => {
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        await db().transaction().execute((trx) => stageAudit(trx, [entry(`e-${i}`)]));
        await flushAudit(db());
      }),
    );
    const rows = await chained('e-');
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.target_id)).size).toBe(n);
    expect(await staged()).toBe(0);
    const all = await db().selectFrom('audit_log').select('seq').orderBy('seq').execute();
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: all.length });
  });

  it('a staged entry altered after chaining is caught by verification', async () => {
    await db().transaction().execute((trx) => stageAudit(trx, [entry('f-1')]));
    await flushAudit(db());
    const [row] = await chained('f-');
    await db().updateTable('audit_log').set({ details: '{"falsifié":true}' }).where('seq', '=', row.seq).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: row.seq, problem: `l’entrée n° ${row.seq} a été modifiée` });
  });
});
