import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchIban, formatIban } from '../../src/domain/bank.ts';
import { renderDemoRibPdf } from '../../src/exports/rib-pdf.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshot, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, waitForHeading } from './staff-helpers.ts';

// Four eyes on bank details (issue #17, point 1) in a browser: the structure's manager enters a new
// account with the bank's RIB; a finance officer who did not enter it verifies it on the RIB by
// re-typing the IBAN and confirming BIC and holder. A mistyped IBAN verifies nothing.

const STRUCTURE = 'Médiathèque Robert Cousin (démo)';

describe(`bank details: entered with the RIB, verified by a second person (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('the manager enters the account and its RIB; finance re-types the IBAN and confirms BIC and holder', async () => {
    const iban = frenchIban('30004', '00819', '00012345678');
    const holder = 'Médiathèque Robert Cousin';
    const rib = await renderDemoRibPdf({ holder, iban, bic: 'BNPAFRPP', bankName: 'Banque de démonstration' });

    const manager = await h.newPage(DESKTOP);
    manager.setDefaultTimeout(30_000);
    screenshotOnFailure(manager, 'rib-gestionnaire');
    await signIn(manager, 'gestionnaire@demo.passnum.fr');
    await manager.goto('/structure/banque');
    await waitForHeading(manager, 'Coordonnées bancaires');
    await manager.getByRole('button', { name: 'Changer de compte bancaire' }).click();
    await manager.getByLabel('IBAN').fill(formatIban(iban));
    await manager.getByLabel('BIC').fill('BNPAFRPP');
    await manager.getByLabel('Titulaire du compte').fill(holder);
    await manager.getByLabel('RIB de la banque').setInputFiles({ name: 'rib.pdf', mimeType: 'application/pdf', buffer: rib });
    await expectNoAxeViolation(manager, 'manager, bank details form');
    await manager.getByRole('button', { name: 'Enregistrer le nouveau compte' }).click();
    await manager.locator('.avis__titre', { hasText: 'Coordonnées enregistrées' }).waitFor();
    await manager.getByText('En attente de vérification').first().waitFor();
    await expectNoAxeViolation(manager, 'manager, bank details pending');
    await screenshot(manager, 'rib-gestionnaire-en-attente');

    const finance = await h.newPage(DESKTOP);
    finance.setDefaultTimeout(30_000);
    screenshotOnFailure(finance, 'rib-finance');
    await signIn(finance, 'finance@demo.passnum.fr');
    await finance.goto('/finance/coordonnees-bancaires');
    await waitForHeading(finance, 'Coordonnées bancaires à vérifier');
    const typed = finance.getByLabel(`IBAN lu sur le RIB de ${STRUCTURE}`);
    // A mistyped IBAN is refused and verifies nothing.
    await typed.fill(formatIban(frenchIban('30004', '00819', '00012345679')));
    await finance.getByLabel(`Le BIC du RIB est bien « BNPAFRPP »`).check();
    await finance.getByLabel(`Le titulaire du RIB est bien « ${holder} »`).check();
    await finance.getByRole('button', { name: `Valider les coordonnées de ${STRUCTURE}` }).click();
    await finance.locator('.champ--erreur').first().waitFor();
    await expectNoAxeViolation(finance, 'finance, mistyped IBAN');
    await typed.fill(formatIban(iban));
    await finance.getByRole('button', { name: `Valider les coordonnées de ${STRUCTURE}` }).click();
    await finance.getByText(`Les coordonnées bancaires de ${STRUCTURE} sont vérifiées`).waitFor();
    await expectNoAxeViolation(finance, 'finance, verified');
    await screenshot(finance, 'rib-finance-verifie');

    await manager.reload();
    await waitForHeading(manager, 'Coordonnées bancaires');
    expect(await manager.getByText('En attente de vérification').count()).toBe(0);
  }, 240_000);
});
