import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo, waitForHeading } from './staff-helpers.ts';

// Issue 21, points 4 and 9, keyboard only: the admin changes a mediator into a structure manager
// from the accounts screen, and keeps the register of personal-data requests (record, deadline, answer).

async function press(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
  await tabTo(page, page.getByRole(role, { name, exact: typeof name === 'string' }));
  await page.keyboard.press('Enter');
}

describe(`the admin changes a role and keeps the personal-data requests register (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('records a personal-data request, sees its deadline and answers it; late ones say so in words', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-rgpd');
    const k = page.keyboard;
    await signIn(page, 'admin@demo.passnum.fr');
    await press(page, 'Demandes RGPD', 'link');
    await waitForHeading(page, 'Demandes RGPD');
    // The demo's two requests: one late (flagged in text), one due within days.
    await page.locator('.avis__titre').filter({ hasText: /^\d+ demandes? en retard/ }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Accès : copie de ses données' }).getByText(/En retard de \d+ jours/).waitFor();
    await page.getByRole('row').filter({ hasText: 'Rectification' }).getByText(/Plus que \d+ jours?|Dernier jour aujourd’hui/).waitFor();
    await expectNoAxeViolation(page, 'requests register');

    await tabTo(page, page.getByLabel('Nom de la personne'));
    await k.type('Gérard Martin');
    // A radio group is one Tab stop; the arrows choose within it.
    await tabTo(page, page.getByRole('radio', { name: 'Accès : copie de ses données' }));
    await k.press('ArrowDown');
    await k.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Effacement' }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole('radio', { name: 'Au guichet' }));
    await k.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Par courrier' }).isChecked()).toBe(true);
    await press(page, 'Enregistrer la demande');
    await page.getByText('Demande de Gérard Martin enregistrée : à traiter avant le 15 avril 2026.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Gérard Martin' });
    await row.getByText('à traiter avant le 15 avril 2026').waitFor();
    await row.getByText('Nom tel qu’écrit : personne non retrouvée').waitFor();

    await press(page, 'Répondre à la demande de Gérard Martin');
    const heading = page.getByRole('heading', { name: 'Répondre à la demande de Gérard Martin' });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoAxeViolation(page, 'answer form');
    await press(page, 'Enregistrer la réponse');
    await page.getByText('Demande de Gérard Martin répondue le 15 mars 2026.').waitFor();
    await row.waitFor({ state: 'detached' });
    const stored = await h.tdb.deps.db.selectFrom('personal_data_requests').select(['status', 'answered_on']).where('requester_name', '=', 'Gérard Martin').executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'answered', answered_on: '2026-03-15' });
    await expectNoAxeViolation(page, 'register after the answer');
    await page.context().close();
  }, 240_000);

  it('from the person’s page, handing over the copy answers her access request in the register', async () => {
    const request = await h.tdb.deps.db.selectFrom('personal_data_requests').select(['id', 'beneficiary_id']).where('kind', '=', 'access').where('status', '=', 'open').executeTakeFirstOrThrow();
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'agent-rgpd');
    await signIn(page, 'agent.lens@demo.passnum.fr');
    await page.goto(`/agent/beneficiaires/${request.beneficiary_id}`);
    await page.getByRole('heading', { name: 'Ses demandes en cours' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Accès : copie de ses données' }).getByText(/En retard de \d+ jours/).waitFor();
    await expectNoAxeViolation(page, 'person page with a late request');
    const download = page.waitForEvent('download');
    await press(page, 'Télécharger la copie de ses données (PDF)', 'link');
    await download;
    await page.getByText('Copie remise : la demande d’accès est enregistrée comme répondue.').waitFor();
    const row = await h.tdb.deps.db.selectFrom('personal_data_requests').select(['status', 'closing_note']).where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'answered', closing_note: 'Copie remise' });
    await page.context().close();
  }, 240_000);

  it('changes a mediator into a structure manager from the accounts screen', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-roles');
    await signIn(page, 'admin@demo.passnum.fr');
    await press(page, 'Comptes', 'link');
    await waitForHeading(page, 'Comptes');
    // Only what works is offered: no role change on a finance officer's account.
    const financeRow = page.getByRole('row').filter({ hasText: 'finance@demo.passnum.fr' });
    expect(await financeRow.getByRole('button', { name: /Changer le rôle/ }).count()).toBe(0);
    await press(page, 'Changer le rôle de Nora Médiatrice (démo)');
    const select = page.getByLabel('Nouveau rôle de Nora Médiatrice (démo)');
    await select.waitFor();
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    const options = await select.locator('option').allTextContents();
    expect(options).toEqual(['Responsable de structure', 'Consultation (audit)']);
    await expectNoAxeViolation(page, 'role change form');
    await press(page, 'Enregistrer le rôle');
    await page.getByText(/Nora Médiatrice \(démo\) a maintenant le rôle « Responsable de structure »/).waitFor();
    await page.getByRole('row').filter({ hasText: 'mediateur.nonhabilite@demo.passnum.fr' }).getByText('Responsable de structure').waitFor();
    const row = await h.tdb.deps.db.selectFrom('users').select(['role', 'structure_id']).where('email', '=', 'mediateur.nonhabilite@demo.passnum.fr').executeTakeFirstOrThrow();
    expect(row.role).toBe('structure_manager');
    expect(row.structure_id).not.toBeNull();
    await expectNoAxeViolation(page, 'accounts after the change');
    await page.context().close();
  }, 240_000);
});
