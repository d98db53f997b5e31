// Where a redemption's time goes, statement by statement (issue #8, docs/benchmarks.md):
// sequential redemptions through the use case on the `--scale million` dataset (built or reused as
// `passnum bench` does), each statement timed — SQLite: the native call (better-sqlite3's run/all),
// PostgreSQL: the round trip (pg's Client.query). A diagnostic, not a benchmark scenario.
//
//   node --import tsx bench/statements.ts [sqlite|postgresql] [redemptions, default 2000]
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { redeemTickets } from '../src/usecases/redemption/redeem-tickets.ts';
import { SCALES, type DbKind } from './config.ts';
import { benchDeps, resetHotPool, SERVICE } from './scenarios/common.ts';
import { prepareDataset } from './target.ts';

const kind = (process.argv[2] ?? 'sqlite') as DbKind;
const n = Number(process.argv[3] ?? 2000);
const WARM_UP = 200;

const times = new Map<string, number[]>();
let recording = false;
const record = (text: string, ms: number) => {
  if (!recording) return;
  const key = text.replace(/\s+/g, ' ').slice(0, 100);
  (times.get(key) ?? times.set(key, []).get(key)!).push(ms);
};

if (kind === 'sqlite') {
  const proto = SQLite.prototype as unknown as { prepare(this: SQLite.Database, text: string): SQLite.Statement };
  const prepare = proto.prepare;
  proto.prepare = function (text) {
    const stmt = prepare.call(this, text) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'all', 'get']) {
      const original = stmt[method];
      stmt[method] = function (this: unknown, ...args: unknown[]) {
        const t = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          record(text, performance.now() - t);
        }
      };
    }
    return stmt as unknown as SQLite.Statement;
  };
} else {
  const proto = pg.Client.prototype as unknown as { query(this: pg.Client, config: unknown, ...rest: unknown[]): unknown };
  const query = proto.query;
  proto.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : ((config as { text?: string })?.text ?? '');
    const t = performance.now();
    const result = query.call(this, config, ...rest);
    if (result instanceof Promise) result.then(() => record(text, performance.now() - t), () => {});
    return result;
  };
}

const prepared = await prepareDataset(kind, SCALES.million.dataset, { keep: true, log: console.log });
const ids = prepared.meta.bench;
if (prepared.codes.length < WARM_UP + n) throw new Error(`only ${prepared.codes.length} hot codes`);
const handle = prepared.target.open();
try {
  await resetHotPool(handle, ids);
  const deps = benchDeps(handle);
  const actor = { kind: 'token' as const, id: ids.tokenId, role: 'structure_token' as const, territoryId: ids.territoryId, organisationId: null, structureId: ids.structureId, label: 'bench' };
  const redeem = (i: number) =>
    redeemTickets(deps, actor, { clientRedemptionId: randomUUID(), codes: [prepared.codes[i]], service: { ...SERVICE, siteId: ids.siteId } }, { ip: '127.0.0.1' });
  for (let i = 0; i < WARM_UP; i++) await redeem(i);
  recording = true;
  const t0 = performance.now();
  for (let i = WARM_UP; i < WARM_UP + n; i++) await redeem(i);
  const total = performance.now() - t0;
  recording = false;
  let statements = 0;
  let inStatements = 0;
  console.log(`${n} redemptions (${kind}), ${(total / n).toFixed(3)} ms each; µs per redemption, times per redemption, p50 µs, statement:`);
  for (const [text, ms] of [...times].sort((a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y))) {
    const sum = ms.reduce((x, y) => x + y);
    const p50 = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
    statements += ms.length;
    inStatements += sum;
    console.log(`${((sum / n) * 1000).toFixed(1).padStart(8)} ${(ms.length / n).toFixed(2).padStart(5)} ${(p50 * 1000).toFixed(1).padStart(8)}  ${text}`);
  }
  console.log(`${(statements / n).toFixed(2)} statements and ${((inStatements / n) * 1000).toFixed(0)} µs in them per redemption`);
} finally {
  await resetHotPool(handle, ids);
  await handle.close();
}
