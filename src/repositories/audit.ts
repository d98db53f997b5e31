import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { bulkInsertQuery, executeWithInserts, type BulkColumns, type BulkRows } from '../db/bulk-insert.ts';
import { queryTemplate } from '../db/query-template.ts';
import type { AuditLogTable, DB } from '../db/schema.ts';
import { PRINTED_DIGITS } from '../domain/audit-checkpoint.ts';
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

/**
 * The chain's key (issue 17, point 7), derived from PASSNUM_AUDIT_KEY, which the database never
 * holds: without it nobody can recompute a keyed entry's hash, the head's seal or a checkpoint's
 * signature. One per process, set by `createDeps` (composition.ts): every use case, job and command
 * of a process writes the same chain with the same key, and the chaining runs deep inside callers'
 * transactions that carry no dependencies.
 */
export interface AuditKey { readonly key: KeyObject }

export function auditKeyFrom(secret: string): AuditKey {
  return { key: createSecretKey(createHash('sha256').update(`audit:${secret}`).digest()) };
}

let processKey: AuditKey | null = null;

export function useAuditKey(key: AuditKey): void {
  processKey = key;
}

function currentKey(): AuditKey {
  if (!processKey) throw new Error('Clé du journal d’audit non configurée (createDeps n’a pas été appelé).');
  return processKey;
}

/**
 * An entry's hash. Entries before the head's `keyed_from` (written before the chain was keyed)
 * keep their plain SHA-256; from there on HMAC-SHA256 under the audit key, over the same text.
 */
export function auditHash(prevHash: string, row: Omit<AuditLogTable, 'hash' | 'prev_hash'>, key: AuditKey | null = null): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.territory_id, row.actor_id, row.actor_label, row.action, row.target_type, row.target_id, row.details,
  ]);
  const h = key ? createHmac('sha256', key.key) : createHash('sha256');
  return h.update(prevHash).update('\n').update(canonical).digest('hex');
}

/** The head's seal: its count, last hash and switch point under the key, so that none moves without it. */
export function headMac(key: AuditKey, head: { last_seq: number; last_hash: string; keyed_from: number }): string {
  return createHmac('sha256', key.key).update(`head\n${JSON.stringify([head.last_seq, head.last_hash, head.keyed_from])}`).digest('hex');
}

/** A checkpoint's signature: the count, the hash of that entry and the time it was taken. */
export function checkpointMac(key: AuditKey, c: { seq: number; hash: string; at: string }): string {
  return createHmac('sha256', key.key).update(`checkpoint\n${JSON.stringify([c.seq, c.hash, c.at])}`).digest('hex');
}

type ChainRow = Omit<AuditLogTable, 'seq' | 'hash' | 'prev_hash'>;

function toRow(e: AuditEntry): ChainRow {
  return {
    at: e.at,
    territory_id: e.territoryId,
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    details: JSON.stringify(e.details ?? {}),
  };
}

/** Staged entries moved per statement; more are moved by the next round of the same transaction. */
const CHAIN_BATCH = 1000;

/**
 * Appends entries to the hash-chained audit log inside the caller's transaction. The head row is
 * updated first, which locks it (PostgreSQL row lock, SQLite write lock): appends are serialised
 * and the chain never forks. Entries staged by `stageAudit` and already committed are chained
 * first, so the chain keeps the order in which things happened.
 */
export async function appendAudit(trx: Tx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await chainInTransaction(trx, list.map(toRow));
}

/**
 * Stages entries in `audit_pending`, in the caller's transaction (ADR 13): one INSERT, no shared
 * row, so concurrent redemptions do not queue on `audit_head` until they commit. They join the
 * chain at the next `chainPendingAudit` (the redemption path calls it after its commit, through
 * `flushAudit`), at the next `appendAudit`, or when the chain is verified.
 */
export async function stageAudit(trx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { table, columns, rows } = stagedAuditRows(entries);
  await trx.executeQuery(bulkInsertQuery(trx, table, columns, rows));
}

/** The rows `stageAudit` inserts, for a statement that inserts them along with others (executeWithInserts). */
export function stagedAuditRows(entries: AuditEntry[]): BulkRows<ChainRow> {
  return { table: 'audit_pending', columns: ENTRY_COLUMNS, rows: entries.map(toRow) };
}

