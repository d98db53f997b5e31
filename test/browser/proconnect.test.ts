import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../../scripts/proconnect-local/identities.ts';
import { dialectName } from '../helpers/db.ts';
import { startTestProConnect, type TestProConnect } from '../helpers/proconnect.ts';
import { axeViolations, DESKTOP, heading, normalise, PHONE, screenshot, screenshotOnFailure, startHarness, type Harness } from './harness.ts';

// The whole browser flow: passnum on 127.0.0.1, the local ProConnect on "localhost" (another site
// for the browser, as the real ProConnect is), Debian's Chromium going through both.
describe(`sign-in with ProConnect in a browser (${dialectName})`, () => {
  let h: Harness;
  let pc: TestProConnect | null = null;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => {
    await pc?.close();
    await h?.close();
  });

  const button = (page: Page) => page.getByRole('link', { name: 'S’identifier avec ProConnect' });

  /** At the provider: picks the person, ticks or unticks the second factor, continues. */
  async function identify(page: Page, email: string, description: RegExp, secondFactor: boolean) {
    await page.getByRole('heading', { name: 'S’identifier avec ProConnect' }).waitFor();
    await page.getByLabel(new RegExp(`${email.replace(/\./g, '\\.')} — .*${description.source}`)).check();
    await page.getByLabel('J’ai validé mon second facteur (code à usage unique)').setChecked(secondFactor);
    await page.getByRole('button', { name: 'Continuer' }).click();
  }

  /** The refusal page, once its explanation has loaded: its h1 and its whole text. */
  async function refusalPage(page: Page): Promise<{ title: string; text: string }> {
    const title = await heading(page);
    await page.getByText('Vous n’êtes pas connecté à passnum').waitFor();
    return { title, text: normalise(await page.locator('main').innerText()) };
  }

  it('shows no ProConnect button while the deployment has not configured it', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/connexion');
    await heading(page);
    await page.getByLabel('Mot de passe').waitFor();
    expect(await button(page).count()).toBe(0);
    expect(await page.getByText('Qu’est-ce que ProConnect').count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('signs agent.lens in through ProConnect (linked on the first sign-in), then out of both', async () => {
    pc = await startTestProConnect(h.tdb.deps, DEMO_IDENTITIES, h.baseUrl, 'localhost');
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'proconnect-agent');
    await page.goto('/connexion');
    await button(page).waitFor();
    const what = page.getByRole('link', { name: 'Qu’est-ce que ProConnect ?' });
    expect(await what.getAttribute('href')).toBe('https://www.proconnect.gouv.fr/');
    expect(await what.getAttribute('target')).toBe('_blank');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'proconnect-connexion');
    // Keyboard: the button is reachable and opens ProConnect with Enter.
    await button(page).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hostname === 'localhost');
    await identify(page, 'agent.lens@demo.passnum.fr', /Mairie de Lens/, false);
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    expect(new URL(page.url()).origin).toBe(h.baseUrl);
    expect(await page.locator('.compte__role').textContent()).toBe('Agent prescripteur');
    const link = await h.tdb.deps.db
      .selectFrom('proconnect_links')
      .innerJoin('users', 'users.id', 'proconnect_links.user_id')
      .select(['proconnect_links.sub'])
      .where('users.email', '=', 'agent.lens@demo.passnum.fr')
      .executeTakeFirst();
    expect(link?.sub).toBe('demo-agent-lens');

    // Signing out ends the passnum session and the ProConnect one, back to the sign-in page.
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion\?deconnexion=proconnect$/);
    await page.getByText('Vous êtes déconnecté de passnum et de ProConnect.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect((await page.request.get('/api/me')).status()).toBe(401);
    // ProConnect asks again who the person is: its session is over too.
    await button(page).click();
    await page.getByRole('heading', { name: 'S’identifier avec ProConnect' }).waitFor();
    expect(new URL(page.url()).hostname).toBe('localhost');
    await page.context().close();
  }, 120_000);

  it('explains to an unknown person whom to ask, naming the establishment ProConnect gave', async () => {
    const page = await h.newPage(PHONE);
    screenshotOnFailure(page, 'proconnect-inconnu');
    await page.goto('/connexion');
    await button(page).click();
    await identify(page, 'camille.martin@avion.demo.fr', /Mairie d’Avion/, false);
    const { title, text } = await refusalPage(page);
    expect(title).toBe('Connexion avec ProConnect impossible');
    expect(text).toContain('camille.martin@avion.demo.fr');
    expect(text).toContain('SIRET 216 200 659 00011');
    expect(text).toContain('service « CCAS »');
    expect(text).toContain('Qui contacter ?');
    expect(text).toContain('l’administration du programme');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'proconnect-refus-inconnu-phone');
    expect((await page.request.get('/api/me')).status()).toBe(401);
    await page.context().close();
  }, 90_000);

  it('refuses a SIRET that is not the account’s establishment, naming it', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/connexion');
    await button(page).click();
    await identify(page, 'agent.lievin@demo.passnum.fr', /depuis la mairie d’Avion/, false);
    const { title, text } = await refusalPage(page);
    expect(title).toBe('Connexion avec ProConnect impossible');
    expect(text, text).toContain('est rattaché à Mairie de Liévin');
    await page.context().close();
  }, 90_000);

  it('requires a second factor for finance: refused without, signed in with it', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'proconnect-finance');
    await page.goto('/connexion');
    await button(page).click();
    await identify(page, 'finance@demo.passnum.fr', /service financier/, false);
    // passnum asks ProConnect again, for a two-factor level: the provider says so.
    await page.getByText('Le service demande une double authentification').waitFor();
    await identify(page, 'finance@demo.passnum.fr', /service financier/, false);
    const refused = await refusalPage(page);
    expect(refused.title).toBe('Connexion avec ProConnect impossible');
    expect(refused.text, refused.text).toContain('Votre rôle (Service financier) exige une double authentification');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Réessayer avec ProConnect' }).click();
    await identify(page, 'finance@demo.passnum.fr', /service financier/, true);
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    expect(await page.locator('.compte__role').textContent()).toBe('Service financier');
    await page.context().close();
  }, 120_000);

  it('lets the linked agent refuse passwords from the security page', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/connexion');
    await button(page).click();
    await identify(page, 'agent.lens@demo.passnum.fr', /Mairie de Lens/, false);
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto('/compte/securite');
    await page.getByRole('heading', { name: 'ProConnect' }).waitFor();
    await page.getByLabel('Me connecter uniquement avec ProConnect').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Votre mot de passe passnum ne permet plus de vous connecter').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const res = await page.request.post('/api/session', { data: { email: 'agent.lens@demo.passnum.fr', password: 'passnum-demo' } });
    expect(res.status()).toBe(401);
    await page.context().close();
  }, 90_000);
});
