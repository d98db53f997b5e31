import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { axeViolations, DEMO_PASSWORD, DESKTOP, heading, PHONE, screenshot, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';

// The agent's "Nouvel accueil" in a real browser: search, identity and commune, equipment,
// diagnostic one question at a time, needs, eligibility, orientation with a booked session,
// hand-out with the PDF; "Mes bénéficiaires". Axe runs on every step.

const SESSION_TITLE = 'Atelier smartphone (test navigateur)';
/** The questionnaire v2: 13 questions the person answers and 5 tasks the agent observes. */
const SCORED = 18;
const FIRST_ANSWER = /^(Non, je ne sais pas faire|N’a pas réussi)$/;
const WITH_HELP = /^(Oui, si quelqu’un m’aide|A réussi avec beaucoup d’aide)$/;

/** The orientation questions of the needs step (urgency, learn or have it done): the first answer of each. */
async function answerOrientation(page: Page) {
  for (const legend of ['Avez-vous une démarche à faire vite ?', 'Voulez-vous apprendre à le faire vous-même ?']) {
    await page.getByRole('group', { name: legend }).getByRole('radio').first().check();
  }
}

async function checkAxe(page: Page, step: string) {
  expect(await axeViolations(page), step).toEqual([]);
}

/** The step's h2 ("Étape n sur 9" is above it); waits until it is the one expected. */
async function step(page: Page, name: string) {
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** Presses Tab until the element has the focus (keyboard only: no click). */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with Tab`);
}

type Person = { firstName: string; birthName: string; birthDate: string; postalCode: string; commune: string };

/** The intake with the mouse, quickly, from "Nouvel accueil" to the result step. */
async function intakeUntilResult(page: Page, person: Person, answer: RegExp = FIRST_ANSWER) {
  await page.goto('/agent/nouvel-accueil');
  await step(page, 'Rechercher la personne');
  await page.getByRole('button', { name: 'Enregistrer une nouvelle personne' }).click();
  await step(page, 'Identité et commune');
  await page.getByLabel('Prénom', { exact: true }).fill(person.firstName);
  await page.getByLabel('Nom de naissance', { exact: true }).fill(person.birthName);
  await page.getByLabel('Date de naissance').fill(person.birthDate);
  await page.getByLabel('Code postal du domicile').fill(person.postalCode);
  await page.getByRole('radio', { name: person.commune, exact: true }).check();
  await page.getByRole('checkbox', { name: /J’ai informé la personne/ }).check();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await step(page, 'Équipement');
  const groups = page.locator('form fieldset');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Continuer vers le diagnostic' }).click();
  for (let i = 1; i <= SCORED; i++) {
    await page.getByText(new RegExp(`^Question ${i} sur ${SCORED}`)).waitFor();
    await page.getByRole('button', { name: answer }).click();
  }
  await step(page, 'Besoins');
  await answerOrientation(page);
  await page.getByRole('button', { name: 'Voir le résultat' }).click();
  await step(page, 'Résultat et éligibilité');
}

/** The same, up to the hand-out step, for an eligible person. */
async function intakeUntilHandOut(page: Page, person: Person) {
  await intakeUntilResult(page, person);
  await page.getByRole('button', { name: 'Continuer vers l’orientation' }).click();
  await step(page, 'Orientation');
  await page.getByRole('button', { name: 'Continuer vers la remise du carnet' }).click();
  await step(page, 'Remise du carnet');
}

describe(`agent's intake in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // A session published by the demo structure, so the agent can book a first seat.
    const manager = await login(h.app, 'gestionnaire@demo.passnum.fr');
    const me = (await manager.get('/api/me')).json() as { structure: { id: string } };
    const sites = (await manager.get(`/api/structures/${me.structure.id}/sites`)).json() as { id: string }[];
    const created = await manager.post('/api/training-sessions', {
      siteId: sites[0].id,
      title: SESSION_TITLE,
      theme: 'Prendre en main son smartphone',
      format: 'collectif',
      startsAt: '2026-03-24T13:30:00.000Z',
      durationMinutes: 120,
      capacity: 8,
    });
    expect(created.statusCode, created.body).toBe(201);
  }, 180_000);
  afterAll(async () => h?.close());

  it('issues a booklet from search to summary, books a session and downloads the PDF', async () => {
    const page = await h.newPage(DESKTOP, { acceptDownloads: true });
    screenshotOnFailure(page, 'agent-parcours');
    await signIn(page, 'agent.lievin@demo.passnum.fr');
    await page.getByRole('list', { name: 'Vos tâches principales' }).getByRole('link', { name: /Nouvel accueil/ }).click();
    expect(await heading(page)).toBe('Nouvel accueil');

    // 1. Search: nobody yet.
    await step(page, 'Rechercher la personne');
    await page.getByText('Étape 1 sur 9').waitFor();
    await page.getByLabel('Nom ou prénom').fill('Martin-Lefèvre');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: 'Personne trouvée : aucune' }).waitFor();
    await checkAxe(page, 'recherche');
    await screenshot(page, 'agent-1-recherche');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle personne' }).click();

    // 2. Identity: errors first, then the commune from the postal code.
    await step(page, 'Identité et commune');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    const summary = page.locator('.resume-erreurs');
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(5);
    await checkAxe(page, 'identité (erreurs)');
    await page.getByLabel('Prénom', { exact: true }).fill('Jeanne');
    await page.getByLabel('Nom de naissance', { exact: true }).fill('Martin-Lefèvre');
    await page.getByLabel('Date de naissance').fill('14/07/1958');
    await page.getByLabel('Code postal du domicile').fill('62800');
    await page.getByRole('radio', { name: 'Liévin' }).check();
    await page.getByRole('checkbox', { name: 'Personne de 60 ans ou plus' }).check();
    await page.getByRole('checkbox', { name: /J’ai informé la personne/ }).check();
    await checkAxe(page, 'identité');
    await screenshot(page, 'agent-2-identite');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

    // 3. Equipment (access block).
    await step(page, 'Équipement');
    const groups = page.locator('form fieldset');
    expect(await groups.count()).toBe(6);
    for (let i = 0; i < 6; i++) await groups.nth(i).getByRole('radio').first().check();
    await checkAxe(page, 'équipement');
    await screenshot(page, 'agent-3-equipement');
    await page.getByRole('button', { name: 'Continuer vers le diagnostic' }).click();

    // 4. Diagnostic: one question at a time, with its progress.
    await step(page, 'Diagnostic');
    await page.getByText(new RegExp(`^Question 1 sur ${SCORED}`)).waitFor();
    await checkAxe(page, 'diagnostic');
    await screenshot(page, 'agent-4-diagnostic');
    for (let i = 1; i <= SCORED; i++) {
      await page.getByText(new RegExp(`^Question ${i} sur ${SCORED}`)).waitFor();
      if (i === 4) await checkAxe(page, 'tâche observée');
      await page.getByRole('button', { name: WITH_HELP }).click();
    }

    // 5. Needs.
    await step(page, 'Besoins');
    await page.getByRole('checkbox', { name: /Prendre en main son smartphone/ }).check();
    await page.getByRole('checkbox', { name: /CAF/ }).check();
    await answerOrientation(page);
    await checkAxe(page, 'besoins');
    await screenshot(page, 'agent-5-besoins');
    await page.getByRole('button', { name: 'Voir le résultat' }).click();

    // 6. Result with the eligibility reasons.
    await step(page, 'Résultat et éligibilité');
    await page.getByText('La personne peut recevoir un carnet').waitFor();
    expect(await page.locator('.avis--succes li').count()).toBe(5);
    await checkAxe(page, 'résultat');
    await screenshot(page, 'agent-6-resultat');
    await page.getByRole('button', { name: 'Continuer vers l’orientation' }).click();

    // 7. Orientation: places, and a session to book.
    await step(page, 'Orientation');
    await page.getByRole('heading', { name: 'Lieux conseillés' }).waitFor();
    expect(await page.locator('.carte').count()).toBeGreaterThan(0);
    await page.getByRole('radio', { name: new RegExp(SESSION_TITLE.replace(/[()]/g, '.')) }).check();
    await checkAxe(page, 'orientation');
    await screenshot(page, 'agent-7-orientation');
    await page.getByRole('button', { name: 'Continuer vers la remise du carnet' }).click();

    // 8. Hand-out: print on demand, then download the PDF.
    await step(page, 'Remise du carnet');
    await page.getByRole('radio', { name: /Imprimer le carnet maintenant/ }).check();
    await checkAxe(page, 'remise');
    await page.getByRole('button', { name: 'Émettre le carnet' }).click();
    const issued = page.locator('.avis__titre').filter({ hasText: /Carnet \S+ remis/ });
    await issued.waitFor();
    const serial = (await issued.innerText()).match(/Carnet (\S+) remis/)![1];
    expect(serial).toMatch(/^2026-62510-\d+$/);
    await checkAxe(page, 'carnet remis');
    await screenshot(page, 'agent-8-remise');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le carnet (PDF)' }).click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
    await page.getByRole('button', { name: 'Voir le récapitulatif' }).click();

    // 9. Summary.
    await step(page, 'Récapitulatif');
    const recap = await page.locator('.recap').innerText();
    expect(recap).toContain('Jeanne Martin-Lefèvre');
    expect(recap).toContain('Liévin');
    expect(recap).toContain(SESSION_TITLE);
    expect(recap).toContain(serial);
    await checkAxe(page, 'récapitulatif');
    await screenshot(page, 'agent-9-recapitulatif');

    // "Mes bénéficiaires": the person, the booklet and its 5 unused tickets.
    await page.getByRole('link', { name: 'Mes bénéficiaires' }).first().click();
    expect(await heading(page)).toBe('Mes bénéficiaires');
    const row = page.getByRole('row', { name: /Jeanne Martin-Lefèvre/ });
    await row.waitFor();
    expect(await row.innerText()).toContain(serial);
    expect(await row.innerText()).toMatch(/5 sur 5/);
    await checkAxe(page, 'mes bénéficiaires');
    await screenshot(page, 'agent-mes-beneficiaires');
    await page.context().close();
  }, 180_000);

  it('shows early that the person already has a booklet from another mairie, and resumes a record already registered', async () => {
    const page = await h.newPage(PHONE);
    screenshotOnFailure(page, 'agent-doublon');
    await signIn(page, 'agent.lens@demo.passnum.fr');
    await page.goto('/agent/nouvel-accueil');
    await step(page, 'Rechercher la personne');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle personne' }).click();
    await step(page, 'Identité et commune');
    await page.getByLabel('Prénom', { exact: true }).fill('JEANNE');
    await page.getByLabel('Nom de naissance', { exact: true }).fill('martin lefevre');
    await page.getByLabel('Date de naissance').fill('14/07/1958');
    await page.getByLabel('Code postal du domicile').fill('62800');
    await page.getByRole('checkbox', { name: /J’ai informé la personne/ }).check();
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await step(page, 'Équipement');
    const notice = page.locator('.avis--attention').filter({ hasText: 'Cette personne a déjà un carnet' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Mairie de Liévin');
    await checkAxe(page, 'doublon');
    await screenshot(page, 'agent-doublon-phone');
    // "Mes bénéficiaires" lists her without a booklet, and the intake can be resumed from there.
    // On a phone the menu folds behind its « Menu » button.
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Mes bénéficiaires' }).click();
    const row = page.getByRole('row', { name: /JEANNE martin lefevre/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('aucun');
    await row.getByRole('link', { name: 'Reprendre l’accueil de JEANNE martin lefevre' }).click();
    await step(page, 'Équipement');
    await page.getByText('Étape 3 sur 9 — JEANNE martin lefevre').waitFor();
    await page.context().close();

    // The mairie that already registered her is offered to resume her record instead.
    const lievin = await h.newPage(DESKTOP);
    screenshotOnFailure(lievin, 'agent-deja-enregistree');
    await signIn(lievin, 'agent.lievin@demo.passnum.fr');
    await lievin.goto('/agent/nouvel-accueil');
    await lievin.getByRole('button', { name: 'Enregistrer une nouvelle personne' }).click();
    await step(lievin, 'Identité et commune');
    await lievin.getByLabel('Prénom', { exact: true }).fill('Jeanne');
    await lievin.getByLabel('Nom de naissance', { exact: true }).fill('Martin Lefevre');
    await lievin.getByLabel('Date de naissance').fill('14/07/1958');
    await lievin.getByLabel('Code postal du domicile').fill('62800');
    await lievin.getByRole('checkbox', { name: /J’ai informé la personne/ }).check();
    await lievin.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await lievin.locator('#nom-naissance-erreur').getByText(/déjà enregistrée par votre organisation/).waitFor();
    await checkAxe(lievin, 'déjà enregistrée');
    await lievin.getByRole('button', { name: 'Reprendre son dossier' }).click();
    await step(lievin, 'Équipement');
    await lievin.getByText('Étape 3 sur 9 — Jeanne Martin-Lefèvre').waitFor();
    await lievin.context().close();
  }, 120_000);

  it('completes the intake up to the booklet with the keyboard only (Tab, Enter, Space)', async () => {
    const page = await h.newPage(PHONE, { acceptDownloads: true });
    screenshotOnFailure(page, 'agent-clavier');
    const k = page.keyboard;
    // Signing in with the keyboard too.
    await page.goto('/connexion');
    await tabTo(page, page.getByLabel('Adresse e-mail'));
    await k.type('agent.lievin@demo.passnum.fr');
    await tabTo(page, page.getByLabel('Mot de passe'));
    await k.type(DEMO_PASSWORD);
    await k.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await tabTo(page, menu.getByRole('button', { name: 'Menu' }));
    await k.press('Enter');
    await tabTo(page, menu.getByRole('link', { name: 'Nouvel accueil' }));
    await k.press('Enter');
    await step(page, 'Rechercher la personne');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer une nouvelle personne' }));
    await k.press('Enter');

    await step(page, 'Identité et commune');
    const type = async (label: string, text: string) => {
      await tabTo(page, page.getByLabel(label, { exact: true }));
      await k.type(text);
    };
    await type('Prénom', 'Marcel');
    await type('Nom de naissance', 'Clavier');
    await type('Date de naissance', '02/02/1950');
    await type('Code postal du domicile', '62800');
    await tabTo(page, page.getByRole('checkbox', { name: /J’ai informé la personne/ }));
    await k.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer et continuer' }));
    await k.press('Enter');

    await step(page, 'Équipement');
    const groups = page.locator('form fieldset');
    for (let i = 0; i < (await groups.count()); i++) {
      await tabTo(page, groups.nth(i).getByRole('radio').first());
      await k.press('Space');
    }
    await tabTo(page, page.getByRole('button', { name: 'Continuer vers le diagnostic' }));
    await k.press('Enter');

    await step(page, 'Diagnostic');
    for (let i = 1; i <= SCORED; i++) {
      await page.getByText(new RegExp(`^Question ${i} sur ${SCORED}`)).waitFor();
      // The focus moves to each new question; its first answer is the next Tab stop.
      await tabTo(page, page.getByRole('button', { name: FIRST_ANSWER }), 5);
      await k.press('Enter');
    }

    await step(page, 'Besoins');
    await tabTo(page, page.getByRole('checkbox', { name: /Utiliser une messagerie e-mail/ }));
    await k.press('Space');
    for (const legend of ['Avez-vous une démarche à faire vite ?', 'Voulez-vous apprendre à le faire vous-même ?']) {
      await tabTo(page, page.getByRole('group', { name: legend }).getByRole('radio').first());
      await k.press('Space');
    }
    await tabTo(page, page.getByRole('button', { name: 'Voir le résultat' }));
    await k.press('Enter');

    await step(page, 'Résultat et éligibilité');
    await tabTo(page, page.getByRole('button', { name: 'Continuer vers l’orientation' }));
    await k.press('Enter');

    await step(page, 'Orientation');
    await tabTo(page, page.getByRole('button', { name: 'Continuer vers la remise du carnet' }));
    await k.press('Enter');

    await step(page, 'Remise du carnet');
    await tabTo(page, page.getByRole('radio', { name: /Imprimer le carnet maintenant/ }));
    await k.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Émettre le carnet' }));
    await k.press('Enter');
    await page.locator('.avis__titre').filter({ hasText: /Carnet \S+ remis/ }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Télécharger le carnet (PDF)' }));
    const [download] = await Promise.all([page.waitForEvent('download'), k.press('Enter')]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  }, 180_000);

  it('hands out a pre-printed booklet of the commune by typing its number', async () => {
    const admin = await login(h.app, 'admin@demo.passnum.fr');
    const campaigns = (await admin.get('/api/campaigns?status=open')).json() as { id: string }[];
    const batch = await admin.post('/api/print-batches', { campaignId: campaigns[0].id, communeInsee: '62498', count: 2 });
    expect(batch.statusCode, batch.body).toBe(201);
    const serial = (batch.json() as { lastSerial: string }).lastSerial;

    const page = await h.newPage(PHONE);
    screenshotOnFailure(page, 'agent-stock');
    await signIn(page, 'agent.lens@demo.passnum.fr');
    await intakeUntilHandOut(page, { firstName: 'Lucienne', birthName: 'Stockmans', birthDate: '03/05/1947', postalCode: '62300', commune: 'Lens' });
    await page.getByRole('radio', { name: /Donner un carnet pré-imprimé/ }).check();
    await page.getByRole('button', { name: 'Activer ce carnet' }).click();
    await page.locator('#numero-carnet-erreur').getByText('Scannez ou saisissez le numéro imprimé sur le carnet.').waitFor();
    // A barcode scanner types the digits without dashes: accepted as well.
    await page.getByLabel('Numéro du carnet', { exact: true }).fill(serial.replace(/-/g, ''));
    await page.getByRole('button', { name: 'Activer ce carnet' }).click();
    await page.locator('.avis__titre').filter({ hasText: `Carnet ${serial} remis` }).waitFor();
    await page.getByText(`Remettez à la personne le carnet pré-imprimé n° ${serial}`).waitFor();
    await checkAxe(page, 'carnet pré-imprimé remis');
    await screenshot(page, 'agent-remise-stock-phone');
    // The same booklet cannot be handed out twice.
    await intakeUntilHandOut(page, { firstName: 'Paulette', birthName: 'Doublon', birthDate: '04/06/1948', postalCode: '62300', commune: 'Lens' });
    await page.getByRole('radio', { name: /Donner un carnet pré-imprimé/ }).check();
    await page.getByLabel('Numéro du carnet', { exact: true }).fill(serial);
    await page.getByRole('button', { name: 'Activer ce carnet' }).click();
    await page.locator('#numero-carnet-erreur').getByText(/a déjà été remis/).waitFor();
    await page.context().close();
  }, 180_000);

  it('lets the agent hand out a booklet above the profile threshold only with a written reason', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'agent-derogation');
    await signIn(page, 'agent.lievin@demo.passnum.fr');
    await intakeUntilResult(page, { firstName: 'Hugo', birthName: 'Autonome', birthDate: '09/09/1990', postalCode: '62800', commune: 'Liévin' }, /^(Oui, seul ou seule, sans aide|A réussi seul ou seule)$/);
    await page.getByText('La personne ne peut pas recevoir de carnet pour l’instant').waitFor();
    await page.getByText('Profil d’ensemble : Autonome').waitFor();
    await checkAxe(page, 'résultat non éligible');
    await screenshot(page, 'agent-resultat-derogation');
    const reason = page.getByLabel('Remettre un carnet malgré le profil : motif');
    await reason.fill('impôts');
    await page.getByRole('button', { name: 'Continuer avec ce motif' }).click();
    await page.locator('#derogation-erreur').getByText(/au moins 10 caractères/).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('Doit déclarer seul ses impôts en ligne pour la première fois');
    await page.getByRole('button', { name: 'Continuer avec ce motif' }).click();
    await step(page, 'Orientation');
    await page.getByRole('button', { name: 'Continuer vers la remise du carnet' }).click();
    await step(page, 'Remise du carnet');
    await page.getByRole('radio', { name: /Imprimer le carnet maintenant/ }).check();
    await page.getByRole('button', { name: 'Émettre le carnet' }).click();
    await page.locator('.avis__titre').filter({ hasText: /Carnet \S+ remis/ }).waitFor();
    await page.getByRole('button', { name: 'Voir le récapitulatif' }).click();
    await step(page, 'Récapitulatif');
    expect(await page.locator('.recap').innerText()).toContain('carnet remis par dérogation');
    await page.context().close();
  }, 180_000);
});
