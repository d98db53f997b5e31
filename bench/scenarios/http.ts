// Scenarios 1, 2 and 6: redemption and ticket check over HTTP, each with its two floors measured in
// the same run on the same server configuration, and the scale-out run on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { parisDate } from '../../src/domain/paris-time.ts';
import { findTicketsWithContext } from '../../src/repositories/ticket-lookup.ts';
import type { BenchIds } from '../dataset.ts';
import { runInProcess, runLoad, startServer, type LoadResult, type ServerChild } from '../load.ts';
import type { Prepared } from '../target.ts';
import { benchDeps, exactlyOnceCheck, figure, guardAlone, resetHotPool, SERVICE, timed, type BenchContext, type ScenarioResult } from './common.ts';

/** Hands out the hot codes one by one (a distinct real ticket per request). */
class CodePool {
  private i = 0;
  exhausted = false;
  constructor(private readonly codes: string[]) {}
  next(): string {
    if (this.i >= this.codes.length) {
      this.exhausted = true;
      this.i = 0;
    }
    return this.codes[this.i++];
  }
  reset(): void {
    this.i = 0;
  }
  get used(): number {
    return this.i;
  }
}

const auth = (ids: BenchIds) => ({ authorization: `Bearer ${ids.token}` });

function redeemSpec(urls: string[], ids: BenchIds, pool: CodePool, connections: number, seconds: number, serverPids: (number | undefined)[] = []) {
  const body = (code: string) => JSON.stringify({ clientRedemptionId: randomUUID(), codes: [code], service: { ...SERVICE, siteId: ids.siteId } });
  return {
    urls, connections, seconds, method: 'POST' as const, serverPids,
    headers: { ...auth(ids), 'content-type': 'application/json' },
    next: () => ({ path: '/api/redemptions', body: body(pool.next()) }),
  };
}

function checkSpec(urls: string[], ids: BenchIds, pool: CodePool, connections: number, seconds: number, serverPids: (number | undefined)[] = []) {
  return { urls, connections, seconds, serverPids, method: 'GET' as const, headers: auth(ids), next: () => ({ path: `/api/tickets/${pool.next()}` }) };
}

async function frameworkFloor(ctx: BenchContext, server: ServerChild): Promise<LoadResult> {
  const { connections, warmup, duration } = ctx.scale;
  await runLoad({ urls: [server.url], connections, seconds: warmup, path: '/bench/noop' });
  return runLoad({ urls: [server.url], connections, seconds: duration, path: '/bench/noop', serverPids: [server.child.pid] });
}

/** Warm-up then measurement with the same spec builder; returns both (the warm-up also redeems). */
async function measure(ctx: BenchContext, build: (seconds: number) => Parameters<typeof runLoad>[0]) {
  const warm = await runLoad(build(ctx.scale.warmup));
  const run = await runLoad(build(ctx.scale.duration));
  return { warm, run };
}

const loadFigures = (prefix: string, r: LoadResult) => [
  figure(`${prefix} — requêtes/s`, r.requestsPerSecond, 'req/s'),
  figure(`${prefix} — CPU serveur par requête`, r.serverCpuMsPerRequest ?? 0, 'ms'),
  figure(`${prefix} — p50`, r.p50Ms, 'ms'),
  figure(`${prefix} — p99`, r.p99Ms, 'ms'),
  figure(`${prefix} — erreurs (non-2xx + réseau)`, r.non2xx + r.errors, 'req'),
];

/** What both HTTP scenarios share: the dataset, a server child, its framework floor, the hot codes' hashes. */
interface HttpRun {
  prepared: Prepared;
  ids: BenchIds;
  handle: ReturnType<Prepared['target']['open']>;
  pool: CodePool;
  server: Awaited<ReturnType<typeof startServer>>;
  noop: LoadResult;
  deps: ReturnType<typeof benchDeps>;
  hashes: string[];
}

