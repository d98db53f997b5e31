// Prometheus metrics (issue 23, point 5), with prom-client: request rates and latencies by route,
// redemption and issuance outcomes, and — read at each scrape — the jobs' last success and
// duration, the outbox depth, the PostgreSQL pool and the SQLite WAL. Served at /metrics on the
// app when PASSNUM_METRICS_TOKEN is set (Bearer token), and/or on a separate address
// (PASSNUM_METRICS_PORT, see src/cli/start.ts) that only the monitoring network reaches.
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { log } from '../logging.ts';
import { operationalFigures } from '../usecases/administration/ops-status.ts';
import type { Deps } from '../usecases/support/deps.ts';

export interface PoolLike { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } }

declare module 'fastify' {
  interface FastifyInstance {
    /** The metrics in Prometheus' text format, and their content type. */
    metrics: { render(): Promise<string>; contentType: string };
  }
}

/** Issuance routes, by the kind of issuance they do. */
const ISSUANCE: Record<string, string> = {
  'POST /api/booklets': 'booklet',
  'POST /api/booklets/activations': 'stock_activation',
  'POST /api/booklets/:id/replacement': 'replacement',
  'POST /api/print-batches': 'print_batch',
};

function outcomeOf(status: number, payload: unknown): string {
  if (status < 300) return 'ok';
  if (typeof payload === 'string') {
    const m = /"code":"([a-z_]+)"/.exec(payload.slice(0, 200));
    if (m) return m[1];
  }
  return `http_${status}`;
}

export function registerMetrics(app: FastifyInstance, deps: Deps, opts: { token?: string; pool?: PoolLike }): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new client.Counter({ name: 'passnum_http_requests_total', help: 'Requêtes HTTP servies, par route et statut', labelNames: ['method', 'route', 'status'], registers });
  const latency = new client.Histogram({
    name: 'passnum_http_request_duration_seconds',
    help: 'Durée des requêtes HTTP, par route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const redemptions = new client.Counter({ name: 'passnum_redemption_requests_total', help: 'Demandes d’utilisation de tickets, par issue (ok ou motif de refus)', labelNames: ['outcome'], registers });
  const issuance = new client.Counter({ name: 'passnum_issuance_requests_total', help: 'Demandes d’émission (carnets, activations de stock, remplacements, lots d’impression), par issue', labelNames: ['kind', 'outcome'], registers });
  const jobSuccess = new client.Gauge({ name: 'passnum_job_last_success_timestamp_seconds', help: 'Fin de la dernière exécution réussie de chaque tâche (secondes Unix)', labelNames: ['job'], registers });
  const jobDuration = new client.Gauge({ name: 'passnum_job_last_duration_seconds', help: 'Durée de la dernière exécution réussie de chaque tâche', labelNames: ['job'], registers });
  const jobFailed = new client.Gauge({ name: 'passnum_job_last_run_failed', help: '1 si la dernière exécution de la tâche a échoué', labelNames: ['job'], registers });
  const outbox = new client.Gauge({ name: 'passnum_outbox_messages', help: 'Messages en attente dans la file d’envoi, par état', labelNames: ['status'], registers });
  const pool = new client.Gauge({ name: 'passnum_db_pool_connections', help: 'Connexions du pool PostgreSQL, par état (total, idle, waiting = requêtes en attente d’une connexion, max)', labelNames: ['state'], registers });
  const wal = new client.Gauge({ name: 'passnum_sqlite_wal_bytes', help: 'Taille du journal WAL de SQLite', registers });
  const free = new client.Gauge({ name: 'passnum_data_disk_free_bytes', help: 'Place libre sur le disque de la base SQLite', registers });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (key === 'POST /api/redemptions') redemptions.inc({ outcome: outcomeOf(reply.statusCode, payload) });
    else if (ISSUANCE[key]) issuance.inc({ kind: ISSUANCE[key], outcome: outcomeOf(reply.statusCode, payload) });
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'non_trouvée';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const render = async () => {
    const figures = await operationalFigures(deps);
    for (const j of figures.jobs) {
      if (j.lastSuccessAt) jobSuccess.set({ job: j.name }, Date.parse(j.lastSuccessAt) / 1000);
      if (j.lastDurationMs !== null) jobDuration.set({ job: j.name }, j.lastDurationMs / 1000);
      jobFailed.set({ job: j.name }, j.lastFailed ? 1 : 0);
    }
    for (const status of ['pending', 'failed', 'held']) outbox.set({ status }, figures.outbox[status] ?? 0);
    if (opts.pool) {
      pool.set({ state: 'total' }, opts.pool.totalCount);
      pool.set({ state: 'idle' }, opts.pool.idleCount);
      pool.set({ state: 'waiting' }, opts.pool.waitingCount);
      pool.set({ state: 'max' }, opts.pool.options?.max ?? 0);
    }
    if (figures.sqliteWalBytes !== null) wal.set(figures.sqliteWalBytes);
    if (figures.sqliteFreeBytes !== null) free.set(figures.sqliteFreeBytes);
    return registry.metrics();
  };
  app.decorate('metrics', { render, contentType: registry.contentType });

  if (!opts.token) return;
  const expected = Buffer.from(`Bearer ${opts.token}`);
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.status(401).send({ code: 'unauthenticated', message: 'Jeton de supervision absent ou incorrect (en-tête Authorization: Bearer).', details: {} });
    }
    return reply.type(registry.contentType).send(await render());
  });
}

/** /metrics alone on another address (no token): for a monitoring network the public never reaches. */
export function serveMetrics(app: FastifyInstance, host: string, port: number): Promise<Server> {
  const server = createHttpServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    app.metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': app.metrics.contentType }).end(text),
      (error: Error) => {
        log('metrics').error({ err: error }, 'metrics failed');
        response.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve) => server.listen(port, host, () => {
    console.log(`Métriques Prometheus : http://${host}:${port}/metrics`);
    resolve(server);
  }));
}
