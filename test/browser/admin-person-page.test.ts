import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, screenshotOnFailure, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, tabTo, waitForHeading } from './staff-helpers.ts';

// The mairie agent helps a returning resident from her page, keyboard only: found from « Mes
// bénéficiaires », booklet reprinted with the same codes, declared lost and replaced, another
// session booked, contact and consent changed with boxes that are never ticked in advance.

const SESSION_TITLE = 'Démarches CAF en ligne (test de la fiche)';

describe(`the agent's page of a person (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const manager = await login(h.app, 'gestionnaire@demo.passnum.fr');
    const me = (await manager.get('/api/me')).json() as { structure: { id: string } };
    const sites = (await manager.get(`/api/structures/${me.structure.id}/sites`)).json() as { id: string }[];
    const created = await manager.post('/api/training-sessions', {
      siteId: sites[0].id, title: SESSION_TITLE, theme: 'Faire ses démarches administratives', format: 'collectif',
      startsAt: '2026-03-26T13:30:00.000Z', durationMinutes: 120, capacity: 8,
    });
    expect(created.statusCode, created.body).toBe(201);
  }, 180_000);
  afterAll(async () => h?.close());

  it('reprints, replaces a lost booklet, books a session and records the consent, keyboard only', async () => {
    const page = await h.newPage(DESKTOP, { acceptDownloads: true });
    screenshotOnFailure(page, 'agent-person-page');
    const k = page.keyboard;
    await signIn(page, 'agent.lens@demo.passnum.fr');
    await page.goto('/agent/beneficiaires');
    await waitForHeading(page, 'Mes bénéficiaires');
    await tabTo(page, page.getByLabel('Nom ou prénom'));
    await k.type('Cherif');
    await k.press('Enter');
    const link = page.getByRole('link', { name: 'Yasmine Cherif' });
    await link.waitFor();
    await tabTo(page, link);
    await k.press('Enter');
    await waitForHeading(page, 'Yasmine Cherif');
    await page.getByText(/^À faire pour cette personne/).waitFor();
    await expectNoAxeViolation(page, 'person page');
    // Diagnostics side by side, and the follow-up reached from here.
    await page.getByRole('heading', { level: 3, name: 'Premier diagnostic' }).waitFor();
    expect(await page.getByRole('link', { name: 'Diagnostic de suivi' }).count()).toBe(1);

    // Reprint: the same codes, and the print is recorded.
    const reprint = page.getByRole('link', { name: /^Réimprimer le carnet n° \S+ \(mêmes codes\)$/ });
    const serial = (await reprint.textContent())!.match(/n° (\S+)/)![1];
    await tabTo(page, reprint);
    const [download] = await Promise.all([page.waitForEvent('download'), k.press('Enter')]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await h.tdb.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'booklet.printed').execute();
    expect(printed.some((r) => r.details.includes(serial))).toBe(true);

    // Lost: the unused tickets are blocked and a replacement carries them over.
    await tabTo(page, page.getByRole('button', { name: `Déclarer le carnet n° ${serial} perdu` }));
    await k.press('Enter');
    await tabTo(page, page.getByLabel('Ce qui est arrivé'));
    await k.type('Perdu lors d’un déménagement');
    await expectNoAxeViolation(page, 'lost booklet form');
    await tabTo(page, page.getByRole('button', { name: `Bloquer le carnet n° ${serial} et remettre le remplacement` }));
    await k.press('Enter');
    const done = page.locator('.avis__titre').filter({ hasText: /Carnet de remplacement n° \S+ remis/ });
    await done.waitFor();
    const replacement = (await done.textContent())!.match(/n° (\S+)/)![1];
    expect(replacement).not.toBe(serial);
    await page.getByRole('heading', { level: 3, name: new RegExp(`Carnet n° ${replacement}`) }).waitFor();
    const old = await h.tdb.deps.db.selectFrom('booklets').select('status').where('serial', '=', serial).executeTakeFirstOrThrow();
    expect(old.status).toBe('replaced');
    await expectNoAxeViolation(page, 'after replacement');

    // Another session.
    await tabTo(page, page.getByRole('button', { name: 'Réserver une autre séance' }));
    await k.press('Enter');
    const choice = page.getByRole('radio', { name: new RegExp(SESSION_TITLE.replace(/[()]/g, '\\$&')) });
    await choice.waitFor();
    // A radio group is one Tab stop; the arrows move inside it (and tick the radio).
    await tabTo(page, page.getByRole('radio').first());
    for (let i = 0; i < 8 && !(await choice.isChecked()); i++) await k.press('ArrowDown');
    expect(await choice.isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Réserver cette séance' }));
    await k.press('Enter');
    await page.locator('.avis__titre').filter({ hasText: 'Séance réservée' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: SESSION_TITLE }).first().waitFor();

    // Contact and consent: one box per channel, none ticked in advance.
    await tabTo(page, page.getByRole('button', { name: 'Changer le contact ou l’accord aux rappels' }));
    await k.press('Enter');
    await tabTo(page, page.getByLabel('Adresse e-mail'));
    await k.type('yasmine.cherif@example.org');
    const boxes = page.getByRole('checkbox', { name: /J’accepte de recevoir/ });
    expect(await boxes.count()).toBe(2);
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
    await tabTo(page, page.getByRole('checkbox', { name: /par e-mail/ }));
    await k.press('Space');
    await expectNoAxeViolation(page, 'contact form');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer le contact et l’accord' }));
    await k.press('Enter');
    await page.locator('.avis__titre').filter({ hasText: 'Contact et accord enregistrés' }).waitFor();
    expect(await page.getByText('Rappels acceptés par e-mail.').count()).toBeGreaterThan(0);
    await page.context().close();
  }, 180_000);
});
