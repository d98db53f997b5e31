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
