import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { ensureWebBuild } from './browser/harness.ts';
import { createTestDb, type TestDb } from './helpers/db.ts';

// The web application's files on a slow phone: sent compressed (Brotli, else gzip, precompressed at
// build), hashed assets cached a year as immutable, index.html never cached.
describe('static files: compression and caching', () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let mainBundle: string;

  beforeAll(async () => {
    await ensureWebBuild();
    tdb = await createTestDb();
    app = await buildApp(tdb.deps, { serveWeb: true });
    const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
    const html = (await app.inject({ url: '/' })).body;
    mainBundle = html.match(/src="(\/assets\/index-[^"]+\.js)"/)![1];
    expect(readdirSync(path.join(dist, 'assets'))).toContain(`${path.basename(mainBundle)}.br`);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('sends the main bundle in Brotli to a browser that accepts it, gzip otherwise, and cached a year as immutable', async () => {
    const plain = await app.inject({ url: mainBundle, headers: { 'accept-encoding': 'identity' } });
    const br = await app.inject({ url: mainBundle, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gz = await app.inject({ url: mainBundle, headers: { 'accept-encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    for (const r of [plain, br, gz]) expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
  });

  it('never caches index.html, at / or at any screen’s address', async () => {
    for (const url of ['/', '/index.html', '/mediateur/scanner', '/ou-utiliser-mon-pass']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });
});
