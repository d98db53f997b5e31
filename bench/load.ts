// The load generator (autocannon, in the bench process) and the app server children it targets.
// The server runs in its own process with the same configuration as `passnum start`, so that the
// figures are those of a deployed server and not of an in-process inject().
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_SECRETS } from './config.ts';
import type { Target } from './target.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ServerChild {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The env every bench child runs with: production mode, the bench's secrets, the target's database. */
export function childEnv(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ...BENCH_SECRETS, ...target.env, ...extra };
}

export function startServer(target: Target): Promise<ServerChild> {
  const devNull = openSync('/dev/null', 'w');
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'bench/server.ts'], {
    cwd: ROOT,
    env: childEnv(target),
    stdio: ['ignore', devNull, 'pipe'],
  });
  closeSync(devNull);
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`le serveur ne démarre pas : ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /LISTENING (\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`le serveur s’est arrêté (${code}) : ${err.slice(-2000)}`));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests answered (any status). */
  total: number;
  /** Requests sent; sent − total were still in flight when the load stopped (their outcome is unknown to the client). */
  sent: number;
  unanswered: number;
  /** CPU time the server process(es) spent per answered request: what a request costs on a free core. */
  serverCpuMsPerRequest: number | null;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
  statusCodes: Record<string, number>;
}

export interface LoadSpec {
  urls: string[];
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Called once per request: the path and body of that request (a distinct ticket each time). */
  next?: () => { path: string; body?: string };
  path?: string;
  /** Server processes whose CPU time is measured during the load. */
  serverPids?: (number | undefined)[];
}

/** `connections` keep-alive connections for `seconds`, each sending its next request as soon as the previous one answers. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const serverCpu = () => (spec.serverPids ?? []).map(cpuSecondsOf).reduce((a: number, b: number) => a + b, 0);
  const cpu0 = serverCpu();
  const result = await autocannon({
    url: spec.urls.length === 1 ? spec.urls[0] : (spec.urls as unknown as string),
    connections: spec.connections,
    duration: spec.seconds,
    pipelining: 1,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    requests: spec.next
      ? [
          {
            setupRequest: (req) => {
              const n = spec.next!();
              return { ...req, path: n.path, body: n.body };
            },
          },
        ]
      : [{ path: spec.path ?? '/' }],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
  const cpu = serverCpu() - cpu0;
  const total = result.requests.total;
  const sent = (result.requests as { sent?: number }).sent ?? total;
  return {
    requestsPerSecond: Math.round((total / result.duration) * 10) / 10,
    total,
    sent,
    unanswered: Math.max(0, sent - total),
    serverCpuMsPerRequest: spec.serverPids?.length && total ? Math.round((cpu * 1000 * 100) / total) / 100 : null,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds: result.duration,
    statusCodes,
  };
}

/**
 * `concurrency` in-process workers calling `op(i)` with a fresh index each time, for `seconds`:
 * the storage floor (the database operation alone, no HTTP, no framework).
 */
export async function runInProcess(concurrency: number, seconds: number, op: (i: number) => Promise<void>): Promise<{ opsPerSecond: number; total: number; p50Ms: number; p99Ms: number }> {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const s = performance.now();
      await op(i);
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 100) / 100 : 0);
  return { opsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10, total: latencies.length, p50Ms: q(0.5), p99Ms: q(0.99) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
