import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointLine, parseCheckpointLine } from '../src/domain/audit-checkpoint.ts';
import { appendAudit, auditHash, auditKeyFrom, headMac, stageAudit, takeCheckpoint, verifyAuditChain, type AuditEntry } from '../src/repositories/audit.ts';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { sendMonthlyClaimSummaries } from '../src/usecases/reimbursement/monthly-claim-summary.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 17, point 7: someone with write access to the database but not PASSNUM_AUDIT_KEY rewrites
// the audit trail. Each attack is played as that person would, with plain SQL and SHA-256.

const entry = (targetId: string, details: Record<string, unknown> = {}): AuditEntry => ({
  at: '2026-03-15T10:00:00.000Z', territoryId: null, actorId: null, actorLabel: 'finance@demo', action: 'payment_order.released', targetType: 'payment_order', targetId, details,
});

describe(`a keyed audit chain resists a database administrator (${dialectName})`, () => {
  let tdb: TestDb;
  const db = () => tdb.deps.db;
  const append = (n: number, prefix: string) => db().transaction().execute((trx) => appendAudit(trx, Array.from({ length: n }, (_, i) => entry(`${prefix}-${i + 1}`, { amountCents: 1000 * (i + 1) }))));
  const head = () => db().selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

  /** The attacker's rewrite: from `fromSeq` on, every hash recomputed (without the key: plain SHA-256), then the head. */
  async function recompute(fromSeq: number, key: ReturnType<typeof auditKeyFrom> | null = null) {
    const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = '';
    for (const row of rows) {
      if (row.seq >= fromSeq) {
        const { hash: _h, prev_hash: _p, ...rest } = row;
        const hash = auditHash(prev, rest, key);
        await db().updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
        prev = hash;
      } else prev = row.hash;
    }
    const h = await head();
    await db().updateTable('audit_head').set({ last_hash: prev, head_mac: key ? headMac(key, { ...h, last_hash: prev }) : h.head_mac }).execute();
  }

  beforeEach(async () => {
    tdb = await createTestDb();
  });
  afterEach(async () => tdb.close());

  it('an intact chain verifies, keyed from its first entry, sealed, with its stored checkpoints', async () => {
    await append(5, 'a');
    await db().transaction().execute((trx) => stageAudit(trx, [entry('a-staged')]));
    const c = await takeCheckpoint(db(), { id: 'cp-1', at: tdb.clock.now(), purpose: 'relevé' });
    expect(c.seq).toBe(6);
    await append(2, 'b');
    const r = await verifyAuditChain(db());
    expect(r).toMatchObject({ ok: true, entries: 8, keyedFrom: 1 });
    expect(r.checkpoints).toEqual([{ checkpoint: expect.objectContaining({ seq: 6 }), source: 'relevé', problem: null }]);
    // The keyed hash is not the plain one: recomputing without the key cannot land on it.
    const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const { hash, prev_hash, ...rest } = row;
    expect(auditHash(prev_hash, rest, null)).not.toBe(hash);
  });

  it('attack (a): a row altered and every hash and the head recomputed without the key is caught', async () => {
    await append(6, 'a');
    await db().updateTable('audit_log').set({ details: JSON.stringify({ amountCents: 999_999 }) }).where('seq', '=', 3).execute();
    await recompute(3);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, entries: 2, seq: 3, problem: 'l’entrée n° 3 a été modifiée' });
    // With a guessed key (the development default) instead, and the head resealed with it: caught too.
    await recompute(3, auditKeyFrom('a-guessed-key'));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: 3, problem: 'l’entrée n° 3 a été modifiée' });
  });

  it('attack (b): the last entries cut off and the head moved back', async () => {
    await append(4, 'a');
    const earlier = await head(); // what the attacker read at entry 4, sealed
    const checkpoint = await takeCheckpoint(db(), { id: 'cp-1', at: tdb.clock.now(), purpose: 'relevé n° 12' });
    await append(3, 'b');
    const printed = checkpointLine({ ...checkpoint, seq: 7, hash: (await head()).last_hash, mac: (await takeCheckpoint(db(), { id: 'cp-2', at: tdb.clock.now(), purpose: 'récapitulatif mensuel' })).mac });

    // Naive: entries 6 and 7 deleted, the head set to entry 5's count and hash, unsealed: the seal says no.
    await db().deleteFrom('audit_log').where('seq', '>', 5).execute();
    const five = await db().selectFrom('audit_log').select('hash').where('seq', '=', 5).executeTakeFirstOrThrow();
    await db().updateTable('audit_head').set({ last_seq: 5, last_hash: five.hash }).execute();
    await db().deleteFrom('audit_checkpoints').execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, entries: 5, problem: expect.stringContaining('n’est pas scellée') });

    // Clever: back to entry 4 with the sealed head read then, stored checkpoints deleted. Only a
    // checkpoint that left the system can tell — and it does.
    await db().deleteFrom('audit_log').where('seq', '>', 4).execute();
    await db().updateTable('audit_head').set({ last_seq: earlier.last_seq, last_hash: earlier.last_hash, head_mac: earlier.head_mac }).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 4 });
    const r = await verifyAudit(tdb.deps, { checkpointText: printed });
    expect(r).toMatchObject({ ok: false, entries: 4, seq: 7 });
    expect(r.problem).toMatch(/s’arrête à l’entrée n° 4 alors que le point de contrôle du .* en comptait 7 : journal tronqué/);
    expect(checkpoint.seq).toBe(4);
  });

  it('a stored checkpoint catches a truncation below it; a forged checkpoint is named', async () => {
    await append(3, 'a');
    const sealedAt3 = await head();
    await append(3, 'b');
    await takeCheckpoint(db(), { id: 'cp-1', at: tdb.clock.now(), purpose: 'relevé n° 7' });
    await db().deleteFrom('audit_log').where('seq', '>', 3).execute();
    await db().updateTable('audit_head').set({ last_seq: 3, last_hash: sealedAt3.last_hash, head_mac: sealedAt3.head_mac }).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, problem: expect.stringContaining('journal tronqué') });

    await db().deleteFrom('audit_checkpoints').execute();
    const three = await db().selectFrom('audit_log').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = checkpointLine({ seq: 3, hash: three.hash, mac: 'ab'.repeat(32), at: '2026-03-15T10:00:00Z' });
    expect(await verifyAudit(tdb.deps, { checkpointText: forged })).toMatchObject({ ok: false, problem: expect.stringContaining('point de contrôle falsifié') });
  });

  it('a chain upgraded from unkeyed entries verifies, and its unkeyed part can no longer be rewritten', async () => {
    // The released versions' chain: plain SHA-256; the migration marks the switch after it.
    let prev = '';
    for (let seq = 1; seq <= 3; seq += 1) {
      const row = { seq, at: '2026-01-01T00:00:00.000Z', territory_id: null, actor_id: null, actor_label: 'ancien', action: 'campaign.created', target_type: 'campaign', target_id: `c-${seq}`, details: '{}' };
      const hash = auditHash(prev, row, null);
      await db().insertInto('audit_log').values({ ...row, prev_hash: prev, hash }).execute();
      prev = hash;
    }
    await db().updateTable('audit_head').set({ last_seq: 3, last_hash: prev, keyed_from: 4, head_mac: null }).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 3, keyedFrom: 4 });
    await append(2, 'new');
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 5, keyedFrom: 4 });

    await db().updateTable('audit_log').set({ actor_label: 'quelqu’un d’autre' }).where('seq', '=', 2).execute();
    await recompute(2);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: 4 });
  });

  it('the monthly claim summary sends a checkpoint to each finance officer, once a month, which catches a later truncation', async () => {
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    const officer = await g.user({ territoryId, role: 'finance' });
    await append(3, 'a');
    const sealedAt3 = await head();
    await append(2, 'b');
    expect(await sendMonthlyClaimSummaries(tdb.deps)).toEqual({ sent: 1 });
    expect(await sendMonthlyClaimSummaries(tdb.deps)).toEqual({ sent: 0 });
    const message = await db().selectFrom('outbox').selectAll().where('kind', '=', 'claim_summary').executeTakeFirstOrThrow();
    expect(message).toMatchObject({ recipient: officer.email, subject: 'passnum : récapitulatif des demandes de remboursement de février 2026' });
    const line = /Point de contrôle du journal : .*UTC/.exec(message.body)![0];
    expect(Number(/n° (\d+)/.exec(line)![1])).toBe((await head()).last_seq);
    expect(await verifyAudit(tdb.deps, { checkpointText: line })).toMatchObject({ ok: true });

    await db().deleteFrom('audit_log').where('seq', '>', sealedAt3.last_seq).execute();
    await db().updateTable('audit_head').set({ last_seq: sealedAt3.last_seq, last_hash: sealedAt3.last_hash, head_mac: sealedAt3.head_mac }).execute();
    await db().deleteFrom('audit_checkpoints').execute();
    expect(await verifyAudit(tdb.deps)).toMatchObject({ ok: true });
    expect(await verifyAudit(tdb.deps, { checkpointText: line })).toMatchObject({ ok: false, problem: expect.stringContaining('journal tronqué') });
  });

  it('the printed line reads back', () => {
    const c = { seq: 1234, hash: 'a'.repeat(64), mac: 'b1'.repeat(32), at: '2026-12-07T21:40:12Z' };
    const line = checkpointLine(c);
    expect(line).toBe(`Point de contrôle du journal : n° 1234, empreinte ${'a'.repeat(16)}-${'b1'.repeat(8)}, le 07/12/2026 à 21:40:12 UTC`);
    expect(parseCheckpointLine(`  ${line.toUpperCase().replace('N°', 'n°')} `)).toEqual({ seq: 1234, hash: 'a'.repeat(16), mac: 'b1'.repeat(8), at: c.at });
    expect(parseCheckpointLine('n° 12, empreinte abc')).toBeNull();
  });
});
