import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.ts';
import { listClaims } from '../../src/repositories/claims.ts';
import { totalsByClaim } from '../../src/usecases/reimbursement/claim-view.ts';
import { createPaymentOrder } from '../../src/usecases/reimbursement/create-payment-order.ts';
import { releasePaymentOrder } from '../../src/usecases/reimbursement/release-payment-order.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo, waitForHeading } from './staff-helpers.ts';

// The admin runs the open data and the follow-up from the screens, keyboard only: imports a
// places file in the national schema (one bad line, reported in French), downloads the public
// files; finance imports the bank's payment confirmation from the payment order's page.

async function press(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
  await tabTo(page, page.getByRole(role, { name, exact: typeof name === 'string' }));
  await page.keyboard.press('Enter');
}

async function download(page: Page, link: Locator): Promise<Buffer> {
  await tabTo(page, link);
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return readFileSync((await file.path())!);
}

function tempFile(name: string, text: string): string {
  const file = path.join(tmpdir(), `passnum-${process.pid}-${Date.now()}-${name}`);
  writeFileSync(file, text);
  return file;
}

async function actorOf(h: Harness, email: string): Promise<Actor> {
  const u = await h.tdb.deps.db.selectFrom('users').select(['id', 'role', 'territory_id']).where('email', '=', email).executeTakeFirstOrThrow();
  return { kind: 'user', id: u.id, role: u.role, territoryId: u.territory_id, organisationId: null, structureId: null, label: email } as Actor;
}

