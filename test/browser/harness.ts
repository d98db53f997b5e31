// Browser-test harness: a real passnum server on loopback (fresh database seeded with the demo,
// the built web app served at /), Debian's Chromium driven by playwright-core, axe-core checks and
// screenshots. One harness (one server, one browser) per test file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createDemoDb, type TestDb } from '../helpers/db.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST_INDEX = path.join(ROOT, 'web/dist/index.html');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
export const CHROMIUM = process.env.PASSNUM_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const PHONE = { width: 375, height: 667 };
export const DESKTOP = { width: 1280, height: 900 };
export const DEMO_PASSWORD = 'passnum-demo';

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) if (!entry.endsWith('.test.ts')) max = Math.max(max, newestMtime(path.join(p, entry)));
  return max;
}

/** True when web/dist is missing or older than a source it is built from. */
export function webBuildIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = ['web/index.html', 'web/vite.config.ts', 'web/src', 'src/contracts', 'src/domain'].map((p) => newestMtime(path.join(ROOT, p)));
  return Math.max(...sources) > built;
}

/** Builds web/dist once when stale; a lock keeps parallel test files from building together. */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildIsStale()) return;
  const lock = path.join(tmpdir(), `passnum-web-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('web build lock held too long');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (webBuildIsStale()) {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', PASSNUM_KEEP_OLD_ASSETS: 'true' },
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Harness {
  tdb: TestDb;
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
  /** A new browser context (own cookies) and page at the given viewport. */
  newPage(viewport?: { width: number; height: number }, options?: { acceptDownloads?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await ensureWebBuild();
  const tdb = await createDemoDb();
  const app = await buildApp(tdb.deps, { serveWeb: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    tdb,
    app,
    browser,
    baseUrl,
    async newPage(viewport = DESKTOP, options = {}) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: options.acceptDownloads ?? false });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await tdb.close();
    },
  };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core (WCAG 2.1 A and AA) on the page; returns the violations in a readable form. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Call inside a test: if it fails, a screenshot `failure-<name>.png` shows where the page was. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    await screenshot(page, `failure-${name}`).catch(() => undefined);
  });
}

/** Collapses spaces, including the non-breaking ones French typography puts before « ? » and « : ». */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Waits for the page's h1 (the app has rendered the screen) and returns its text. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  await h1.first().waitFor({ state: 'visible' });
  return normalise(await h1.first().innerText());
}

/** Signs in through the Connexion page and waits for the role's home. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
}
