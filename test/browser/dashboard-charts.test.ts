import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Funnel, Money, People } from '../../web/src/api/dashboards.ts';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import {
  DESKTOP,
  heading,
  normalise,
  PHONE,
  screenshot,
  screenshotOnFailure,
  signIn,
  startHarness,
  type Harness,
} from './harness.ts';
import { expectNoAxeViolation } from './staff-helpers.ts';

// The admin's dashboard on the demo: each chart is drawn (a canvas of non-zero size with bars on
// it), read by screen readers as one image with a summary, next to a data table holding the same
// figures as the API; the page passes axe, fits a phone, and the chart library is fetched only here.

/** Digits of a French figure: "1 234" → 1234, "12,50 €" → 1250 (cents), "—" → null. */
function digits(text: string): number | null {
  const d = text.replace(/[^\d]/g, '');
  return d ? Number(d) : null;
}

/** The rows of the table captioned `caption`: [row header, ...cells] as text. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  expect(await table.count(), caption).toBe(1);
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
}

/** Pixels of the canvas in the bars' blue (#1b4b8a), to tell a drawn chart from an empty canvas. */
async function bluePixels(page: Page, figureId: string): Promise<number> {
  return page.locator(`#${figureId} canvas`).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === 0x1b && data[i + 1] === 0x4b && data[i + 2] === 0x8a) n++;
    return n;
  });
}

