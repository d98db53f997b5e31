import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PHONE, SCREENSHOTS, startHarness, type Harness } from './harness.ts';

// A slow phone on a weak connection: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU slowed
// four times (Chrome DevTools Protocol). First contentful paint of the public pages and of the
// mediator's scanner, on a first visit (empty cache) and on a repeat visit, which must load no
// bundle again (hashed assets cached a year, immutable). The figures are written to
// test-results/first-paint.json; docs/benchmarks.md quotes a run.
const PROFILE = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0, cpu: 4 };
const PAGES = [
  { name: 'accueil public', url: '/', signedIn: false },
  { name: 'où utiliser mon pass', url: '/ou-utiliser-mon-pass', signedIn: false },
  { name: 'scanner du médiateur', url: '/mediateur/scanner', signedIn: true },
];

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PROFILE.latency, downloadThroughput: PROFILE.downloadThroughput, uploadThroughput: PROFILE.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  return cdp;
}

/** Time from navigation to the screen's own title (h1): the application has rendered. */
async function screenReady(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('h1') !== null, undefined, { timeout: 30_000 });
  return Math.round(await page.evaluate(() => performance.now()));
}

async function firstContentfulPaint(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 });
  return Math.round(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
}

describe('first paint on a throttled phone', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('paints each page, then repeats the visit without loading any bundle again', async () => {
    const results: { page: string; firstVisitMs: number; firstVisitScreenMs: number; repeatVisitMs: number; repeatVisitScreenMs: number; firstVisitKB: number; bundlesLoadedAgain: string[] }[] = [];
    for (const p of PAGES) {
      const page = await h.newPage(PHONE);
      if (p.signedIn) {
        const res = await page.context().request.post('/api/session', { data: { email: 'mediateur@demo.passnum.fr', password: DEMO_PASSWORD } });
        expect(res.status()).toBe(200);
      }
      const cdp = await throttle(page);
      let bytes = 0;
      const fromNetwork: string[] = [];
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      cdp.on('Network.responseReceived', (e: { response: { url: string; fromDiskCache?: boolean; fromMemoryCache?: boolean } }) => {
        if (/\/assets\/.+\.(js|css|wasm)$/.test(e.response.url) && !e.response.fromDiskCache && !e.response.fromMemoryCache) fromNetwork.push(new URL(e.response.url).pathname);
      });
      await page.goto(p.url);
      const first = await firstContentfulPaint(page);
      const firstScreen = await screenReady(page);
      await page.waitForLoadState('networkidle');
      const firstBytes = bytes;
      fromNetwork.length = 0;
      // A repeat visit: a new navigation in the same browser (as opening the app again the next day).
      await page.goto('about:blank');
      await page.goto(p.url);
      const repeat = await firstContentfulPaint(page);
      const repeatScreen = await screenReady(page);
      await page.waitForLoadState('networkidle');
      results.push({ page: p.name, firstVisitMs: first, firstVisitScreenMs: firstScreen, repeatVisitMs: repeat, repeatVisitScreenMs: repeatScreen, firstVisitKB: Math.round(firstBytes / 1024), bundlesLoadedAgain: [...fromNetwork] });
      await page.context().close();
    }
    mkdirSync(path.dirname(SCREENSHOTS), { recursive: true });
    writeFileSync(path.join(path.dirname(SCREENSHOTS), 'first-paint.json'), JSON.stringify({ profile: PROFILE, results }, null, 2));
    console.log(JSON.stringify(results));
    for (const r of results) {
      expect(r.bundlesLoadedAgain, r.page).toEqual([]);
      expect(r.firstVisitMs, r.page).toBeGreaterThan(0);
    }
  }, 300_000);
});
