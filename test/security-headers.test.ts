import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';

// The exact security headers every response carries (set by the helmet middleware in app.ts).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self' 'wasm-unsafe-eval';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self';media-src 'self' blob:;worker-src 'self' blob:",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const HSTS = 'max-age=31536000; includeSubDomains';
const REQUESTS = [
  { method: 'GET', url: '/' },
  { method: 'GET', url: '/api/openapi.json' },
  { method: 'GET', url: '/api/me' },
  { method: 'POST', url: '/api/session', payload: { email: 'x' } },
  { method: 'POST', url: '/nope' },
] as const;

describe(`security headers (${dialectName})`, () => {
  let tdb: TestDb;
  const apps: Record<'test' | 'production', FastifyInstance | undefined> = { test: undefined, production: undefined };
  beforeAll(async () => {
    tdb = await createTestDb();
    for (const env of ['test', 'production'] as const) apps[env] = await buildApp({ ...tdb.deps, config: { ...tdb.deps.config, env } }, { serveWeb: true });
  });
  afterAll(async () => {
    await apps.test?.close();
    await apps.production?.close();
    await tdb.close();
  });

  it('sets the same headers on pages, API answers and errors; HSTS only in production', async () => {
    for (const env of ['test', 'production'] as const) {
      for (const request of REQUESTS) {
        const res = await apps[env]!.inject(request);
        const label = `${env} ${request.method} ${request.url} (${res.statusCode})`;
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], `${label} ${name}`).toBe(value);
        expect(res.headers['strict-transport-security'], label).toBe(env === 'production' ? HSTS : undefined);
      }
    }
  });
});