async function withHttpRun<T>(ctx: BenchContext, opts: { resetAfter: boolean }, body: (r: HttpRun) => Promise<T>): Promise<T> {
  const prepared = await ctx.dataset();
  const ids = prepared.meta.bench;
  const handle = prepared.target.open();
  const pool = new CodePool(prepared.codes);
  try {
    await resetHotPool(handle, ids);
    const server = await startServer(prepared.target);
    try {
      ctx.log('  plancher du framework (GET /bench/noop)…');
      const noop = await frameworkFloor(ctx, server);
      const deps = benchDeps(handle);
      const hashes = prepared.codes.map((c) => deps.secrets.hashCode(c));
      return await body({ prepared, ids, handle, pool, server, noop, deps, hashes });
    } finally {
      await server.stop();
    }
  } finally {
    if (opts.resetAfter) await resetHotPool(handle, ids);
    await handle.close();
  }
}

export function redemptionScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('redemption', () =>
    withHttpRun(ctx, { resetAfter: true }, async ({ prepared, ids, handle, pool, server, noop, deps, hashes }) => {
      ctx.log('  plancher du stockage (mise à jour conditionnelle seule, dans le processus)…');
      const today = parisDate(new Date());
      const storage = await runInProcess(ctx.scale.connections, ctx.scale.duration, (i) => guardAlone(deps, ids, today, hashes[i % hashes.length], i < hashes.length));
      await resetHotPool(handle, ids);
      pool.reset();
      ctx.log('  utilisation de tickets (POST /api/redemptions)…');
      const { warm, run } = await measure(ctx, (s) => redeemSpec([server.url], ids, pool, ctx.scale.connections, s, [server.child.pid]));
      const once = await exactlyOnceCheck(handle, ids, warm.ok + run.ok, warm.unanswered + run.unanswered);
      if (pool.exhausted) ctx.log(`  attention : les ${prepared.codes.length} codes chauds ont tous servi, les suivants ont été refusés (non-2xx) — agrandir hotBooklets`);
      const sqlite = prepared.target.dialect === 'sqlite';
      return {
        figures: [
          ...loadFigures('Utilisation (HTTP)', run),
          figure('Plancher framework — requêtes/s', noop.requestsPerSecond, 'req/s'),
          figure('Plancher stockage — opérations/s', storage.opsPerSecond, 'op/s'),
          figure('Utilisation / plancher framework', run.requestsPerSecond / noop.requestsPerSecond, 'ratio', sqlite ? { op: '>=', value: 0.35 } : undefined),
          figure('Utilisation / plancher stockage', run.requestsPerSecond / storage.opsPerSecond, 'ratio', sqlite ? undefined : { op: '>=', value: 0.6 }),
          ...(sqlite ? [{ ...figure('Utilisation — p99 (cible)', run.p99Ms, 'ms', { op: '<=', value: 25 }) }] : []),
          figure('Exactement une fois (1 = tenu)', once.holds ? 1 : 0, 'bool', { op: '>=', value: 1 }),
        ],
        details: { redemption: run, warmup: warm, frameworkFloor: noop, storageFloor: storage, exactlyOnce: once, poolExhausted: pool.exhausted, ticketsInDatabase: ticketCount(prepared) },
      };
    }),
  );
}

export function checkScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('check', () =>
    withHttpRun(ctx, { resetAfter: false }, async ({ prepared, ids, pool, server, noop, deps, hashes }) => {
      ctx.log('  plancher du stockage (lecture du ticket par empreinte, dans le processus)…');
      const storage = await runInProcess(ctx.scale.connections, ctx.scale.duration, async (i) => {
        const rows = await findTicketsWithContext(deps.db, [hashes[i % hashes.length]], ids.structureId);
        if (rows.length !== 1) throw new Error('storage floor: ticket not found');
      });
      ctx.log('  vérification de tickets (GET /api/tickets/{code})…');
      const { run } = await measure(ctx, (s) => checkSpec([server.url], ids, pool, ctx.scale.connections, s, [server.child.pid]));
      return {
        figures: [
          ...loadFigures('Vérification (HTTP)', run),
          figure('Plancher framework — requêtes/s', noop.requestsPerSecond, 'req/s'),
          figure('Plancher stockage — opérations/s', storage.opsPerSecond, 'op/s'),
          figure('Vérification / plancher framework', run.requestsPerSecond / noop.requestsPerSecond, 'ratio'),
          figure('Vérification / plancher stockage', run.requestsPerSecond / storage.opsPerSecond, 'ratio'),
        ],
        details: { check: run, frameworkFloor: noop, storageFloor: storage, poolExhausted: pool.exhausted, ticketsInDatabase: ticketCount(prepared) },
      };
    }),
  );
}

