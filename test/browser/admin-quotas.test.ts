import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo, waitForHeading } from './staff-helpers.ts';

// The admin prepares next year's campaign with weighted quotas, keyboard only: the campaign
// created as a draft, the figure of each commune imported from a CSV by INSEE code with a
// report line by line, the weighted part set, the quotas recomputed.

describe(`weighted quotas imported from a CSV (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('creates a campaign, imports the figures with a per-line report and recomputes the quotas', async () => {
    const page = await h.newPage(DESKTOP);
    screenshotOnFailure(page, 'admin-quotas');
    const k = page.keyboard;
    await signIn(page, 'admin@demo.passnum.fr');
    await page.goto('/admin/campagnes');
    await tabTo(page, page.getByRole('link', { name: /Nouvelle campagne|Créer une campagne/ }));
    await k.press('Enter');
    await tabTo(page, page.getByLabel('Nom de la campagne'));
    await k.press('Control+A');
    await k.type('Pass numérique — campagne d’essai');
    await tabTo(page, page.getByLabel('Budget (€)'));
    await k.type('50000');
    await tabTo(page, page.getByRole('button', { name: 'Créer la campagne en brouillon' }));
    await k.press('Enter');
    await waitForHeading(page, 'Pass numérique — campagne d’essai');
    await page.getByRole('heading', { name: 'Part pondérée : le chiffre de chaque commune' }).waitFor();
    await expectNoAxeViolation(page, 'campaign page with the weighted part');

    const file = path.join(tmpdir(), `passnum-qpv-${process.pid}.csv`);
    writeFileSync(file, 'code_insee;population_qpv\n62498;12000\n62510;8000\n62300;450\n');
    const input = page.getByLabel('Fichier CSV des chiffres par commune');
    await tabTo(page, input);
    // The operating system's file dialog is outside the page: the file is given to the focused input.
    await input.setInputFiles(file);
    await tabTo(page, page.getByRole('button', { name: 'Importer le fichier' }));
    await k.press('Enter');
    const title = page.locator('.avis__titre').filter({ hasText: /2 lignes prises en compte, 1 refusée/ });
    await title.waitFor();
    await page.getByRole('cell', { name: /Refusée : .*62300/ }).waitFor();
    await expectNoAxeViolation(page, 'import report');

    await tabTo(page, page.getByLabel('Carnets répartis selon le chiffre (part pondérée)'));
    await k.press('Control+A');
    await k.type('100');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer les chiffres et recalculer les quotas' }));
    await k.press('Enter');
    await page.getByText(/plus 100 répartis selon les critères sociaux/).waitFor();
    const lens = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Lens', exact: true }).or(page.getByRole('rowheader', { name: 'Lens', exact: true })) }).last();
    expect(await lens.innerText()).toContain('12000');
    const campaign = await h.tdb.deps.db.selectFrom('campaigns').select('id').where('name', '=', 'Pass numérique — campagne d’essai').executeTakeFirstOrThrow();
    const quota = await h.tdb.deps.db.selectFrom('commune_quotas').select(['quota', 'weight']).where('campaign_id', '=', campaign.id).where('commune_insee', '=', '62498').executeTakeFirstOrThrow();
    expect(quota).toEqual({ quota: 10 + 60, weight: 12000 });

    // The report is still there when the admin comes back to the page.
    await page.reload();
    await title.waitFor();
    await page.context().close();
  }, 240_000);
});
