import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/composition.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/actor.ts';
import { redeemTicketsIfUsable } from '../../src/repositories/redemptions.ts';
import { inTransaction } from '../../src/repositories/tx.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { BENCH_SECRETS, type DbKind, type ScaleParams } from '../config.ts';
import type { BenchIds } from '../dataset.ts';
import type { Prepared } from '../target.ts';
import { foldPendingStats, withStats } from '../../src/repositories/stats.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target for this figure, if it has one. */
  target?: { op: '>=' | '<='; value: number };
  met?: boolean;
}

export interface ScenarioResult {
  scenario: string;
  figures: Figure[];
  details: Record<string, unknown>;
  /** os.loadavg() before and after: other work on the machine contaminates the figures. */
  loadavg: { before: number[]; after: number[] };
  seconds: number;
}

export interface BenchContext {
  kind: DbKind;
  scale: ScaleParams;
  /** The national dataset, built or reused on first use. */
  dataset(): Promise<Prepared>;
  log(message: string): void;
}

export function figure(name: string, value: number, unit: string, target?: Figure['target']): Figure {
  const v = Math.round(value * 100) / 100;
  return { name, value: v, unit, ...(target ? { target, met: target.op === '>=' ? v >= target.value : v <= target.value } : {}) };
}

export async function timed(name: string, fn: () => Promise<Omit<ScenarioResult, 'loadavg' | 'seconds' | 'scenario'>>): Promise<ScenarioResult> {
  const before = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const t0 = performance.now();
  const r = await fn();
  return { scenario: name, ...r, loadavg: { before, after: os.loadavg().map((x) => Math.round(x * 100) / 100) }, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}

/** Use-case dependencies on a bench database, with the bench's secrets (the codes it minted verify). */
export function benchDeps(handle: DatabaseHandle): Deps {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', ...BENCH_SECRETS });
  return createDeps(config, handle);
}

export function adminActor(ids: BenchIds): Actor {
  return { kind: 'user', id: ids.adminId, role: 'admin', territoryId: ids.territoryId, organisationId: null, structureId: null, label: 'admin@banc-essai.invalid' };
}

/**
 * One operation of the redemption's storage floor: its conditional update alone, in a transaction,
 * on the hot ticket `codeHash`. Throws when `mustMove` and the ticket did not move.
 */
export function guardAlone(deps: Deps, ids: BenchIds, today: string, codeHash: string, mustMove: boolean): Promise<void> {
  return inTransaction(deps.db, async (trx) => {
    const rows = await redeemTicketsIfUsable(trx, { codeHashes: [codeHash], today, structureId: ids.structureId, territoryId: ids.territoryId, at: new Date().toISOString() });
    if (rows.length !== 1 && mustMove) throw new Error('storage floor: a hot ticket was not redeemed');
  });
}

export const SERVICE = { format: 'individuel', themes: ['Email', 'AideAuxDemarchesAdministratives'], durationMinutes: 60 };

/**
 * Puts the hot tickets back as they were before a run: the bench structure's redemptions and
 * requests removed, its tickets issued again, throttle counters cleared. Runs reuse the pool.
 */
export async function resetHotPool(handle: DatabaseHandle, ids: BenchIds): Promise<void> {
  // The dashboards' aggregates follow the reset like any other change (stats.ts).
  const people = (
    await handle.db.selectFrom('tickets as t').innerJoin('booklets as b', 'b.id', 't.booklet_id').where('t.structure_id', '=', ids.structureId).select('b.beneficiary_id').distinct().execute()
  ).map((r) => r.beneficiary_id!);
  const requests = (await handle.db.selectFrom('redemption_requests').where('structure_id', '=', ids.structureId).select('id').execute()).map((r) => r.id);
  await handle.db.transaction().execute((db) =>
    withStats(db, handle.dialect, { beneficiaryIds: people, requestIds: requests }, async () => {
      await db.deleteFrom('redemptions').where('structure_id', '=', ids.structureId).execute();
      await db.deleteFrom('redemption_requests').where('structure_id', '=', ids.structureId).execute();
      await db.updateTable('tickets').set({ status: 'issued', structure_id: null, redeemed_at: null }).where('structure_id', '=', ids.structureId).execute();
      await db.deleteFrom('throttle').execute();
    }),
  );
  // Every run starts from the same state, as between two runs of the `stats` job and autovacuum in
  // production: the pending statistics folded; on PostgreSQL the dead rows of the previous runs and
  // of this reset vacuumed (without it, a run after three others measured 224 req/s against 329).
  await handle.db.transaction().execute((trx) => foldPendingStats(trx, handle.dialect));
  if (handle.dialect === 'postgresql') {
    await sql`vacuum (analyze) tickets, redemptions, redemption_requests, call_list, audit_pending, audit_head, stats_pending, stats_cells, throttle`.execute(handle.db);
  }
}

export interface ExactlyOnce {
  holds: boolean;
  successes: number;
  /** Requests still in flight when the load generator stopped: the server may have redeemed them. */
  unanswered: number;
  redemptionRows: number;
  redeemedTickets: number;
  ticketsWithSeveralLiveRedemptions: number;
}

/**
 * Every ticket redeemed at most once, one redemption row per redeemed ticket, and as many rows as
 * successes — give or take the requests that were still in flight when the load generator stopped
 * (`unanswered`: the server finished them, the client never read the answer). With unanswered = 0
 * (the bursts, where every answer is awaited) the equality is exact.
 */
export async function exactlyOnceCheck(handle: DatabaseHandle, ids: BenchIds, successes: number, unanswered = 0): Promise<ExactlyOnce> {
  const db = handle.db;
  // Requests abandoned by the load generator are still being served: wait until the count settles.
  const rowCount = async () => Number((await db.selectFrom('redemption_requests').select(sql<number>`count(*)`.as('n')).where('structure_id', '=', ids.structureId).executeTakeFirst())?.n ?? 0);
  for (let last = -1, i = 0; i < 60; i++) {
    const n = await rowCount();
    if (n === last) break;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
  const rows = await db.selectFrom('redemptions').select(sql<number>`count(*)`.as('n')).where('structure_id', '=', ids.structureId).where('undone_at', 'is', null).executeTakeFirst();
  const tickets = await db.selectFrom('tickets').select(sql<number>`count(*)`.as('n')).where('structure_id', '=', ids.structureId).where('status', '=', 'redeemed').executeTakeFirst();
  const dup = await sql<{ n: number }>`select count(*) as n from (
      select ticket_id from redemptions
       where undone_at is null and ticket_id in (select ticket_id from redemptions where structure_id = ${ids.structureId})
       group by ticket_id having count(*) > 1) d`.execute(db);
  const r = {
    successes,
    unanswered,
    redemptionRows: Number(rows?.n ?? 0),
    redeemedTickets: Number(tickets?.n ?? 0),
    ticketsWithSeveralLiveRedemptions: Number(dup.rows[0]?.n ?? 0),
  };
  const rowsMatch = r.redemptionRows >= successes && r.redemptionRows <= successes + unanswered;
  return { holds: rowsMatch && r.redeemedTickets === r.redemptionRows && r.ticketsWithSeveralLiveRedemptions === 0, ...r };
}