function ticketCount(p: Prepared): number {
  return p.meta.counts.tickets ?? 0;
}

/** 50 simultaneous redemptions of each of `n` fresh tickets, spread over the servers: one may win. */
async function duplicateBursts(urls: string[], ids: BenchIds, pool: CodePool, n: number, per: number) {
  let wins = 0;
  let losses = 0;
  let unexpected = 0;
  for (let k = 0; k < n; k++) {
    const code = pool.next();
    const answers = await Promise.all(
      Array.from({ length: per }, (_, i) =>
        fetch(`${urls[i % urls.length]}/api/redemptions`, {
          method: 'POST',
          headers: { ...auth(ids), 'content-type': 'application/json' },
          body: JSON.stringify({ clientRedemptionId: randomUUID(), codes: [code], service: { ...SERVICE, siteId: ids.siteId } }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } })),
      ),
    );
    const ok = answers.filter((a) => a.status === 201).length;
    wins += ok;
    losses += answers.filter((a) => a.status === 409 && a.body.code === 'already_redeemed').length;
    unexpected += answers.filter((a) => a.status !== 201 && !(a.status === 409 && a.body.code === 'already_redeemed')).length;
    if (ok !== 1) unexpected += 1000;
  }
  return { tickets: n, simultaneousPerTicket: per, wins, alreadyRedeemedRefusals: losses, unexpected };
}

export function scaleOutScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('scale-out', async () => {
    if (ctx.kind !== 'postgresql') {
      return { figures: [], details: { skipped: 'Le passage à plusieurs processus se mesure sur PostgreSQL (SQLite : un seul écrivain, un seul serveur).' } };
    }
    const prepared = await ctx.dataset();
    const ids = prepared.meta.bench;
    const handle = prepared.target.open();
    const pool = new CodePool(prepared.codes);
    try {
      await resetHotPool(handle, ids);
      const servers = await Promise.all([startServer(prepared.target), startServer(prepared.target)]);
      try {
        const { connections } = ctx.scale;
        ctx.log('  un processus applicatif…');
        const one = await measure(ctx, (s) => redeemSpec([servers[0].url], ids, pool, connections, s, [servers[0].child.pid]));
        const onceOne = await exactlyOnceCheck(handle, ids, one.warm.ok + one.run.ok, one.warm.unanswered + one.run.unanswered);
        ctx.log('  deux processus applicatifs…');
        const two = await measure(ctx, (s) => redeemSpec(servers.map((x) => x.url), ids, pool, connections, s, servers.map((x) => x.child.pid)));
        ctx.log('  rafales : le même ticket envoyé simultanément aux deux processus…');
        const bursts = await duplicateBursts(servers.map((x) => x.url), ids, pool, ctx.scale.name === 'smoke' ? 5 : 50, 50);
        const unanswered = one.warm.unanswered + one.run.unanswered + two.warm.unanswered + two.run.unanswered;
        const once = await exactlyOnceCheck(handle, ids, one.warm.ok + one.run.ok + two.warm.ok + two.run.ok + bursts.wins, unanswered);
        const holds = onceOne.holds && once.holds && bursts.unexpected === 0;
        return {
          figures: [
            figure('1 processus — requêtes/s', one.run.requestsPerSecond, 'req/s'),
            figure('1 processus — p99', one.run.p99Ms, 'ms'),
            figure('2 processus — requêtes/s', two.run.requestsPerSecond, 'req/s'),
            figure('2 processus — p99', two.run.p99Ms, 'ms'),
            figure('2 processus / 1 processus', two.run.requestsPerSecond / one.run.requestsPerSecond, 'ratio', { op: '>=', value: 1 }),
            figure('Erreurs (non-2xx + réseau)', one.run.non2xx + one.run.errors + two.run.non2xx + two.run.errors, 'req'),
            figure('Exactement une fois (1 = tenu)', holds ? 1 : 0, 'bool', { op: '>=', value: 1 }),
          ],
          details: { oneProcess: one, twoProcesses: two, bursts, exactlyOnceAfterOne: onceOne, exactlyOnce: once, poolExhausted: pool.exhausted },
        };
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    } finally {
      await resetHotPool(handle, ids);
      await handle.close();
    }
  });
}
