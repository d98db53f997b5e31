import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dialectName } from '../helpers/db.ts';
import { axeViolations, DESKTOP, heading, normalise, PHONE, screenshot, startHarness, type Harness } from './harness.ts';

// Public pages for residents, without signing in: every page has a title, one h1, passes axe
// (WCAG 2.1 A/AA) on a 375 × 667 phone and on a desktop screen, and does its job.
const PAGES: { path: string; h1: string; title?: string; name: string }[] = [
  { path: '/', h1: 'Le pass numérique', name: 'accueil-public' },
  { path: '/ou-utiliser-mon-pass', h1: 'Où utiliser mon pass ?', name: 'ou-utiliser-mon-pass' },
  { path: '/verifier-mon-pass', h1: 'Vérifier mon pass', name: 'verifier-mon-pass' },
  { path: '/accessibilite', h1: 'Déclaration d’accessibilité', name: 'accessibilite' },
  { path: '/donnees-personnelles', h1: 'Données personnelles et mentions légales', name: 'donnees-personnelles' },
  { path: '/integrateurs', h1: 'Intégrer passnum à un logiciel', name: 'integrateurs' },
  { path: '/connexion', h1: 'Connexion à l’espace professionnel', title: 'Connexion', name: 'connexion' },
  { path: '/cette-page-nexiste-pas', h1: 'Page introuvable', name: 'introuvable' },
];

describe(`public pages in a browser (${dialectName})`, () => {
  let h: Harness;
  let phone: Page;
  let desktop: Page;
  let zoomed: Page;
  beforeAll(async () => {
    h = await startHarness();
    phone = await h.newPage(PHONE);
    desktop = await h.newPage(DESKTOP);
    // A 1280 × 900 screen zoomed to 200 % lays pages out in 640 × 450 CSS pixels.
    zoomed = await h.newPage({ width: 640, height: 450 });
  }, 180_000);
  afterAll(async () => h?.close());

  for (const [label, viewport] of [['375 × 667', 'phone'], ['desktop', 'desktop'], ['desktop zoomed to 200 %', 'zoom200']] as const) {
    it(`passes axe with no violation on every public page (${label})`, async () => {
      const page = { phone, desktop, zoom200: zoomed }[viewport];
      for (const p of PAGES) {
        await page.goto(p.path);
        expect(await heading(page), p.path).toBe(p.h1);
        await expect.poll(async () => normalise(await page.title())).toBe(`${p.title ?? p.h1} — passnum`);
        if (p.path === '/ou-utiliser-mon-pass') await page.getByText(/lieux? trouvés?\./).waitFor();
        expect(await axeViolations(page), `${p.path} at ${label}`).toEqual([]);
        // Nothing wider than the screen: no horizontal scrolling on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${p.path} horizontal overflow at ${label}`).toBeLessThanOrEqual(0);
        await screenshot(page, `public-${p.name}-${viewport}`);
      }
    }, 120_000);
  }

  it('has a skip link to the main content, a footer with the accessibility status and personal data links', async () => {
    await desktop.goto('/');
    await heading(desktop);
    await desktop.keyboard.press('Tab');
    const skip = desktop.getByRole('link', { name: 'Aller au contenu' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await desktop.keyboard.press('Enter');
    await expect.poll(() => desktop.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await expect.poll(() => desktop.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : partiellement conforme' }).count()).toBe(1);
    await expect.poll(() => desktop.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).count()).toBe(1);
  });

  it('names the territory and its help line, sends no error to the console, keeps the API out of the residents\' footer', async () => {
    const page = await h.newPage(DESKTOP);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    for (const p of PAGES) {
      await page.goto(p.path);
      expect(await heading(page), p.path).toBe(p.h1);
    }
    expect(errors).toEqual([]);
    await page.goto('/');
    await heading(page);
    await expect.poll(() => page.getByRole('banner').innerText()).toContain('Pass numérique — CA de Lens - Liévin');
    const footer = page.getByRole('contentinfo');
    expect(normalise(await footer.innerText())).toContain('Une question sur le pass numérique ? Appelez le 03 21 00 00 00 ou écrivez à pass.numerique@demo.passnum.fr.');
    expect(await footer.getByRole('link', { name: /API/ }).count()).toBe(0);
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'la page des intégrateurs' }).click();
    expect(await heading(page)).toBe('Intégrer passnum à un logiciel');
    expect(await page.getByRole('link', { name: 'la documentation interactive' }).getAttribute('href')).toBe('/api/docs');
    await page.context().close();
  }, 60_000);

  it('lists accredited places with a phone link and opening status, filtered by commune', async () => {
    const page = phone;
    await page.goto('/ou-utiliser-mon-pass');
    const status = page.getByRole('status').filter({ hasText: /trouvés?\./ });
    await status.waitFor();
    const total = Number((await status.innerText()).match(/\d+/)![0]);
    expect(total).toBeGreaterThanOrEqual(5);
    const cards = page.locator('.carte');
    await expect.poll(() => cards.count()).toBe(total);
    // Every card says open or closed in words (not by colour alone), and phones are tel: links.
    for (const text of await cards.allInnerTexts()) expect(text).toMatch(/Ouvert maintenant|Fermé|Horaires non/);
    const tel = page.locator('a[href^="tel:"]').first();
    expect(await tel.getAttribute('href')).toMatch(/^tel:\+?\d{9,}$/);

    // Filter by a commune: only its places remain, and the URL keeps the filter.
    const options = await page.getByLabel('Commune').locator('option').allInnerTexts();
    const commune = options.find((o) => o !== 'Toutes les communes')!;
    await page.getByLabel('Commune').selectOption({ label: commune });
    await page.getByRole('button', { name: 'Afficher les lieux' }).click();
    await page.waitForURL(/commune=\d{5}/);
    await status.filter({ hasText: /trouvés?\./ }).waitFor();
    const filtered = Number((await status.innerText()).match(/\d+/)![0]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(total);
    for (const text of await cards.allInnerTexts()) expect(text).toContain(commune);
    await screenshot(page, 'public-ou-utiliser-filtre-phone');
  }, 60_000);

  it('checks a ticket code as it is typed, then asks the server', async () => {
    const page = phone;
    await page.goto('/verifier-mon-pass');
    await heading(page);
    const field = page.getByLabel('Code du ticket');
    await field.fill('ABCD');
    await page.getByText('4 caractères sur 18.').waitFor();
    // A complete code with a wrong check character is caught in the browser.
    await field.fill('0000 0000 0000 0000 0Z');
    await page.getByText(/faute de frappe/).first().waitFor();
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const error = page.locator('#code-erreur');
    await expect.poll(() => error.innerText()).toMatch(/faute de frappe/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('code-erreur');
    // A well-formed code unknown to the server: the server's French answer is shown.
    await field.fill('0000 0000 0000 0000 00');
    await page.getByText(/Code complet/).waitFor();
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Vérification impossible').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'public-verifier-refus-phone');
  }, 60_000);

  it('says so, with a reload button, when the code of a screen cannot be loaded', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/');
    await heading(page);
    await page.route(/\/assets\/Privacy-[^/]+\.js$/, (route) => route.abort());
    await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).click();
    expect(await heading(page)).toBe('Page indisponible');
    await page.getByRole('button', { name: 'Recharger la page' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