describe(`dashboard charts in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('admin: charts drawn with their data tables equal to the API, axe clean, library loaded only on the dashboards', async () => {
    const page = await h.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    screenshotOnFailure(page, 'tableaux-de-bord-graphiques');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const chartChunks: string[] = [];
    page.on('request', (r) => {
      if (/chart-engine/.test(r.url())) chartChunks.push(r.url());
    });
    await signIn(page, 'admin@demo.passnum.fr');
    expect(chartChunks, 'the chart library is not fetched before the dashboards').toEqual([]);

    await page.goto('/tableaux-de-bord');
    expect(await heading(page)).toBe('Tableaux de bord');
    await expect.poll(() => page.locator('main .chargement').count(), { timeout: 20_000 }).toBe(0);
    const figures = page.locator('figure.graphique');
    await expect
      .poll(() => page.locator('figure.graphique[data-etat="dessine"]').count(), { timeout: 20_000 })
      .toBe(await figures.count());
    expect(chartChunks.length).toBe(1);

    const ids = await figures.evaluateAll((fs) => fs.map((f) => f.id));
    for (const id of [
      'graphique-parcours',
      'graphique-delai',
      'graphique-titre-themes',
      'graphique-autonomie',
      'graphique-titre-budget',
      'graphique-titre-montants',
    ])
      expect(ids).toContain(id);
    for (const id of ids) {
      const canvas = page.locator(`#${id} canvas`);
      const box = await canvas.boundingBox();
      expect(box && box.width > 100 && box.height > 100, `${id} has a size`).toBe(true);
      expect(await canvas.getAttribute('role')).toBe('img');
      expect((await canvas.getAttribute('aria-label'))?.length, `${id} is summarised`).toBeGreaterThan(20);
      expect(await page.locator(`#${id} figcaption`).count()).toBe(1);
      expect(await bluePixels(page, id), `${id} has bars drawn`).toBeGreaterThan(50);
    }

    // The API's figures, for the same admin and the campaign the page opens on (the current one).
    const admin = await login(h.app, 'admin@demo.passnum.fr');
    const q = `?campaignId=${await page.getByLabel('Campagne', { exact: true }).inputValue()}`;
    expect(q).not.toBe('?campaignId=');
    const funnel = (await admin.get(`/api/dashboards/funnel${q}`)).json() as Funnel;
    const people = (await admin.get(`/api/dashboards/people${q}`)).json() as People;
    const money = (await admin.get(`/api/dashboards/money${q}`)).json() as Money;
    expect(funnel.totals.handedOut).toBeGreaterThan(0);
    expect(people.sessions.byTheme.some((t) => t.sessions > 0)).toBe(true);

    const steps = await tableRows(page, 'Données du graphique : carnets à chaque étape');
    const expectedSteps = [
      ...(funnel.totals.quota !== null ? [['Carnets prévus (quota)', funnel.totals.quota]] : []),
      ['Carnets remis', funnel.totals.handedOut],
      ['Au moins un ticket utilisé', funnel.totals.firstUsed],
      ['Tous les tickets utilisés', funnel.totals.allUsed],
    ];
    expect(steps.map((r) => [r[0], digits(r[1])])).toEqual(expectedSteps);
    const summary = normalise(
      (await page.locator('#graphique-parcours canvas').getAttribute('aria-label')) ?? '',
    );
    expect(summary).toContain(
      `${new Intl.NumberFormat('fr-FR').format(funnel.totals.handedOut).replace(/\s/g, ' ')} carnets remis`,
    );

    const bands = await tableRows(page, 'Données du graphique : personnes par délai');
    expect(bands.map((r) => [r[0], digits(r[1])])).toEqual(
      funnel.timeToFirstUse.bands.map((b) => [b.label, b.people]),
    );

    const themes = await tableRows(page, 'Données du graphique : séances par thématique');
    expect(themes.map((r) => [r[0], digits(r[1])])).toEqual(
      people.sessions.byTheme.map((t) => [t.label, t.sessions]),
    );

    const autonomy = await tableRows(page, 'Données du graphique : personnes par profil');
    expect(autonomy.map((r) => [r[0], digits(r[1]), digits(r[2])])).toEqual(
      people.autonomy.profiles.map((p) => [p.label, p.intake, p.followup]),
    );

    const budget = await tableRows(page, 'Données du graphique : budget des campagnes');
    expect(budget.map((r) => [r[0], digits(r[1])])).toEqual([
      ['Budget des campagnes', money.budgetCents],
      ['Valeur des tickets remis', money.issuedCents],
      ['Budget non engagé en carnets', money.notIssuedCents],
    ]);
    const amounts = await tableRows(page, 'Données du graphique : valeur des tickets remis');
    expect(amounts.map((r) => [r[0], digits(r[1])])).toEqual([
      ['Valeur des tickets remis', money.issuedCents],
      ['Valeur des tickets utilisés', money.redeemedCents],
      ['Remis, pas encore utilisés (encore valables)', money.unusedValidCents],
      ['Remis, expirés sans avoir servi', money.unusedExpiredCents],
    ]);
    // Where the used tickets stand: the ledger's states and words (domain/amounts.ts), as the API gives them.
    const states = await tableRows(page, 'Données du graphique : tickets utilisés');
    expect(states.map((r) => [r[0], digits(r[1])])).toEqual(money.amounts!.parts.map((p) => [p.label, p.amountCents]));
    expect(states.map((r) => r[0])).toEqual([
      'Utilisés, pas encore demandés', 'Demandés, en cours d’examen', 'Approuvés, en attente de paiement', 'Payés', 'Rejetés',
      'Jamais demandés avant la date limite (perdus)',
    ]);
    // French formats: euros with a decimal comma, numbers grouped by thousands.
    for (const r of [...budget, ...amounts, ...states])
      expect(r[1]).toMatch(/^\d{1,3}(?:[\s\u202f\u00a0]\d{3})*,\d{2}\s€$/);

    await expectNoAxeViolation(page, 'admin dashboard with charts');
    await screenshot(page, 'admin-tableaux-de-bord-graphiques');

    // The period is made of whole months: a bad month is refused in French, a good one asks the
    // API for its first to its last day (what the territory's aggregates answer).
    await page.getByLabel('Du mois').fill('2026-02');
    await page.getByLabel('Au mois (inclus)').fill('2026-01');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('Le mois de fin doit suivre le mois de début.').waitFor();
    await page.getByLabel('Au mois (inclus)').fill('2026-02');
    const asked = page.waitForRequest((r) => r.url().includes('/api/dashboards/people?') && r.url().includes('from=2026-02-01') && r.url().includes('to=2026-02-28'));
    await page.getByRole('button', { name: 'Afficher' }).click();
    await asked;

    // On a phone, with animations (no reduced motion): the charts are drawn once the animation
    // ends, fit the width (no sideways scrolling of the page) and still pass axe.
    const phone = await h.newPage(PHONE);
    phone.setDefaultTimeout(30_000);
    await signIn(phone, 'admin@demo.passnum.fr');
    await phone.goto('/tableaux-de-bord');
    await expect
      .poll(() => phone.locator('figure.graphique[data-etat="dessine"]').count(), { timeout: 20_000 })
      .toBe(ids.length);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const id of ids) {
      const box = await phone.locator(`#${id} canvas`).boundingBox();
      expect(box && box.width > 200 && box.width <= PHONE.width && box.height > 100, `${id} on a phone`).toBe(
        true,
      );
      expect(await bluePixels(phone, id), `${id} has bars drawn on a phone`).toBeGreaterThan(50);
    }
    await expectNoAxeViolation(phone, 'admin dashboard with charts on a phone');
    await screenshot(phone, 'admin-tableaux-de-bord-graphiques-telephone');
  }, 240_000);

  it('structure manager: its own charts (no funnel, no budget), same figures as the API, axe clean', async () => {
    const page = await h.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    screenshotOnFailure(page, 'gestionnaire-tableaux-de-bord-graphiques');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, 'gestionnaire@demo.passnum.fr');
    await page.goto('/tableaux-de-bord');
    await page.getByRole('heading', { level: 2, name: 'Personnes formées' }).waitFor();
    const figures = page.locator('figure.graphique');
    await expect.poll(() => figures.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('figure.graphique[data-etat="dessine"]').count(), { timeout: 20_000 })
      .toBe(await figures.count());
    const ids = await figures.evaluateAll((fs) => fs.map((f) => f.id));
    expect(ids).not.toContain('graphique-parcours');
    expect(ids).not.toContain('graphique-titre-budget');
    expect(ids).toContain('graphique-titre-montants');

    const manager = await login(h.app, 'gestionnaire@demo.passnum.fr');
    const q = `?campaignId=${await page.getByLabel('Campagne', { exact: true }).inputValue()}`;
    const people = (await manager.get(`/api/dashboards/people${q}`)).json() as People;
    const money = (await manager.get(`/api/dashboards/money${q}`)).json() as Money;
    if (people.sessions.byTheme.length) {
      const themes = await tableRows(page, 'Données du graphique : séances par thématique');
      expect(themes.map((r) => [r[0], digits(r[1])])).toEqual(
        people.sessions.byTheme.map((t) => [t.label, t.sessions]),
      );
    }
    const states = await tableRows(page, 'Données du graphique : tickets utilisés');
    expect(states.find((r) => r[0] === 'Payés')?.[1]).toBe(
      normalise(
        new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(money.amounts!.parts.find((p) => p.state === 'paid')!.amountCents / 100),
      ),
    );
    await expectNoAxeViolation(page, 'structure manager dashboard with charts');
    await screenshot(page, 'gestionnaire-tableaux-de-bord-graphiques');
  }, 120_000);
});
