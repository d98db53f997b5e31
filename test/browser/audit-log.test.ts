import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from '../../src/domain/audit-labels.ts';
import { SECURITY_ACTION_LABELS } from '../../src/domain/security-labels.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, heading, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation } from './staff-helpers.ts';

// Issue 21, point 5: the administrator (and the auditor) read the audit log, filter it, page
// through it and verify the chain from the screen, keyboard only; no internal code shows.

describe(`audit log screen in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('admin: filters by action and dates, pages, verifies the chain, keyboard only, axe clean, French words only', async () => {
    const page = await h.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'admin@demo.passnum.fr');
    await page.goto('/admin/journal');
    expect(await heading(page)).toBe('Journal d’audit');
    await page.locator('#titre-journal').waitFor();
    await expectNoAxeViolation(page, '/admin/journal');
    const text = await page.locator('main').innerText();
    for (const code of Object.keys(AUDIT_ACTION_LABELS)) expect(text, code).not.toContain(code);
    expect(text).toContain('Carnet remis');

    // Next page, by keyboard.
    const caption = () => page.locator('#titre-journal').innerText();
    expect(await caption()).toMatch(/page 1 sur \d+/);
    await page.getByRole('button', { name: 'Entrées plus anciennes' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(caption).toMatch(/page 2 sur/);

    // Filter: the sign-ins (recorded by the system, on the account), typed and chosen with the keyboard, sent with Enter.
    await page.getByLabel('Qui').focus();
    await page.keyboard.type('SYSTÈME');
    await page.getByLabel('Action').focus();
    await page.getByLabel('Action').selectOption({ label: 'Connexion' });
    const rows = page.locator('table:has(#titre-journal) tbody tr');
    await page.getByLabel('Qui').focus();
    await page.keyboard.press('Enter');
    await expect.poll(caption).toMatch(/^\d+ entrées?, les plus récentes d’abord — page 1 sur 1$/);
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[2]).toBe('système');
      expect(cells[3]).toBe('Connexion');
      expect(cells[4]).toMatch(/^Compte /);
    }
    // A date range before the programme: nothing.
    await page.locator('#filtre-du').fill('2001-01-01');
    await page.locator('#filtre-au').fill('2001-01-31');
    await page.getByRole('button', { name: 'Rechercher' }).press('Enter');
    await page.getByText('Aucune entrée ne correspond à ces filtres.').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).press('Enter');
    await page.locator('#titre-journal').waitFor();

    // Verification on demand.
    await page.getByRole('button', { name: 'Vérifier le journal maintenant' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Journal intact : [\d\s ]+ entrées vérifiées en [\d,]+ s/).waitFor();
    await expectNoAxeViolation(page, 'verified');
    await screenshot(page, 'admin-journal-audit');

    // The security log: this very sign-in is there, in French words, and filters by action.
    await page.goto('/admin/securite');
    expect(await heading(page)).toBe('Journal de sécurité');
    await page.getByRole('cell', { name: 'Connexion réussie' }).first().waitFor();
    const security = await page.locator('main table').innerText();
    for (const code of Object.keys(SECURITY_ACTION_LABELS)) expect(security, code).not.toContain(code);
    await expectNoAxeViolation(page, '/admin/securite');
    const show = async (label: string) => {
      await page.getByLabel('Action').selectOption({ label });
      await page.getByRole('button', { name: 'Afficher' }).press('Enter');
    };
    await show('Déconnexion'); // nobody has signed out yet
    await page.getByText('Aucune ligne pour cette action.').waitFor();
    await show('Connexion réussie');
    await page.locator('#titre-securite').filter({ hasText: ': Connexion réussie' }).waitFor();
  }, 240_000);

  it('auditor: reads the log; others are refused', async () => {
    const page = await h.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'auditeur@demo.passnum.fr');
    await page.goto('/admin/journal');
    expect(await heading(page)).toBe('Journal d’audit');
    await page.locator('#titre-journal').waitFor();
    await expectNoAxeViolation(page, '/admin/journal (auditeur)');
    const res = await page.request.get('/api/audit');
    expect(res.status()).toBe(200);
    const finance = await h.newPage(DESKTOP);
    await signIn(finance, 'finance@demo.passnum.fr');
    expect((await finance.request.get('/api/audit')).status()).toBe(403);
  }, 120_000);
});
