import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';

describe(`OpenAPI document (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createTestDb();
    app = await createTestApp(tdb);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('documents every route registered in the app, each with tags and a French summary', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    // The collector sees every route added after the docs plugin (fastify adds HEAD for each GET).
    const registered = app.registeredRoutes.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(registered.length).toBeGreaterThan(40);
    expect(registered.filter((r) => r.hidden).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const missing = registered
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        expect(op.tags?.length, `${m} ${p} has tags`).toBeGreaterThan(0);
        expect(op.summary, `${m} ${p} has a summary`).toBeTruthy();
      }
    }
    for (const route of ['GET /api/campaigns', 'POST /api/structures/{id}/accreditations', 'GET /api/public/places', 'POST /api/password-links/{token}', 'POST /api/me/totp/confirm', 'DELETE /api/api-tokens/{id}', 'GET /api/openapi.json']) {
      expect(documented.has(route), route).toBe(true);
    }
  });

  it('serves the browsable reference at /api/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
