import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../src/domain/ticket-code.ts';
import { dialectName } from '../helpers/db.ts';
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP, heading, PHONE, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, horizontalOverflow, issueBookletThroughApi, tabTo, waitForHeading, writeQrVideo, type IssuedForTest } from './staff-helpers.ts';

// The mediator's "Scanner un pass": a phone with a (fake) camera showing a ticket's QR code, read
// by the WebAssembly fallback (headless Chromium on Linux has no native BarcodeDetector); typed
// codes checked as they are typed; two tickets of a booklet redeemed together with the keyboard
// only; undo with a reason; the day's list. Axe on every state, at 375 × 667 and on a desktop.

describe(`mediator's scanner in a browser (${dialectName})`, () => {
  let h: Harness;
  let cameraBrowser: Browser;
  let dir: string;
  let scanned: IssuedForTest;
  let typed: IssuedForTest;

  beforeAll(async () => {
    h = await startHarness();
    scanned = await issueBookletThroughApi(h, { firstName: 'Yvette', birthName: 'Camus', birthDate: '1949-02-11' });
    typed = await issueBookletThroughApi(h, { firstName: 'Rachid', birthName: 'Benali', birthDate: '1961-09-30' });
    dir = mkdtempSync(path.join(tmpdir(), 'passnum-camera-'));
    const video = path.join(dir, 'qr.y4m');
    writeQrVideo(video, scanned.codes[0]);
    cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
  }, 180_000);
  afterAll(async () => {
    await cameraBrowser?.close().catch(() => undefined);
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a QR code from the phone camera (WebAssembly fallback) and shows the holder, at 375 × 667', async () => {
    const context = await cameraBrowser.newContext({ viewport: PHONE, baseURL: h.baseUrl, locale: 'fr-FR', timezoneId: 'Europe/Paris', permissions: ['camera'] });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const wasmRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
      });
      await signIn(page, 'mediateur@demo.passnum.fr');
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Scanner un pass' }).click();
      await waitForHeading(page, 'Scanner un pass');
      await page.getByRole('heading', { name: /^Utilisations du/ }).waitFor();
      await expectNoAxeViolation(page, 'scanner (phone)');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'mediateur-1-scanner-phone');

      expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
      await page.getByRole('button', { name: /Scanner avec la caméra/ }).click();
      const card = page.locator('.resultat');
      await card.waitFor({ timeout: 20_000 });
      expect(await card.locator('.resultat__titre').innerText()).toContain('Ticket valable');
      expect(await card.locator('.resultat__titulaire').innerText()).toMatch(/Yvette C\./);
      expect(await card.innerText()).toContain(`carnet ${scanned.serial}`);
      // The WebAssembly reader came from passnum itself, not from a CDN.
      expect(wasmRequests.length).toBeGreaterThan(0);
      for (const url of wasmRequests) expect(url.startsWith(h.baseUrl)).toBe(true);
      // Announced in the live region, and added to the redemption in progress.
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ticket valable de Yvette C.' }).count()).toBe(1);
      await page.getByRole('heading', { name: /Utilisation en cours : 1 ticket/ }).waitFor();
      // The same QR code still in front of the camera is not added twice.
      await page.waitForTimeout(1000);
      expect(await page.locator('.panier__liste li').count()).toBe(1);
      await page.getByRole('button', { name: 'Arrêter la caméra' }).click();
      await expectNoAxeViolation(page, 'scanner with a result (phone)');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'mediateur-2-camera-lue-phone');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('checks the check character while typing, then redeems two tickets of a booklet with the keyboard only, and undoes it with a reason', async () => {
    const page = await h.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'mediateur@demo.passnum.fr');
    await page.goto('/mediateur/scanner');
    await heading(page);
    await page.getByRole('heading', { name: /^Utilisations du/ }).waitFor();

    const code = page.getByLabel('Code du ticket', { exact: true });
    await tabTo(page, code);
    // A typo (last character changed) is caught before anything is sent.
    const wrong = typed.codes[0].slice(0, -1) + (typed.codes[0].endsWith('0') ? '1' : '0');
    await page.keyboard.type(formatCode(wrong));
    await page.getByText('Ce code contient une faute de frappe').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');

    // First ticket, typed in lower case with spaces; Enter checks it.
    await page.keyboard.type(formatCode(typed.codes[0]).toLowerCase());
    await page.getByText(/^Code complet/).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.resultat__titulaire', { hasText: 'Rachid B.' }).waitFor();
    await page.getByRole('heading', { name: /Utilisation en cours : 1 ticket/ }).waitFor();
    await expectNoAxeViolation(page, 'one ticket checked');
    // The focus moves to the answer (on a phone, above the keyboard); the field is emptied for the next ticket.
    await expect.poll(() => page.locator('.resultat').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await code.inputValue()).toBe('');
    await tabTo(page, code);
    await page.keyboard.type(typed.codes[1]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Utilisation en cours : 2 tickets — 20,00/ }).waitFor();

    // Submitting without the service shows the errors, tied to their fields.
    const submit = page.getByRole('button', { name: 'Valider l’utilisation de 2 tickets' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    await page.locator('.resume-erreurs').waitFor();
    await expectNoAxeViolation(page, 'service errors');
    await screenshot(page, 'mediateur-3-panier-erreurs');

    // Format: the first radio, with the space bar.
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('checkbox', { name: 'Prendre en main du matériel' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('checkbox', { name: 'E-mail' }));
    await page.keyboard.press('Space');
    // Nothing is preset: each person starts clean (the duration is chosen too).
    await page.getByLabel('Durée').selectOption('60');
    await tabTo(page, submit);
    await page.keyboard.press('Enter');

    const done = page.getByRole('heading', { name: /Utilisation enregistrée : 2 tickets — 20,00/ });
    await done.waitFor();
    await expect.poll(() => done.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('heading', { level: 3, name: /2 tickets — 20,00/ }).waitFor();
    await expectNoAxeViolation(page, 'redeemed');
    await screenshot(page, 'mediateur-4-utilisation-enregistree');

    // The same tickets cannot be redeemed again: the card says so.
    await tabTo(page, code);
    await page.keyboard.type(typed.codes[0]);
    await page.keyboard.press('Enter');
    await page.locator('.resultat--refuse').waitFor();
    await expectNoAxeViolation(page, 'refused');

    // Undo it from the day's list, with a reason (keyboard still).
    const ours = page.locator('.carte', { hasText: typed.serial });
    expect(await ours.getByRole('heading', { level: 3 }).innerText()).toMatch(/2 tickets — 20,00/);
    await tabTo(page, ours.getByRole('button', { name: /^Annuler cette utilisation de/ }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Motif de l’annulation'));
    await page.keyboard.type('Validé par erreur : mauvaise personne.');
    await page.keyboard.press('Enter');
    await ours.getByRole('heading', { name: /\(annulée\)$/ }).waitFor();
    await page.locator('.avis__titre', { hasText: 'Utilisation annulée' }).waitFor();
    await expectNoAxeViolation(page, 'undone');
    await screenshot(page, 'mediateur-5-annulation');

    // Undone: the ticket is usable again.
    await tabTo(page, code);
    await page.keyboard.type(typed.codes[0]);
    await page.keyboard.press('Enter');
    await page.locator('.resultat--valable').waitFor();
  }, 120_000);
});
