// Metrics and health (issue 23, point 5): /metrics in Prometheus' text format behind a token,
// the public health probe, the readiness probe (database answers, migrations applied).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { runJobs } from '../src/jobs/registry.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

describe(`/metrics and readiness (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  const token = 'jeton-de-supervision-de-test-0123456789';

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    app = await buildApp({ ...tdb.deps, config: { ...tdb.config, metricsToken: token } }, { serveWeb: false, pool: tdb.handle.pool });
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const scrape = () => app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });

  it('refuses a scrape without the token or with a wrong one; not served at all without a token configured', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('Jeton de supervision absent ou incorrect');
    const plain = await buildApp(tdb.deps, { serveWeb: false });
    expect((await plain.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404);
    expect((await plain.metrics.render())).toContain('passnum_http_requests_total');
    await plain.close();
  });

  it('counts requests by route, redemption outcomes by reason, jobs, outbox and the database in the Prometheus text format', async () => {
    const booklet = await given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
    const redeem = () =>
      app.inject({
        method: 'POST',
        url: '/api/redemptions',
        headers: { authorization: `Bearer ${scene.token.token}` },
        payload: { clientRedemptionId: randomUUID(), codes: [booklet.tickets[0].code], service: { ...SERVICE, siteId: scene.structure.siteId } },
      });
    expect((await redeem()).statusCode).toBe(201);
    expect((await redeem()).statusCode).toBe(409);
    await app.inject({ method: 'GET', url: '/api/health' });
    await runJobs(tdb.deps, ['expiry']);

    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = res.body;
    expect(text).toMatch(/passnum_redemption_requests_total\{outcome="ok"\} 1/);
    expect(text).toMatch(/passnum_redemption_requests_total\{outcome="already_redeemed"\} 1/);
    expect(text).toMatch(/passnum_http_requests_total\{method="POST",route="\/api\/redemptions",status="201"\} 1/);
    expect(text).toMatch(/passnum_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/health"\}/);
    expect(text).toMatch(/passnum_job_last_success_timestamp_seconds\{job="expiry"\} \d+/);
    expect(text).toMatch(/passnum_job_last_duration_seconds\{job="expiry"\} [\d.e-]+/);
    expect(text).toMatch(/passnum_outbox_messages\{status="pending"\} \d+/);
    expect(text).toContain('process_resident_memory_bytes');
    if (dialectName === 'postgresql') expect(text).toMatch(/passnum_db_pool_connections\{state="total"\} [1-9]/);
    else expect(text).toMatch(/passnum_sqlite_wal_bytes \d+/);
  });

  it('/api/health stays public and cheap; readiness is 200 when ready, 503 with the reason when a migration is missing', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/api/health/readiness' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', disk: 'ok' } });
    const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(tdb.handle.db);
    await sql`delete from kysely_migration where name = ${rows[0].name}`.execute(tdb.handle.db);
    try {
      const notReady = await app.inject({ method: 'GET', url: '/api/health/readiness' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().checks.migrations).toContain(`1 migration(s) à appliquer (passnum migrate) : ${rows[0].name}`);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${rows[0].name}, ${rows[0].timestamp})`.execute(tdb.handle.db);
    }
  });
});