// The chain's statements run with every redemption: fixed SQL texts (bulk-insert.ts, query-template.ts).
const ENTRY_COLUMNS: BulkColumns<ChainRow> = [
  ['at', 'text'], ['territory_id', 'text'], ['actor_id', 'text'], ['actor_label', 'text'], ['action', 'text'], ['target_type', 'text'],
  ['target_id', 'text'], ['details', 'text'],
];
const LOG_COLUMNS: BulkColumns<AuditLogTable> = [['seq', 'integer'], ...(ENTRY_COLUMNS as BulkColumns<AuditLogTable>), ['prev_hash', 'text'], ['hash', 'text']];
// A no-op update takes the head's lock on both databases (SQLite: already the write lock).
const lockHead = queryTemplate((db) => db.updateTable('audit_head').set((eb) => ({ last_seq: eb.ref('last_seq') })).where('id', '=', 1).returning(['last_seq', 'last_hash', 'keyed_from']));
// Taken and removed in one statement, by id: an entry committed meanwhile (even inside the range) stays for the next chaining.
const takeStaged = queryTemplate((db) =>
  db.deleteFrom('audit_pending').where('id', 'in', (eb) => eb.selectFrom('audit_pending').select('id').orderBy('id').limit(CHAIN_BATCH)).returningAll(),
);
const moveHead = queryTemplate((db, p: { seq: number; hash: string; mac: string }) => db.updateTable('audit_head').set({ last_seq: p.seq, last_hash: p.hash, head_mac: p.mac }).where('id', '=', 1));

/**
 * Locks the head, chains committed staged entries (oldest first), then `extra`; returns how many
 * staged entries moved. On PostgreSQL the last rows and the head's move go in one statement.
 */
async function chainInTransaction(trx: Tx, extra: ChainRow[]): Promise<number> {
  const [head] = await lockHead.execute(trx, {});
  if (!head) throw new Error('audit_head row missing');
  const key = currentKey();
  let seq = head.last_seq;
  let prev = head.last_hash;
  let moved = 0;
  let chained: AuditLogTable[] = [];
  const chain = (rows: ChainRow[]) => {
    for (const row of rows) {
      seq += 1;
      const base = { seq, ...row };
      const hash = auditHash(prev, base, seq >= head.keyed_from ? key : null);
      chained.push({ ...base, prev_hash: prev, hash });
      prev = hash;
    }
  };
  for (;;) {
    const staged = (await takeStaged.execute(trx, {})).sort((a, b) => a.id - b.id);
    if (staged.length === 0) break;
    chain(staged.map(({ id: _id, ...row }) => row));
    moved += staged.length;
    if (staged.length < CHAIN_BATCH) break;
    // A backlog (a process stopped before its flush): written batch by batch, memory bounded.
    await trx.executeQuery(bulkInsertQuery(trx, 'audit_log', LOG_COLUMNS, chained));
    chained = [];
  }
  chain(extra);
  if (seq !== head.last_seq) {
    const mac = headMac(key, { last_seq: seq, last_hash: prev, keyed_from: head.keyed_from });
    await executeWithInserts(trx, moveHead.compile(trx, { seq, hash: prev, mac }), [{ table: 'audit_log', columns: LOG_COLUMNS, rows: chained }]);
  }
  return moved;
}

/** Moves every committed staged entry into the chain, in one transaction; returns how many. */
export function chainPendingAudit(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute((trx) => chainInTransaction(trx, []));
}

/**
 * Group chaining: callers that finished a transaction with staged entries wait for one chaining
 * transaction that takes every entry committed so far. One runs at a time per database handle; a
 * caller arriving while one runs waits for the next, which starts as soon as the current ends (on
 * SQLite, the requests read in the same turn of the event loop share it).
 */
class AuditFlusher {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  constructor(private readonly db: Kysely<DB>) {}

  flush(): Promise<void> {
    if (this.queued) return this.queued;
    this.queued = this.runAfter(this.running);
    return this.queued;
  }

  private async runAfter(previous: Promise<void> | null): Promise<void> {
    if (previous) await previous.catch(() => undefined);
    else await new Promise((resolve) => setImmediate(resolve));
    // `queued` is this run's own promise (flush() hands it out while set): from here on, callers
    // queue the next run, which will see what they committed.
    const self = this.queued;
    this.queued = null;
    this.running = self;
    try {
      await chainPendingAudit(this.db);
    } finally {
      if (this.running === self) this.running = null;
    }
  }
}

const flushers = new WeakMap<Kysely<DB>, AuditFlusher>();

/** Chains the entries staged by transactions committed before this call (see AuditFlusher). */
export function flushAudit(db: Kysely<DB>): Promise<void> {
  let flusher = flushers.get(db);
  if (!flusher) flushers.set(db, (flusher = new AuditFlusher(db)));
  return flusher.flush();
}

/** A checkpoint as handed out: full hash and signature when stored, their first 16 digits when read off a printed page. */
export interface Checkpoint { seq: number; hash: string; at: string; mac: string }

export interface CheckpointCheck { checkpoint: Checkpoint; source: string; problem: string | null }

export type AuditVerification = {
  ok: boolean;
  entries: number;
  /** First entry and problem when the chain itself is broken. */
  seq?: number;
  problem?: string;
  /** First keyed entry (the ones before keep their unkeyed hash). */
  keyedFrom: number;
  /** Every checkpoint checked (stored ones and the one given), with what is wrong with it if anything. */
  checkpoints: CheckpointCheck[];
};

