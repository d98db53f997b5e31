import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../src/domain/ticket-code.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, issueBookletThroughApi, waitForHeading, type IssuedForTest } from './staff-helpers.ts';

// The whole story in a browser: a booklet issued by a mairie's agent (through the API: the agent's
// screens have their own test), a mediator redeems two of its tickets in one redemption by typing
// their codes, the structure manager submits the month's claim with the attestation, finance
// checks the bank details are verified, approves the claim, creates the payment order, downloads
// the statement and the mandats file (the demo territory pays through its comptable public) and
// marks it paid; the manager then sees it paid.

const STRUCTURE = 'Médiathèque Robert Cousin (démo)';
const MONTH = 'mars 2026';

async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFileSync((await file.path())!);
}

describe(`the whole story, from booklet to payment, in a browser (${dialectName})`, () => {
  let h: Harness;
  let booklet: IssuedForTest;
  beforeAll(async () => {
    h = await startHarness();
    booklet = await issueBookletThroughApi(h, { firstName: 'Odette', birthName: 'Lemaire', birthDate: '1944-05-08' });
  }, 180_000);
  afterAll(async () => h?.close());

  it('redeems two tickets, claims them, approves, orders and pays them', async () => {
    // 1. The mediator types two codes of the booklet and validates them together.
    const mediator = await h.newPage(DESKTOP);
    mediator.setDefaultTimeout(30_000);
    await signIn(mediator, 'mediateur@demo.passnum.fr');
    await mediator.getByRole('list', { name: 'Vos tâches principales' }).getByRole('link', { name: /Scanner un pass/ }).click();
    await waitForHeading(mediator, 'Scanner un pass');
    const code = mediator.getByLabel('Code du ticket', { exact: true });
    for (const c of booklet.codes.slice(0, 2)) {
      await code.fill(formatCode(c));
      await mediator.getByRole('button', { name: 'Vérifier le ticket' }).click();
      await mediator.locator('.resultat__titulaire', { hasText: 'Odette L.' }).waitFor();
    }
    await mediator.getByRole('heading', { name: /Utilisation en cours : 2 tickets — 20,00/ }).waitFor();
    await mediator.getByRole('radio', { name: 'Accompagnement individuel' }).check();
    await mediator.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
    await mediator.getByLabel('Durée').selectOption('90');
    await expectNoAxeViolation(mediator, 'mediator, two tickets');
    await mediator.getByRole('button', { name: 'Valider l’utilisation de 2 tickets' }).click();
    await mediator.getByRole('heading', { name: /Utilisation enregistrée : 2 tickets — 20,00/ }).waitFor();
    await screenshot(mediator, 'histoire-1-mediateur');

    // 2. The manager gathers the month's claim, checks it and submits it with the attestation.
    const manager = await h.newPage(DESKTOP);
    manager.setDefaultTimeout(30_000);
    await signIn(manager, 'gestionnaire@demo.passnum.fr');
    await manager.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Remboursements' }).click();
    await waitForHeading(manager, 'Remboursements');
    await manager.getByRole('button', { name: 'Préparer les demandes maintenant' }).click();
    await manager.getByText(/tickets? ajoutés? aux demandes en préparation/).waitFor();
    await expectNoAxeViolation(manager, 'manager, claims');
    await screenshot(manager, 'histoire-2-remboursements');
    await manager.getByRole('link', { name: new RegExp(`Vérifier et transmettre de ${MONTH} \\(Pass numérique 2026\\)`) }).click();
    await waitForHeading(manager, `Demande de ${MONTH}`);
    const lines = manager.getByRole('region', { name: /tickets? dans cette demande/ });
    for (const index of [1, 2]) await lines.getByRole('rowheader', { name: `${booklet.serial}-${index}` }).waitFor();
    await manager.getByRole('button', { name: 'Transmettre la demande au service financier' }).click();
    await manager.locator('.resume-erreurs', { hasText: 'Cochez l’attestation' }).waitFor();
    await manager.getByRole('checkbox', { name: /J’atteste sur l’honneur/ }).check();
    await expectNoAxeViolation(manager, 'manager, claim');
    await manager.getByRole('button', { name: 'Transmettre la demande au service financier' }).click();
    await manager.getByText('La demande a été transmise au service financier.', { exact: false }).waitFor();
    await manager.getByText('Transmise au service financier').first().waitFor();
    await screenshot(manager, 'histoire-3-demande-transmise');

    // 3. Finance: the structure's bank details are verified (the demo verified them)…
    const finance = await h.newPage(DESKTOP, { acceptDownloads: true });
    finance.setDefaultTimeout(30_000);
    await signIn(finance, 'finance@demo.passnum.fr');
    await finance.goto('/finance/coordonnees-bancaires');
    await waitForHeading(finance, 'Coordonnées bancaires à vérifier');
    await finance.getByText('Toutes les coordonnées bancaires saisies sont vérifiées.').waitFor();
    await expectNoAxeViolation(finance, 'finance, bank details');

    // … approves the claim…
    await finance.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Demandes à examiner' }).click();
    await finance.getByRole('link', { name: new RegExp(`Examiner la demande de ${STRUCTURE.replace(/[()]/g, '.')} pour ${MONTH}`) }).click();
    await waitForHeading(finance, `Demande de ${STRUCTURE} — ${MONTH}`);
    await expectNoAxeViolation(finance, 'finance, review');
    await screenshot(finance, 'histoire-4-examen');
    await finance.getByRole('button', { name: 'Approuver toute la demande' }).click();
    await finance.getByText(/^Demande examinée : \d+ tickets? — [\d,]+\s€ approuvés/).waitFor();

    // … creates the payment order, downloads the statement and the mandats file, marks it paid.
    await finance.getByRole('link', { name: 'Créer un ordre de paiement' }).click();
    await waitForHeading(finance, 'Paiements');
    await finance.getByRole('checkbox', { name: new RegExp(`^${STRUCTURE.replace(/[()]/g, '.')} — ${MONTH}`) }).check();
    await expectNoAxeViolation(finance, 'finance, payments');
    await finance.getByRole('button', { name: 'Créer l’ordre de paiement' }).click();
    await waitForHeading(finance, /^Ordre de paiement du /);
    const statement = finance.getByRole('link', { name: /^Bordereau \d{4}-\d{6} \(PDF\)$/ });
    expect(await statement.count()).toBe(1);
    const pdf = await download(finance, statement);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Four eyes: the preparer cannot release it; no mandats file until the second officer does.
    await finance.getByText('Vous avez préparé cet ordre').waitFor();
    await finance.getByText('Mandats via le comptable public', { exact: true }).waitFor();
    expect(await finance.getByRole('link', { name: /Fichier des mandats/ }).count()).toBe(0);
    const orderPath = new URL(finance.url()).pathname;
    const validation = await h.newPage(DESKTOP);
    validation.setDefaultTimeout(30_000);
    await signIn(validation, 'finance.validation@demo.passnum.fr');
    await validation.goto(orderPath);
    await waitForHeading(validation, /^Ordre de paiement du /);
    await expectNoAxeViolation(validation, 'finance, order to release');
    await validation.getByRole('button', { name: 'Libérer l’ordre de paiement' }).click();
    await validation.locator('.avis__titre', { hasText: 'Ordre libéré' }).waitFor();
    await finance.reload();
    await waitForHeading(finance, /^Ordre de paiement du /);
    // Paid by mandats: the mandats file and the statements, never a SEPA file.
    const csv = (await download(finance, finance.getByRole('link', { name: /Fichier des mandats/ }))).toString('utf8');
    expect(csv).toContain('Robert Cousin');
    expect(csv).toMatch(/Pass numérique – remboursement des tickets – bordereau n° \d{4}-\d{6};2026;6574;312;/);
    expect(await finance.getByRole('link', { name: /Fichier de virements SEPA/ }).count()).toBe(0);
    await expectNoAxeViolation(finance, 'finance, order');
    // A payment date in the future is refused, the message tied to its field.
    await finance.getByLabel('Date du paiement').fill('2026-03-20');
    await finance.getByLabel('Référence du virement').fill('VIR-2026-TEST-0001');
    await finance.getByRole('button', { name: 'Marquer payé' }).click();
    await finance.locator('#date-paiement-erreur', { hasText: 'ne peut pas être dans le futur' }).waitFor();
    await finance.getByLabel('Date du paiement').fill('2026-03-15');
    await finance.getByRole('button', { name: 'Marquer payé' }).click();
    await finance.locator('.avis__titre', { hasText: 'Ordre marqué payé' }).waitFor();
    await screenshot(finance, 'histoire-5-ordre-paye');

    // 4. The manager sees the month's claim paid.
    await manager.goto('/structure/remboursements');
    const row = manager.getByRole('row', { name: new RegExp(`${MONTH} Pass numérique 2026`) });
    await row.getByText('Payée').waitFor();
    await manager.getByRole('cell', { name: /réf\. VIR-2026-TEST-0001/ }).waitFor();
    await expectNoAxeViolation(manager, 'manager, paid');
    await screenshot(manager, 'histoire-6-paye');
  }, 240_000);
});
