import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

export interface AuditEntry {
  at: string;
  territoryId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

export function auditHash(prevHash: string, row: Omit<AuditLogTable, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.territory_id, row.actor_id, row.actor_label, row.action, row.target_type, row.target_id, row.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends entries to the hash-chained audit log inside the caller's transaction. The head row is
 * updated first, which locks it (PostgreSQL row lock, SQLite write lock): appends are serialised
 * and the chain never forks.
 */
export async function appendAudit(trx: Tx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', list.length) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  let seq = head.last_seq - list.length;
  let prev = head.last_hash;
  const rows: AuditLogTable[] = [];
  for (const e of list) {
    seq += 1;
    const base = {
      seq,
      at: e.at,
      territory_id: e.territoryId,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      details: JSON.stringify(e.details ?? {}),
    };
    const hash = auditHash(prev, base);
    rows.push({ ...base, prev_hash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
  }
  await trx.updateTable('audit_head').set({ last_hash: prev }).where('id', '=', 1).execute();
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; seq: number; problem: string };

/** Walks the chain in order and names the first entry that was altered, removed or added. */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let prev = '';
  let expectedSeq = 1;
  let count = 0;
  const pageSize = 5000;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return { ok: false, entries: count, seq: expectedSeq, problem: `l’entrée n° ${expectedSeq} a été supprimée` };
      }
      const { hash, prev_hash, ...rest } = row;
      if (prev_hash !== prev) {
        return { ok: false, entries: count, seq: row.seq, problem: `l’entrée n° ${row.seq} ne suit pas l’entrée précédente` };
      }
      if (auditHash(prev, rest) !== hash) {
        return { ok: false, entries: count, seq: row.seq, problem: `l’entrée n° ${row.seq} a été modifiée` };
      }
      prev = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  if (head.last_seq !== count || head.last_hash !== prev) {
    return { ok: false, entries: count, seq: count + 1, problem: `la fin du journal ne correspond pas (entrée n° ${count + 1} supprimée ?)` };
  }
  return { ok: true, entries: count };
}