/**
 * Walks the chain in order and names the first entry that was altered, removed or added; checks
 * keyed entries and the head's seal with the key (a chain recomputed without it fails), then each
 * checkpoint: its signature, and that the chain still holds the entry it names with the hash it
 * names (a truncated chain, even with a head moved back to an earlier sealed state, fails).
 */
export async function verifyAuditChain(db: Executor, opts: { key?: AuditKey; checkpoint?: Checkpoint & { source: string } } = {}): Promise<AuditVerification> {
  const key = opts.key ?? currentKey();
  // Entries staged and committed but not chained yet (a process stopped before its flush) are
  // chained first: verification covers everything committed.
  if (!db.isTransaction) await chainPendingAudit(db as Kysely<DB>);
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const stored = await db.selectFrom('audit_checkpoints').select(['seq', 'hash', 'at', 'mac', 'purpose']).orderBy('seq').execute();
  const checks: (Checkpoint & { source: string })[] = [...stored.map((c) => ({ ...c, source: c.purpose })), ...(opts.checkpoint ? [opts.checkpoint] : [])];
  const wanted = new Map<number, string>();
  for (const c of checks) wanted.set(c.seq, '');
  const keyedFrom = head.keyed_from;
  const result = (r: { ok: boolean; entries: number; seq?: number; problem?: string }): AuditVerification => ({
    ...r, keyedFrom, checkpoints: checks.map((c) => ({ checkpoint: c, source: c.source, problem: checkpointProblem(key, c, wanted.get(c.seq) ?? '', r.entries) })),
  });
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
        return result({ ok: false, entries: count, seq: expectedSeq, problem: `l’entrée n° ${expectedSeq} a été supprimée` });
      }
      const { hash, prev_hash, ...rest } = row;
      if (prev_hash !== prev) {
        return result({ ok: false, entries: count, seq: row.seq, problem: `l’entrée n° ${row.seq} ne suit pas l’entrée précédente` });
      }
      if (auditHash(prev, rest, row.seq >= keyedFrom ? key : null) !== hash) {
        return result({ ok: false, entries: count, seq: row.seq, problem: `l’entrée n° ${row.seq} a été modifiée` });
      }
      if (wanted.has(row.seq)) wanted.set(row.seq, hash);
      prev = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  if (head.last_seq !== count || head.last_hash !== prev) {
    return result({ ok: false, entries: count, seq: count + 1, problem: `la fin du journal ne correspond pas (entrée n° ${count + 1} supprimée ?)` });
  }
  // Unsealed only while nothing was chained since the upgrade (the migration cannot hold the key).
  const sealed = head.head_mac !== null && head.head_mac === headMac(key, head);
  if (!sealed && (head.head_mac !== null || count >= keyedFrom)) {
    return result({ ok: false, entries: count, seq: count, problem: 'la tête du journal n’est pas scellée par la clé du journal (journal tronqué ou réécrit, ou clé différente)' });
  }
  const verified = result({ ok: true, entries: count });
  const failed = verified.checkpoints.find((c) => c.problem !== null);
  return failed ? { ...verified, ok: false, seq: failed.checkpoint.seq, problem: failed.problem! } : verified;
}

function checkpointProblem(key: AuditKey, c: Checkpoint, hashInChain: string, entries: number): string | null {
  const printed = c.mac.length === PRINTED_DIGITS;
  if (c.seq > entries) return `le journal s’arrête à l’entrée n° ${entries} alors que le point de contrôle du ${c.at} en comptait ${c.seq} : journal tronqué`;
  if (!hashInChain.startsWith(c.hash)) return `l’entrée n° ${c.seq} n’a plus l’empreinte du point de contrôle du ${c.at} : journal réécrit`;
  const mac = checkpointMac(key, { seq: c.seq, hash: hashInChain, at: c.at });
  if (printed ? !mac.startsWith(c.mac) : mac !== c.mac) return `la signature du point de contrôle du ${c.at} n’est pas celle de la clé du journal : point de contrôle falsifié`;
  return null;
}

/**
 * Takes a signed checkpoint of the head (after chaining what is committed) and stores it; the
 * caller hands it out (printed on a statement, sent with the monthly claim summary).
 */
export async function takeCheckpoint(db: Kysely<DB>, p: { id: string; at: Date; purpose: string }): Promise<Checkpoint> {
  await chainPendingAudit(db);
  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  // To the second: the printed time is the signed time.
  const at = `${p.at.toISOString().slice(0, 19)}Z`;
  const c = { seq: head.last_seq, hash: head.last_hash, at };
  const checkpoint = { ...c, mac: checkpointMac(currentKey(), c) };
  await db.insertInto('audit_checkpoints').values({ id: p.id, ...checkpoint, purpose: p.purpose }).execute();
  return checkpoint;
}

export function lastCheckpoint(db: Executor) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('at', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
}
