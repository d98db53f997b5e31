import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { pdfToText } from '../helpers/pdf-text.ts';
import { DESKTOP, PHONE, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, horizontalOverflow, issueBookletThroughApi, waitForHeading } from './staff-helpers.ts';

// A manager sets the médiathèque's hours with the day-by-day grid; residents read them as a French
// sentence on « Où utiliser mon pass ? » and in a booklet printed afterwards.
describe(`opening hours with the grid, read in French (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const sentence = 'Du mardi au vendredi, de 10 h à 12 h 30 et de 14 h à 18 h ; le samedi, de 10 h à 12 h 30. Fermé les jours fériés.';
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('sets the hours in the grid, and shows them in French on the public page and in a new booklet', async () => {
    const page = await h.newPage(DESKTOP);
    await signIn(page, 'gestionnaire@demo.passnum.fr');
    await page.goto('/structure/lieux');
    await waitForHeading(page, 'Lieux et horaires');
    // The demo's hours already read as a sentence.
    await page.getByText('Du mardi au samedi, de 10 h à 12 h 30 et de 14 h à 18 h.').first().waitFor();
    await page.getByRole('button', { name: /^Modifier le lieu Médiathèque/ }).click();
    const grid = page.getByRole('group', { name: 'Horaires d’ouverture' });
    await grid.waitFor();
    expect(await grid.getByRole('checkbox', { name: 'Lundi : ouvert' }).isChecked()).toBe(false);
    expect(await grid.getByRole('checkbox', { name: 'Samedi : ouvert' }).isChecked()).toBe(true);
    // Saturday: mornings only; closed on public holidays.
    await grid.getByLabel('Samedi, réouverture l’après-midi').fill('');
    await grid.getByLabel('Samedi, fermeture l’après-midi').fill('');
    await grid.getByRole('checkbox', { name: 'Fermé les jours fériés' }).check();
    await page.locator('.horaires__phrase', { hasText: sentence }).waitFor();
    await expectNoAxeViolation(page, 'opening hours grid');
    await screenshot(page, 'terrain-horaires-grille');
    await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
    await page.getByText(/a été enregistré/).waitFor();
    await page.getByText(sentence).first().waitFor();

    // The public page, on a phone.
    const resident = await h.newPage(PHONE);
    await resident.goto('/ou-utiliser-mon-pass');
    await resident.getByText(sentence).first().waitFor();
    await expectNoAxeViolation(resident, 'public places with sentences (phone)');
    expect(await horizontalOverflow(resident)).toBeLessThanOrEqual(0);

    // A booklet printed now for a resident of Lens lists the médiathèque with these hours.
    const issued = await issueBookletThroughApi(h, { firstName: 'Hélène', birthName: 'Ozanne', birthDate: '1950-05-05' });
    const agent = await login(h.app, 'agent.lens@demo.passnum.fr');
    const pdf = await agent.get(`/api/booklets/${issued.bookletId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = flat(pdfToText(pdf.rawPayload));
    expect(text).toContain('Médiathèque');
    // French elision on the cover.
    expect(text).toContain('Carnet d’Hélène');
    expect(text).toContain(flat('du mardi au vendredi, de 10 h à 12 h 30').slice(3));
  }, 180_000);
});