describe(`the admin's data screens and the payment confirmation (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('imports a places file with one bad line, shows the report, and downloads the public files', async () => {
    const page = await h.newPage(DESKTOP, { acceptDownloads: true });
    screenshotOnFailure(page, 'admin-data-open-data');
    await signIn(page, 'admin@demo.passnum.fr');
    await press(page, 'Données ouvertes', 'link');
    await waitForHeading(page, 'Données ouvertes');
    await expectNoAxeViolation(page, 'open data');

    // The public export of the places, downloaded from the screen, is the base of the file to import.
    const csv = (await download(page, page.getByRole('link', { name: 'Lieux de médiation numérique (CSV, pour un tableur)' }))).toString('utf8');
    const [header, first] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(header).toContain('pivot');
    expect(first).toBeTruthy();
    const stats = (await download(page, page.getByRole('link', { name: 'Statistiques par commune et par mois (CSV, pour un tableur)' }))).toString('utf8');
    expect(stats).toContain('code_insee');

    // Line 2 re-imports unchanged; line 3 has a SIRET with a wrong check digit.
    const bad = [...first];
    bad[header.indexOf('pivot')] = '12345678900000';
    bad[header.indexOf('nom')] = 'Lieu au SIRET faux';
    const file = tempFile('lieux.csv', stringify([header, first, bad]));

    await tabTo(page, page.getByLabel('Fichier des lieux (CSV ou JSON)'));
    await page.getByLabel('Fichier des lieux (CSV ou JSON)').setInputFiles(file);
    await press(page, 'Importer le fichier');
    await page.getByRole('heading', { name: 'Compte rendu de l’import' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('titre-resultat-import');
    await page.getByText(/0 lieu créé, 0 mis à jour, 1 inchangé, 1 refusé/).waitFor();
    const table = page.getByRole('table', { name: /Compte rendu ligne par ligne/ });
    await table.getByRole('row').filter({ hasText: 'Inchangé' }).filter({ has: page.getByRole('cell', { name: '2', exact: true }) }).waitFor();
    const refused = table.getByRole('row').filter({ hasText: 'Lieu au SIRET faux' });
    await refused.getByRole('cell', { name: 'Refusé', exact: true }).waitFor();
    await refused.getByText(/pivot : .*SIRET/).waitFor();
    await expectNoAxeViolation(page, 'open data, import report');

    // A file that is not in the schema: a clear French refusal, focused.
    await page.getByLabel('Fichier des lieux (CSV ou JSON)').setInputFiles(tempFile('mauvais.csv', 'a,b\n1,2\n'));
    await press(page, 'Importer le fichier');
    await page.getByText(/Il manque des colonnes obligatoires/).waitFor();
    await expectNoAxeViolation(page, 'open data, refused file');
  }, 120_000);

  it('finance imports the bank confirmation of a released order; a bad line refuses the file', async () => {
    // A released order of the demo's 2022 approved claims: prepared by one officer, released by the other.
    const finance = await actorOf(h, 'finance@demo.passnum.fr');
    const validation = await actorOf(h, 'finance.validation@demo.passnum.fr');
    const reviewed = await listClaims(h.tdb.deps.db, { territoryId: finance.territoryId, status: 'reviewed' });
    const totals = await totalsByClaim(h.tdb.deps.db, reviewed.map((c) => c.id));
    const payable = reviewed.filter((c) => totals.get(c.id)!.approved.count > 0).map((c) => c.id);
    expect(payable.length).toBeGreaterThan(0);
    const order = await createPaymentOrder(h.tdb.deps, finance, { claimIds: payable });
    await releasePaymentOrder(h.tdb.deps, validation, { orderId: order.id });
    const numbers = order.statements.map((s) => s.number);

    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-data-confirmation');
    await signIn(page, 'finance@demo.passnum.fr');
    await page.goto(`/finance/paiements/${order.id}`);
    await waitForHeading(page, /^Ordre de paiement du /);
    await page.getByRole('heading', { name: 'Importer la confirmation de paiement' }).waitFor();
    await expectNoAxeViolation(page, 'payment order, released');

    // One unknown statement: nothing is recorded, each bad line is explained.
    const label = 'Fichier de confirmation de paiement (CSV)';
    const wrong = tempFile('confirmation-fausse.csv', `bordereau;date_paiement;reference\n${numbers[0]};10/03/2026;VIR-1\n2020-999999;10/03/2026;VIR-2\n`);
    await tabTo(page, page.getByLabel(label));
    await page.getByLabel(label).setInputFiles(wrong);
    await press(page, 'Importer la confirmation');
    await page.getByRole('heading', { name: 'Le fichier n’a pas été importé' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Le fichier n’a pas été importé');
    const errors = page.getByRole('table', { name: 'Les lignes en erreur' });
    await errors.getByRole('row').filter({ hasText: '« 2020-999999 » ne fait pas partie de cet ordre de paiement' }).getByRole('cell', { name: '3', exact: true }).waitFor();
    await expectNoAxeViolation(page, 'payment order, refused confirmation');
    await page.getByText('Pas encore payé').first().waitFor();

    const good = tempFile('confirmation.csv', `bordereau;date_paiement;reference\n${numbers.map((n, i) => `${n};10/03/2026;VIR-2026-${i + 1}`).join('\n')}\n`);
    await page.getByLabel(label).setInputFiles(good);
    await press(page, 'Importer la confirmation');
    const done = `Confirmation importée : ${numbers.length} bordereau${numbers.length > 1 ? 'x' : ''} payé${numbers.length > 1 ? 's' : ''}`;
    await page.getByRole('heading', { name: done }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(done);
    await page.getByRole('table', { name: 'Bordereaux payés par ce fichier' }).getByRole('row').filter({ hasText: 'VIR-2026-1' }).waitFor();
    // The order itself is now paid, each statement with its date and reference.
    await page.locator('.recap').getByText('Payé', { exact: false }).first().waitFor();
    await page.getByRole('table', { name: /bordereau/ }).first().getByText(/le 10 mars 2026 \(réf\. VIR-2026-1\)/).waitFor();
    expect(await page.getByText('Pas encore payé').count()).toBe(0);
    await expectNoAxeViolation(page, 'payment order, paid by confirmation');
  }, 120_000);

  it('shows the people who refused reminders on the messages screen, searchable, and the letters to print', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-data-opt-outs');
    await signIn(page, 'admin@demo.passnum.fr');
    await press(page, 'Messages', 'link');
    await waitForHeading(page, 'Messages envoyés');
    await page.getByRole('button', { name: 'Préparer les courriers en attente (PDF à imprimer)' }).waitFor();
    await page.getByRole('heading', { name: 'Personnes qui ne veulent plus de rappels' }).waitFor();
    // The demo has one person who said stop after the 2022 SMS.
    const table = page.getByRole('table', { name: /Personnes qui ne veulent plus de rappels/ });
    const first = table.getByRole('rowheader').first();
    await first.waitFor();
    const name = (await first.innerText()).trim();
    await page.getByText(/^1 personne\.$/).waitFor();
    await expectNoAxeViolation(page, 'messages with the opt-out list');

    await tabTo(page, page.getByLabel('Nom ou prénom'));
    await page.keyboard.type('personne-inconnue');
    await page.keyboard.press('Enter');
    await page.getByText('Personne ne correspond à « personne-inconnue ».').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Personne ne correspond à « personne-inconnue ».');
    await tabTo(page, page.getByLabel('Nom ou prénom'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name.split(' ')[0].toUpperCase());
    await press(page, 'Rechercher');
    await table.getByRole('rowheader', { name }).waitFor();
    await page.getByText(/^1 personne pour « /).waitFor();
    await expectNoAxeViolation(page, 'opt-out list, searched');
  }, 120_000);
});
