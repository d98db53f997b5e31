import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../src/domain/ticket-code.ts';
import { dialectName } from '../helpers/db.ts';
import { PHONE, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, horizontalOverflow, issueBookletThroughApi, tabTo, waitForHeading, type IssuedForTest } from './staff-helpers.ts';

// The mediator in the field, on a 375 × 667 phone: the scanner on the first screen (the manager's
// menu folded), the answer in view and focused after « Vérifier », a whole code visible; each
// person starts clean, « même séance, personne suivante » on purpose; a collective workshop of three
// recorded once; a structure that is not accredited told so on arrival.
describe(`the mediator's phone (${dialectName})`, () => {
  let h: Harness;
  const people: IssuedForTest[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const names = [['Hélène', 'Dupré'], ['Marcel', 'Lefebvre'], ['Aïcha', 'Bensaïd'], ['Jean', 'Caron'], ['Odile', 'Martin'], ['Yann', 'Leroy']];
    for (const [i, [firstName, birthName]] of names.entries()) people.push(await issueBookletThroughApi(h, { firstName, birthName, birthDate: `19${45 + i}-03-1${i}` }));
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Types a code in the field, checks it with Enter, and waits for the card. */
  async function check(page: Page, code: string): Promise<void> {
    const field = page.getByLabel('Code du ticket', { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(formatCode(code));
    await page.keyboard.press('Enter');
    await page.locator('.resultat').waitFor();
  }

  async function inViewport(page: Page, selector: string): Promise<boolean> {
    return page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    });
  }

  it('puts the scanner on the manager’s first screen, the menu folded behind a button that opens with the keyboard', async () => {
    const page = await h.newPage(PHONE);
    await signIn(page, 'gestionnaire@demo.passnum.fr');
    await page.goto('/mediateur/scanner');
    await waitForHeading(page, 'Scanner un pass');
    const camera = page.getByRole('button', { name: /Scanner avec la caméra/ });
    const box = (await camera.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Remboursements' }).isVisible()).toBe(false);
    await tabTo(page, menu);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Remboursements' }).waitFor();
    expect(await page.getByRole('button', { name: 'Fermer le menu' }).getAttribute('aria-expanded')).toBe('true');
    await expectNoAxeViolation(page, 'manager menu open (phone)');
    await screenshot(page, 'terrain-menu-ouvert-phone');
  }, 120_000);

  it('shows a whole code, brings the answer into view with the focus, and starts each person clean — or the same session on purpose', async () => {
    const page = await h.newPage(PHONE);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'mediateur@demo.passnum.fr');
    await page.goto('/mediateur/scanner');
    await page.getByRole('heading', { name: /^Utilisations du/ }).waitFor();
    await expectNoAxeViolation(page, 'scanner (phone)');

    // A whole formatted code fits in the field at 375 px.
    const field = page.getByLabel('Code du ticket', { exact: true });
    await field.fill(formatCode(people[0].codes[0]));
    expect(await field.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await field.fill('');

    const themesChosen: string[] = [];
    for (const [k, person] of people.slice(0, 3).entries()) {
      await check(page, person.codes[0]);
      // The card is in view and has the focus (a phone's keyboard would hide it otherwise).
      await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}#${document.activeElement?.id}`)).toContain('resultat');
      expect(await inViewport(page, '.resultat')).toBe(true);
      expect(await page.locator('.resultat__titulaire').innerText()).toContain(person.firstName);
      // Nothing carried over from the previous person.
      expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
      expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
      expect(await page.getByLabel('Durée').inputValue()).toBe('');
      await expectNoAxeViolation(page, `person ${k + 1} checked (phone)`);

      await tabTo(page, page.getByRole('radio', { name: 'Accompagnement individuel' }));
      await page.keyboard.press('Space');
      // A short list of the structure's usual themes; the rest behind « Autres thèmes ».
      const usual = page.getByRole('group', { name: /Thématiques travaillées/ }).getByRole('checkbox');
      expect(await usual.count()).toBeLessThanOrEqual(6);
      let label: string;
      if (k < 2) {
        const box = usual.nth(k);
        label = (await page.locator(`label[for="${await box.getAttribute('id')}"]`).innerText()).trim();
        await tabTo(page, box);
        await page.keyboard.press('Space');
      } else {
        await tabTo(page, page.locator('summary', { hasText: 'Autres thèmes' }));
        await page.keyboard.press('Enter');
        label = 'Intelligence artificielle (IA)';
        await tabTo(page, page.getByRole('checkbox', { name: label }));
        await page.keyboard.press('Space');
      }
      themesChosen.push(label);
      await page.getByLabel('Durée').selectOption('45');
      await tabTo(page, page.getByRole('button', { name: /^Valider l’utilisation de 1 ticket/ }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Utilisation enregistrée : 1 ticket/ }).waitFor();
      await expectNoAxeViolation(page, `person ${k + 1} redeemed (phone)`);
      if (k < 2) {
        await tabTo(page, page.getByRole('button', { name: 'Nouvelle personne' }));
        await page.keyboard.press('Enter');
      }
    }
    // Each redemption recorded its own theme.
    for (const [k, person] of people.slice(0, 3).entries()) {
      const card = page.locator('.carte', { hasText: person.serial });
      expect(await card.innerText()).toContain(themesChosen[k]);
      for (const other of themesChosen.filter((_, j) => j !== k)) expect(await card.innerText()).not.toContain(other);
    }

    // « Même séance, personne suivante »: the last service comes back, on purpose only.
    await tabTo(page, page.getByRole('button', { name: 'Même séance, personne suivante' }));
    await page.keyboard.press('Enter');
    await check(page, people[3].codes[0]);
    expect(await page.getByRole('radio', { name: 'Accompagnement individuel' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: themesChosen[2] }).isChecked()).toBe(true);
    expect(await page.getByLabel('Durée').inputValue()).toBe('45');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'terrain-meme-seance-phone');
  }, 180_000);

  it('records a workshop of three once, then each participant’s booklet in turn, and lists who came', async () => {
    const page = await h.newPage(PHONE);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'mediateur@demo.passnum.fr');
    await page.goto('/mediateur/scanner');
    await page.getByRole('heading', { name: /^Utilisations du/ }).waitFor();
    await tabTo(page, page.getByRole('button', { name: /Atelier collectif/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nouvel atelier collectif' }).waitFor();
    await page.getByLabel('Intitulé de l’atelier').fill('Atelier tablette');
    await page.getByRole('group', { name: /Thématiques travaillées/ }).getByRole('checkbox').first().check();
    await page.getByLabel('Durée de l’atelier').selectOption('120');
    await expectNoAxeViolation(page, 'workshop form (phone)');
    await tabTo(page, page.getByRole('button', { name: 'Commencer l’atelier' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Atelier en cours : Atelier tablette' }).waitFor();

    for (const [k, person] of people.slice(3, 6).entries()) {
      await check(page, person.codes[1]);
      // A second ticket of the same booklet joins the same participation.
      if (k === 0) await check(page, person.codes[2]);
      const submit = page.getByRole('button', { name: /^Valider la participation à l’atelier/ });
      await tabTo(page, submit);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `${k + 1} participant${k ? 's' : ''}` }).waitFor();
    }
    const list = await page.locator('.atelier__participants').innerText();
    expect(list).toMatch(/Jean C\. — carnet .*2 tickets/);
    expect(list).toMatch(/Odile M\./);
    expect(list).toMatch(/Yann L\./);
    await expectNoAxeViolation(page, 'workshop with participants (phone)');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'terrain-atelier-phone');
    // Each booklet is its own redemption in the day's list, recorded as a collective workshop.
    for (const person of people.slice(3, 6)) expect(await page.locator('.carte', { hasText: person.serial }).first().innerText()).toContain('Atelier collectif');
  }, 180_000);

  it('tells a mediator of a structure that is not accredited, on arrival, the status and whom to contact', async () => {
    const page = await h.newPage(PHONE);
    await signIn(page, 'mediateur.nonhabilite@demo.passnum.fr');
    await page.goto('/mediateur/scanner');
    const notice = page.locator('.avis', { hasText: 'Votre structure ne peut pas encore accepter les tickets' });
    await notice.waitFor();
    const text = await notice.innerText();
    // The demo's association has applied: the mediator learns it is being examined, and whom to call.
    expect(text).toMatch(/Pass numérique \d{4} : candidature en cours d’examen/);
    expect(text).toContain('03 21 00 00 00');
    await expectNoAxeViolation(page, 'not accredited (phone)');
    await screenshot(page, 'terrain-non-habilitee-phone');
  }, 120_000);
});
