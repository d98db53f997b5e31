import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, normalise, PHONE, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, waitForHeading } from './staff-helpers.ts';

// A 1 × 1 PNG: the logo a territory uploads (checked by content on the server).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe(`the programme's help line and logo; the manager's history (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('the admin changes the help line and uploads a logo; residents see both on the public pages', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-programme');
    await signIn(page, 'admin@demo.passnum.fr');
    await page.getByRole('link', { name: 'Le programme' }).first().click();
    await waitForHeading(page, 'Le programme');
    const phone = page.getByLabel('Téléphone');
    await expect.poll(() => phone.inputValue()).toBe('03 21 00 00 00');
    await phone.fill('12');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le numéro de téléphone n’est pas valide').first().waitFor();
    await expectNoAxeViolation(page, 'programme with an error');
    await phone.fill('03 21 11 22 33');
    await page.getByLabel('Choisir un logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('img', { name: 'Le logo actuel' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Les prochains carnets imprimés porteront ce contact').waitFor();
    await expectNoAxeViolation(page, 'programme saved');

    const visitor = await h.newPage(PHONE);
    await visitor.goto('/');
    await waitForHeading(visitor, 'Le pass numérique');
    await expect.poll(() => visitor.locator('header .marque__logo').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(normalise(await visitor.getByRole('contentinfo').innerText())).toContain('Appelez le 03 21 11 22 33');
    await expectNoAxeViolation(visitor, 'public home with a logo');
  }, 120_000);

  it('the manager reads the month\'s redemptions, filters them by state, and downloads them', async () => {
    const page = await h.newPage(PHONE);
    screenshotOnFailure(page, 'manager-history');
    await signIn(page, 'gestionnaire@demo.passnum.fr');
    await page.goto('/structure/utilisations');
    await waitForHeading(page, 'Historique des utilisations');
    const status = page.getByRole('status').filter({ hasText: /utilisations?,/ });
    await status.waitFor();
    const total = Number((await status.innerText()).match(/^(\d+)/)![1]);
    expect(total).toBeGreaterThan(0);
    await expectNoAxeViolation(page, 'history');
    await page.getByLabel('État').selectOption({ label: 'Annulé' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(async () => normalise(await page.getByRole('status').first().innerText())).not.toContain(`${total} utilisation`);
    for (const cell of await page.locator('tbody tr td:last-child').allInnerTexts()) expect(cell).toBe('Annulé');
    const href = await page.getByRole('link', { name: /Télécharger cette liste/ }).getAttribute('href');
    expect(href).toContain('state=annule');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('montant_euros');
  }, 120_000);
});
