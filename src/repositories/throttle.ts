import { sql } from 'kysely';
import { queryTemplate } from '../db/query-template.ts';
import type { Executor } from './tx.ts';

export interface ThrottleRule { windowMs: number; limit: number; blockMs: number }

/** Seconds left while `key` is blocked, or 0. */
export async function blockedFor(db: Executor, key: string, now: Date): Promise<number> {
  return blockedForAny(db, [key], now);
}

/**
 * Seconds left while any of `keys` is blocked (the longest wait), or 0 — one statement for all the
 * keys of an attempt (per actor and per IP), read before every ticket check and redemption.
 */
export async function blockedForAny(db: Executor, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows =
    keys.length === 1
      ? await blockedOne.execute(db, { k0: keys[0] })
      : keys.length === 2
        ? await blockedTwo.execute(db, { k0: keys[0], k1: keys[1] })
        : await db.selectFrom('throttle').select('blocked_until').where('key', 'in', keys).where('blocked_until', 'is not', null).execute();
  let ms = 0;
  for (const row of rows) ms = Math.max(ms, Date.parse(row.blocked_until!) - now.getTime());
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

// The keys of an attempt (one or two), read before every ticket check and redemption: built and compiled once.
const blockedOne = queryTemplate((db, p: { k0: string }) => db.selectFrom('throttle').select('blocked_until').where('key', '=', p.k0).where('blocked_until', 'is not', null));
const blockedTwo = queryTemplate((db, p: { k0: string; k1: string }) =>
  db.selectFrom('throttle').select('blocked_until').where('key', 'in', [p.k0, p.k1]).where('blocked_until', 'is not', null),
);

/** Counts one failure in the key's window (atomic upsert); blocks the key once the limit is reached. */
export async function recordFailure(db: Executor, key: string, now: Date, rule: ThrottleRule): Promise<number> {
  const nowIso = now.toISOString();
  const windowStartCutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const row = await db
    .insertInto('throttle')
    .values({ key, count: 1, window_start: nowIso, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when throttle.window_start < ${windowStartCutoff} then 1 else throttle.count + 1 end`,
        window_start: sql`case when throttle.window_start < ${windowStartCutoff} then ${nowIso} else throttle.window_start end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  if (row.count >= rule.limit) {
    // Each failure beyond the limit doubles the pause, up to blockMs: slows an attacker, and the
    // legitimate user is back after at most blockMs.
    const pause = Math.min(rule.blockMs, 1000 * 2 ** Math.min(20, row.count - rule.limit + 2));
    await db.updateTable('throttle').set({ blocked_until: new Date(now.getTime() + pause).toISOString() }).where('key', '=', key).execute();
  }
  return row.count;
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('throttle').where('key', '=', key).execute();
}

export interface AttemptRule { windowMs: number; limit: number }

/**
 * Counts one attempt in the key's fixed window (atomic upsert) and returns the count including it,
 * with the seconds left in the window. Counting before the slow check is what bounds parallel guesses.
 */
export async function countAttempt(db: Executor, key: string, now: Date, rule: AttemptRule): Promise<{ count: number; windowLeftSeconds: number }> {
  const nowIso = now.toISOString();
  const windowStartCutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const row = await db
    .insertInto('throttle')
    .values({ key, count: 1, window_start: nowIso, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when throttle.window_start < ${windowStartCutoff} then 1 else throttle.count + 1 end`,
        window_start: sql`case when throttle.window_start < ${windowStartCutoff} then ${nowIso} else throttle.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  const left = Date.parse(row.window_start) + rule.windowMs - now.getTime();
  return { count: Number(row.count), windowLeftSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

/** Gives back one counted attempt (one that was refused unchecked, or that succeeded). */
export async function refundAttempt(db: Executor, key: string): Promise<void> {
  await db.updateTable('throttle').set({ count: sql`case when count > 0 then count - 1 else 0 end` }).where('key', '=', key).execute();
}
