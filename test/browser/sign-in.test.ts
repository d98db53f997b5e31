import { mailedPasswordLink } from '../helpers/outbox-links.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS, type Role } from '../../src/domain/actor.ts';
import { totpFor } from '../../src/usecases/access/open-session.ts';
import { DEMO_LOGINS } from '../../src/demo/seed-demo.ts';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { axeViolations, DEMO_PASSWORD, DESKTOP, heading, PHONE, screenshot, signIn, startHarness, type Harness } from './harness.ts';

// The main link each role must find on its home page ("Accueil").
const MAIN_TASK: Record<Role, string> = {
  agent: 'Nouvel accueil',
  mediator: 'Scanner un pass',
  structure_manager: 'Remboursements',
  admin: 'Campagnes',
  finance: 'Demandes à examiner',
  auditor: 'Grand livre',
};

describe(`signing in, out and TOTP in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  const roleOf = async (email: string) =>
    (await h.tdb.deps.db.selectFrom('users').select('role').where('email', '=', email).executeTakeFirstOrThrow()).role as Role;

  it('signs in every demo login and lands on the home of its role, without axe violations', async () => {
    for (const login of DEMO_LOGINS) {
      const page = await h.newPage(login.email.startsWith('mediateur') ? PHONE : DESKTOP);
      await signIn(page, login.email);
      const role = await roleOf(login.email);
      expect(new URL(page.url()).pathname, login.email).toBe('/');
      expect(await page.locator('.compte__role').textContent(), login.email).toBe(ROLE_LABELS[role]);
      expect(await page.locator('.chapo').innerText()).toContain(ROLE_LABELS[role].toLowerCase());
      const task = MAIN_TASK[role];
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: task, exact: true }).waitFor();
      await page.getByRole('list', { name: 'Vos tâches principales' }).getByRole('link', { name: new RegExp(`^${task}`) }).waitFor();
      expect(await axeViolations(page), login.email).toEqual([]);
      await screenshot(page, `accueil-${login.email.split('@')[0]}`);
      await page.context().close();
    }
  }, 180_000);

  it('refuses a wrong password with an error summary tied to the form, then accepts the right one', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/connexion');
    await heading(page);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Empty fields: the summary takes the focus and links to each field; fields carry their error.
    const summary = page.locator('.resume-erreurs');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['Saisissez votre adresse e-mail.', 'Saisissez votre mot de passe.']);
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-describedby')).toBe('email-erreur');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').fill('agent.lens@demo.passnum.fr');
    await page.getByLabel('Mot de passe').fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await summary.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await screenshot(page, 'connexion-erreur-phone');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('sends a signed-out visitor to the sign-in page and back to the page asked for; signs out', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/agent/beneficiaires');
    await page.waitForURL(/\/connexion\?retour=%2Fagent%2Fbeneficiaires/);
    await page.getByLabel('Adresse e-mail').fill('agent.lievin@demo.passnum.fr');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes bénéficiaires' }).waitFor();
    // After navigating inside the app, the focus is on the new page's heading.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Nouvel accueil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel accueil' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await page.getByText('Déconnexion effectuée').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto('/agent/nouvel-accueil');
    await page.waitForURL(/\/connexion/);
    await page.context().close();
  }, 90_000);

  it('shows "Accès réservé" to a role that may not open a screen', async () => {
    const page = await h.newPage(DESKTOP);
    await signIn(page, 'finance@demo.passnum.fr');
    await page.goto('/agent/nouvel-accueil');
    expect(await heading(page)).toBe('Accès réservé');
    await page.context().close();
  }, 90_000);

  it('enrols TOTP (QR code, secret, recovery codes), then asks for the code at the next sign-in', async () => {
    const email = 'admin@demo.passnum.fr';
    const page = await h.newPage(DESKTOP);
    await signIn(page, email);
    await page.getByRole('link', { name: 'Sécurité du compte' }).click();
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await page.getByRole('heading', { name: 'Scannez le QR code' }).waitFor();
    expect(await page.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.locator('.code-affiche').innerText()).replace(/\s/g, '');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'securite-qr');
    const code = () => totpFor(secret, email).generate({ timestamp: h.tdb.clock.now().getTime() });
    await page.getByLabel('Code à 6 chiffres').fill(code());
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    await page.getByRole('heading', { name: 'Vos codes de secours' }).waitFor();
    expect(await page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /J’ai noté mes codes/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await page.getByText('Déconnexion effectuée').waitFor();

    // Next sign-in: password, then the TOTP step.
    h.tdb.clock.advance(60_000);
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Code de vérification' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Code de vérification');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'connexion-totp');
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.locator('#totp-erreur').getByText('Code de vérification incorrect.').waitFor();
    await page.getByLabel('Code à 6 chiffres').fill(code());
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('sends finance to TOTP enrolment first when the second factor is required', async () => {
    h.tdb.deps.config.requireTotp = true;
    try {
      const page = await h.newPage(DESKTOP);
      await page.goto('/connexion');
      await page.getByLabel('Adresse e-mail').fill('finance@demo.passnum.fr');
      await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sécurité du compte' }).waitFor();
      await page.getByText('Double authentification obligatoire').waitFor();
      // Other screens stay closed until enrolment.
      for (const path of ['/', '/agent/beneficiaires']) {
        await page.goto(path);
        await page.waitForURL(/\/compte\/securite$/);
        expect(await heading(page)).toBe('Sécurité du compte');
      }
      // Public pages stay open.
      await page.goto('/accessibilite');
      expect(await heading(page)).toBe('Déclaration d’accessibilité');
      await page.goto('/compte/securite');
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    } finally {
      h.tdb.deps.config.requireTotp = false;
    }
  }, 90_000);

  it('lets a person choose a password through the one-time link they were sent', async () => {
    // A structure manager sends the link to a mediator of the structure (an admin does the same).
    const email = 'mediateur@demo.passnum.fr';
    const manager = await login(h.app, 'gestionnaire@demo.passnum.fr');
    const users = (await manager.get('/api/users')).json() as { id: string; email: string }[];
    const issued = await manager.post(`/api/users/${users.find((u) => u.email === email)!.id}/password-link`);
    expect(issued.statusCode, issued.body).toBe(201);
    // The link is e-mailed to the person (read here from the outbox), never returned to the manager.
    const link = new URL(await mailedPasswordLink(h.tdb.deps, email));
    const path = `${link.pathname}${link.hash}`;

    const page = await h.newPage(PHONE);
    await page.goto(path);
    expect(await heading(page)).toBe('Choisir votre mot de passe');
    const password = page.getByLabel('Nouveau mot de passe', { exact: true });
    await password.fill('court');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.locator('#mot-de-passe-erreur').getByText('au moins 12 caractères', { exact: false }).waitFor();
    await password.fill('une phrase facile à retenir');
    await page.getByLabel('Le même mot de passe, une deuxième fois').fill('une phrase facile a retenir');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.locator('#confirmation-erreur').getByText(/pas identiques/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'mot-de-passe-erreur-phone');
    await page.getByLabel('Le même mot de passe, une deuxième fois').fill('une phrase facile à retenir');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré').waitFor();
    // The link served once: a second use is refused in plain French.
    await page.goto(path);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('une autre phrase bien longue');
    await page.getByLabel('Le même mot de passe, une deuxième fois').fill('une autre phrase bien longue');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.locator('.resume-erreurs').getByText(/Ce lien n’est pas valable/).waitFor();
    await signIn(page, email, 'une phrase facile à retenir');
    await page.context().close();
  }, 90_000);
});
