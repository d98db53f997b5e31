import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo, waitForHeading } from './staff-helpers.ts';

// The programme admin sets up a campaign's actors without leaving the web app, keyboard only:
// one mairie per commune in one step, a CCAS with its agent, a new structure with its site
// (SIRET checked first) and its accreditation.

async function typeInto(page: Page, label: string | RegExp, text: string) {
  await tabTo(page, page.getByLabel(label, { exact: typeof label === 'string' }));
  await page.keyboard.type(text);
}

async function press(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
  await tabTo(page, page.getByRole(role, { name, exact: typeof name === 'string' }));
  await page.keyboard.press('Enter');
}

describe(`the admin sets up organisations and structures (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('creates the mairies, a CCAS with its agent, a structure with its site and accredits it', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-setup');
    const k = page.keyboard;
    await signIn(page, 'admin@demo.passnum.fr');

    // Organisations: one mairie per commune, then a CCAS and its agent.
    await press(page, 'Organisations', 'link');
    await waitForHeading(page, 'Organisations prescriptrices');
    await expectNoAxeViolation(page, 'organisations');
    await press(page, /^Créer la mairie de ces \d+ communes$/);
    await page.locator('.avis__titre').filter({ hasText: /\d+ mairies créées/ }).waitFor();
    await page.getByRole('link', { name: 'Mairie d’Avion' }).waitFor();
    await tabTo(page, page.getByRole('radio', { name: /^CCAS/ }));
    await k.press('Space');
    await typeInto(page, 'Nom', 'CCAS d’Avion');
    await tabTo(page, page.getByLabel('Commune', { exact: true }));
    await k.type('Avion');
    await press(page, 'Ajouter l’organisation');
    await page.getByText('CCAS d’Avion ajoutée.', { exact: false }).waitFor();
    await press(page, 'CCAS d’Avion', 'link');
    await waitForHeading(page, 'CCAS d’Avion');
    await typeInto(page, 'Prénom et nom', 'Inès Martin');
    await typeInto(page, 'Adresse e-mail professionnelle', 'ines.martin@ccas-avion.fr');
    await press(page, 'Créer le compte de l’agent');
    await page.getByText(/Compte créé pour Inès Martin/).waitFor();
    await page.getByRole('cell', { name: /ines\.martin@ccas-avion\.fr/ }).or(page.getByText('ines.martin@ccas-avion.fr')).first().waitFor();
    await expectNoAxeViolation(page, 'organisation with its agent');
    // Her password link goes to her e-mail through the outbox, listed on the messages screen.
    await press(page, 'Envoyer un lien de mot de passe à Inès Martin');
    await page.getByText('Lien envoyé à Inès Martin').waitFor();
    await press(page, 'Messages', 'link');
    await waitForHeading(page, 'Messages envoyés');
    await page.getByRole('row').filter({ hasText: /ccas-avion\.fr/ }).first().waitFor();
    await expectNoAxeViolation(page, 'messages');

    // A structure: SIRET checked against the territory, its first site, then its accreditation.
    await page.goto('/admin/structures');
    await waitForHeading(page, 'Structures et habilitations');
    await press(page, 'Créer une structure', 'link');
    await waitForHeading(page, 'Créer une structure');
    await typeInto(page, 'SIRET', '81234567800013');
    await press(page, 'Vérifier le SIRET');
    await page.getByText('Structure déjà enregistrée').waitFor();
    await tabTo(page, page.getByLabel('SIRET'));
    await k.press('Control+A');
    await k.type('88765432100017');
    await press(page, 'Vérifier le SIRET');
    await page.getByText('SIRET vérifié').waitFor();
    await typeInto(page, 'Nom de la structure', 'Espace numérique d’Avion');
    await tabTo(page, page.getByLabel('Type de structure'));
    await k.type('Espace public num');
    // The legal category the mandats file gives the public accountant.
    await page.getByLabel('Catégorie juridique').selectOption({ label: 'Association déclarée (9220)' });
    await tabTo(page, page.getByRole('checkbox', { name: 'Maîtrise des outils numériques du quotidien' }));
    await k.press('Space');
    await typeInto(page, 'Nom du lieu', 'Espace numérique, place Roger Salengro');
    await typeInto(page, 'Adresse', '1 place Roger Salengro');
    await typeInto(page, 'Code postal', '62210');
    await page.getByText('Commune : Avion').waitFor();
    await expectNoAxeViolation(page, 'new structure form');
    await press(page, 'Créer la structure');
    await waitForHeading(page, 'Espace numérique d’Avion');
    await page.getByText(/Structure créée\. Étape suivante/).waitFor();
    expect(await page.getByText('Espace public numérique').count()).toBeGreaterThan(0);
    await page.locator('dd').filter({ hasText: /^Association déclarée$/ }).waitFor();
    await tabTo(page, page.locator('summary').filter({ hasText: 'Décider de l’habilitation' }));
    await k.press('Enter');
    await press(page, 'Enregistrer la décision');
    await page.getByText('Décision d’habilitation enregistrée.').waitFor();
    await page.getByRole('listitem').filter({ hasText: /: Habilitée le/ }).first().waitFor();
    await expectNoAxeViolation(page, 'structure page');
    await page.context().close();
  }, 240_000);
});
