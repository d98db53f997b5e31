import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Funnel } from '../../web/src/api/dashboards.ts';
import { currentCampaign, frenchNumber, frenchPercent, funnelSteps } from '../../src/domain/dashboard-words.ts';
import { parisDate } from '../../src/domain/paris-time.ts';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { pdfToText } from '../helpers/pdf-text.ts';
import { DESKTOP, heading, normalise, screenshot, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo } from './staff-helpers.ts';

// The elected official's dashboard (issue 22), signed in as the demo's auditor (élus, évaluation):
// it opens on the current campaign, gives each count with its rate in plain words, prints as a
// report (heading with territory, campaign and date; no menu, filters or buttons) and downloads the
// same report as a PDF for the council.

/** Plain spaces for the no-break ones French figures carry. */
const plain = (text: string) => normalise(text.replace(/[\u00a0\u202f]/g, ' '));

describe(`elected official's dashboard in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('auditor: current campaign, rates beside counts, plain words, printable, PDF report, axe clean, keyboard', async () => {
    const page = await h.newPage(DESKTOP, { acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    screenshotOnFailure(page, 'elus-tableaux-de-bord');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, 'auditeur@demo.passnum.fr');

    const auditor = await login(h.app, 'auditeur@demo.passnum.fr');
    const campaigns = (await auditor.get('/api/campaigns')).json() as { id: string; name: string; status: string; year: number; issuanceStart: string }[];
    const current = currentCampaign(campaigns)!;
    expect(current.status).toBe('open');
    const territory = (await auditor.get('/api/session')).json().me.territory.name as string;

    const asked = page.waitForRequest((r) => r.url().includes('/api/dashboards/funnel?'));
    await page.goto('/tableaux-de-bord');
    expect(await heading(page)).toBe('Tableaux de bord');
    // The first figures asked are the current campaign's, never every campaign mixed.
    expect(new URL((await asked).url()).searchParams.get('campaignId')).toBe(current.id);
    await expect.poll(() => page.locator('main .chargement').count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Carnets remis et utilisés' }).waitFor();
    const select = page.getByLabel('Campagne', { exact: true });
    expect(await select.inputValue()).toBe(current.id);
    // Every campaign stays one choice away.
    expect(await select.locator('option', { hasText: 'Toutes les campagnes' }).count()).toBe(1);
    const main = page.locator('main');
    expect(plain(await main.innerText())).toContain(`Vous affichez : Campagne « ${current.name} »`);

    // Each count with its rate and what the rate is of, as the API's figures give them.
    const funnel = (await auditor.get(`/api/dashboards/funnel?campaignId=${current.id}`)).json() as Funnel;
    expect(funnel.totals.handedOut).toBeGreaterThan(0);
    expect(funnel.totals.quota).toBeGreaterThan(funnel.totals.handedOut);
    const text = plain(await main.innerText());
    expect(text).toContain(`carnets remis — ${plain(frenchPercent(funnel.totals.handedOutPercentOfQuota))} du quota`);
    expect(text).toContain(`avec au moins un ticket utilisé — ${plain(frenchPercent(funnel.totals.firstUsedPercent))} des carnets remis`);
    expect(text).toContain(`${plain(frenchNumber(funnel.totals.allUsed))} avec tous les tickets utilisés — ${plain(frenchPercent(funnel.totals.allUsedPercent))} des carnets remis`);
    expect(text).toContain('La moitié des personnes ont utilisé leur premier ticket');
    expect(text).not.toMatch(/médian|\bp50\b|moyenne/i);
    // One bar per step, each on the scale of its own reference: the chart's bars are rates (the
    // quota is in the table, not a bar that would squash the others).
    const summary = plain((await page.locator('#graphique-parcours canvas').getAttribute('aria-label')) ?? '');
    expect(summary).toContain('chacune à l’échelle de sa référence');
    for (const s of funnelSteps(funnel.totals).filter((x) => x.key !== 'quota')) expect(summary).toContain(plain(s.sentence));
    // The data table stays with the chart.
    const rows = await page.locator('table', { has: page.locator('caption', { hasText: 'Données du graphique : carnets à chaque étape' }) }).locator('tbody tr').allInnerTexts();
    expect(rows.map(plain)).toEqual(funnelSteps(funnel.totals).map((s) => plain(`${s.label}\t${frenchNumber(s.count)}\t${s.of ? `${frenchPercent(s.percent)} ${s.of}` : '—'}`)));

    await expect
      .poll(async () => (await page.locator('figure.graphique[data-etat="dessine"]').count()) === (await page.locator('figure.graphique').count()), { timeout: 20_000 })
      .toBe(true);
    await expectNoAxeViolation(page, 'auditor dashboard');
    await screenshot(page, 'elus-tableaux-de-bord');

    // Keyboard: the campaign choice and the report's buttons are reached with Tab.
    await page.locator('h1').focus();
    await tabTo(page, select);
    const pdfLink = page.getByRole('link', { name: 'Télécharger le rapport (PDF)' });
    await tabTo(page, pdfLink);
    await tabTo(page, page.getByRole('button', { name: 'Imprimer cette page' }));

    // Printed: the report's heading (territory, campaign, date), no menu, filters or buttons.
    await page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
    const printedHead = page.locator('.rapport-entete');
    expect(await printedHead.isVisible()).toBe(true);
    const head = plain(await printedHead.innerText());
    expect(head).toContain(`Rapport du pass numérique — ${territory}`);
    expect(head).toContain(`Campagne « ${current.name} »`);
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    expect(head).toContain(`Rapport établi le ${today.replace(/^1 /, '1er ')}`);
    expect(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible()).toBe(false);
    expect(await page.locator('form.filtres').isVisible()).toBe(false);
    expect(await pdfLink.isVisible()).toBe(false);
    expect(await page.locator('main button:visible').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: 'Exports' }).isVisible()).toBe(false);
    // Each chart keeps its title and data table on one page.
    const breaks = await page.locator('figure.graphique').evaluateAll((fs) => fs.map((f) => getComputedStyle(f).breakInside));
    expect(breaks.length).toBeGreaterThan(0);
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    await screenshot(page, 'elus-tableaux-de-bord-imprime');
    await page.emulateMedia({ media: 'screen', reducedMotion: 'reduce' });
    expect(await printedHead.isVisible()).toBe(false);

    // One click: the PDF for the council, with the same figures.
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const report = plain(pdfToText(pdf));
    expect(report).toContain('Rapport du pass numérique');
    expect(report).toContain(`Territoire : ${territory}`);
    expect(report).toContain(`Campagne « ${current.name} »`);
    const day = parisDate(h.tdb.deps.now()).split('-').reverse().join('/');
    expect(report).toContain(`Rapport établi le ${day}`);
    for (const s of funnelSteps(funnel.totals)) expect(report).toContain(plain(s.sentence));
    expect(report).not.toMatch(/médian/i);
  }, 240_000);
});
