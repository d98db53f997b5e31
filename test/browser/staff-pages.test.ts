import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DESKTOP, heading, normalise, screenshot, signIn, startHarness, type Harness } from './harness.ts';
import { expectNoAxeViolation, issueBookletThroughApi, waitForHeading } from './staff-helpers.ts';

// The structure manager's, admin's and finance's screens: each page passes axe (WCAG 2.1 A/AA)
// with its title and h1, a screenshot is kept, and each screen's main action works.

type Role = 'gestionnaire' | 'admin' | 'finance' | 'auditeur' | 'agent.lens';
const PAGES: Record<Role, { path: string; h1: string | RegExp; name: string }[]> = {
  gestionnaire: [
    { path: '/structure/remboursements', h1: 'Remboursements', name: 'remboursements' },
    { path: '/structure/seances', h1: 'Séances', name: 'seances' },
    { path: '/structure/profil', h1: 'Ma structure', name: 'profil' },
    { path: '/structure/lieux', h1: 'Lieux et horaires', name: 'lieux' },
    { path: '/structure/equipe', h1: 'Équipe et accès', name: 'equipe' },
    { path: '/structure/banque', h1: 'Coordonnées bancaires', name: 'banque' },
    { path: '/mediateur/scanner', h1: 'Scanner un pass', name: 'scanner' },
    { path: '/tableaux-de-bord', h1: 'Tableaux de bord', name: 'tableaux-de-bord' },
  ],
  admin: [
    { path: '/admin/campagnes', h1: 'Campagnes', name: 'campagnes' },
    { path: '/admin/campagnes/nouvelle', h1: 'Nouvelle campagne', name: 'nouvelle-campagne' },
    { path: '/admin/structures', h1: 'Structures et habilitations', name: 'structures' },
    { path: '/admin/comptes', h1: 'Comptes', name: 'comptes' },
    { path: '/admin/stock', h1: 'Lots et stock de carnets', name: 'stock' },
    { path: '/admin/blocage', h1: 'Bloquer un ticket ou un carnet', name: 'blocage' },
    { path: '/finance/grand-livre', h1: 'Grand livre', name: 'grand-livre-admin' },
    { path: '/tableaux-de-bord', h1: 'Tableaux de bord', name: 'tableaux-de-bord' },
    { path: '/personnes-a-appeler', h1: 'Personnes à appeler', name: 'personnes-a-appeler' },
    { path: '/demandes-rgpd', h1: 'Demandes RGPD', name: 'demandes-rgpd' },
  ],
  finance: [
    { path: '/finance/demandes', h1: 'Demandes à examiner', name: 'demandes' },
    { path: '/finance/paiements', h1: 'Paiements', name: 'paiements' },
    { path: '/finance/coordonnees-bancaires', h1: 'Coordonnées bancaires à vérifier', name: 'rib' },
    { path: '/finance/grand-livre', h1: 'Grand livre', name: 'grand-livre' },
    { path: '/tableaux-de-bord', h1: 'Tableaux de bord', name: 'tableaux-de-bord' },
  ],
  auditeur: [
    { path: '/tableaux-de-bord', h1: 'Tableaux de bord', name: 'tableaux-de-bord' },
    { path: '/finance/grand-livre', h1: 'Grand livre', name: 'grand-livre' },
  ],
  'agent.lens': [
    { path: '/tableaux-de-bord', h1: 'Tableaux de bord', name: 'tableaux-de-bord' },
    { path: '/personnes-a-appeler', h1: 'Personnes à appeler', name: 'personnes-a-appeler' },
    { path: '/demandes-rgpd', h1: 'Demandes RGPD', name: 'demandes-rgpd' },
  ],
};

async function visit(page: Page, p: { path: string; h1: string | RegExp; name: string }, prefix: string) {
  await page.goto(p.path);
  const h1 = await heading(page);
  if (typeof p.h1 === 'string') expect(h1, p.path).toBe(p.h1);
  else expect(h1, p.path).toMatch(p.h1);
  await expect.poll(async () => normalise(await page.title())).toBe(`${h1} — passnum`);
  // Data loaded: no "Chargement…" left.
  await expect.poll(() => page.locator('main .chargement').count(), { timeout: 20_000 }).toBe(0);
  await expectNoAxeViolation(page, p.path);
  await screenshot(page, `${prefix}-${p.name}`);
}

describe(`staff screens in a browser (${dialectName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  const pageFor = async (email: string, downloads = false) => {
    const page = await h.newPage(DESKTOP, { acceptDownloads: downloads });
    page.setDefaultTimeout(30_000);
    await signIn(page, email);
    return page;
  };

  it('structure manager: every page passes axe; a token is shown once then revoked; a session is published', async () => {
    const page = await pageFor('gestionnaire@demo.passnum.fr');
    for (const p of PAGES.gestionnaire) await visit(page, p, 'gestionnaire');
    // A structure's dashboard: its people and money, not the mairies' booklets.
    await page.getByRole('heading', { level: 2, name: 'Personnes formées' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Carnets remis et utilisés' }).count()).toBe(0);
    // Opened on the current campaign.
    expect(await page.getByText('Ce que couvrent ces chiffres : Votre structure — Pass numérique 2026.').count()).toBe(1);
    // A claim of the demo's history, with its lines.
    await page.goto('/structure/remboursements');
    await page.getByRole('link', { name: /^Voir la demande de / }).first().click();
    await waitForHeading(page, /^Demande de /);
    await page.getByRole('region', { name: /dans cette demande/ }).waitFor();
    await expectNoAxeViolation(page, 'claim detail');
    await screenshot(page, 'gestionnaire-demande');

    // Bank details verified by finance in the demo: no warning.
    await page.goto('/structure/banque');
    await page.getByText('Vérifiées', { exact: false }).first().waitFor();
    expect(await page.getByText('En attente de vérification').count()).toBe(0);

    // API token: shown once, then revoked.
    await page.goto('/structure/equipe');
    await page.getByLabel('Nom du jeton').fill('Logiciel d’accueil');
    await page.getByLabel('Durée de validité').selectOption('90');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    const token = page.locator('.jeton');
    await token.waitFor();
    expect((await token.innerText()).length).toBeGreaterThan(20);
    // Its expiry, three months on, is said when it is shown and in the list.
    await page.getByText(/^Il expire le /).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Expire' }).count()).toBe(1);
    await expectNoAxeViolation(page, 'token created');
    await page.getByRole('button', { name: 'Révoquer le jeton Logiciel d’accueil' }).click();
    await page.getByRole('button', { name: 'Confirmer la révocation du jeton Logiciel d’accueil' }).click();
    await page.getByText(/Révoqué le/).waitFor();
    await page.reload();
    await heading(page);
    await page.getByText(/Révoqué le/).waitFor();
    expect(await page.locator('.jeton').count()).toBe(0);

    // A password link for the mediator, e-mailed to them (never shown here).
    await page.getByRole('button', { name: 'Envoyer un lien de mot de passe à Medhi Médiateur (démo)' }).click();
    await page.getByText(/Le lien a été envoyé par e-mail à l’adresse m•••@demo\.passnum\.fr/).waitFor();

    // A session published in the calendar.
    await page.goto('/structure/seances');
    await page.getByLabel('Titre').fill('Atelier messagerie (test)');
    await page.getByLabel('Thème').fill('Envoyer un e-mail');
    await page.getByLabel('Date').fill('2030-04-02');
    await page.getByLabel('Heure de début').fill('14:30');
    await page.getByRole('button', { name: 'Publier la séance' }).click();
    await page.getByText(/La séance « Atelier messagerie \(test\) » du 2 avril 2030 est publiée/).waitFor();
    await page.getByRole('heading', { level: 4, name: '14 h 30 — Atelier messagerie (test)' }).waitFor();
    await expectNoAxeViolation(page, 'session published');
  }, 240_000);

  it('admin: every page passes axe; a draft campaign is created; an account gets a link; a print batch is ordered; a booklet is blocked', async () => {
    const page = await pageFor('admin@demo.passnum.fr', true);
    for (const p of PAGES.admin) await visit(page, p, 'admin');

    // Who to call: the demo's people with sleeping booklets are listed with their contact.
    await page.goto('/personnes-a-appeler');
    await heading(page);
    await expect.poll(() => page.locator('table:has(#table-expirent) tbody tr, table:has(#table-dorment) tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // New campaign: the missing budget is reported on its field, then the draft is created.
    await page.goto('/admin/campagnes/nouvelle');
    await heading(page);
    await page.getByLabel('Millésime').fill('2031');
    await page.getByLabel('Nom de la campagne').fill('Pass numérique 2031 (test)');
    await page.getByLabel('Début de la distribution').fill('2031-01-01');
    await page.getByLabel('Fin de la distribution').fill('2031-12-31');
    await page.getByLabel('Fin de validité des tickets (incluse)').fill('2032-01-31');
    await page.getByLabel('Date limite des demandes de remboursement').fill('2032-03-31');
    await page.getByRole('button', { name: 'Créer la campagne en brouillon' }).click();
    await page.locator('.resume-erreurs').getByRole('link', { name: /budget/ }).waitFor();
    await expectNoAxeViolation(page, 'campaign errors');
    await page.getByLabel('Budget (€)').fill('120 000');
    await page.getByRole('button', { name: 'Créer la campagne en brouillon' }).click();
    await waitForHeading(page, 'Pass numérique 2031 (test)');
    await page.getByText('La campagne a été créée en brouillon.').waitFor();
    await page.getByRole('region', { name: 'Quotas de carnets par commune' }).waitFor();
    await page.getByLabel('Quota de Lens', { exact: true }).fill('25');
    await page.getByRole('button', { name: 'Enregistrer le quota de Lens' }).click();
    await expect.poll(async () => normalise(await page.getByRole('row', { name: /^Lens \d/ }).innerText())).toMatch(/^Lens \d+ 0 25/);
    await expectNoAxeViolation(page, 'campaign detail');
    await screenshot(page, 'admin-campagne-brouillon');

    // An account, and its one-time password link.
    await page.goto('/admin/comptes');
    await heading(page);
    await page.getByLabel('Prénom et nom').fill('Inès Agent (test)');
    await page.getByLabel('Adresse e-mail').fill('ines.agent@test.passnum.fr');
    await page.getByLabel('Organisation').selectOption({ label: 'Mairie de Lens' });
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Compte créé pour Inès Agent (test).', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Envoyer un lien de mot de passe à Inès Agent (test)' }).click();
    await page.getByText(/Le lien a été envoyé par e-mail à l’adresse i•••@test\.passnum\.fr/).waitFor();
    await expectNoAxeViolation(page, 'account created');

    // A print batch for a commune, with its CSV manifest.
    await page.goto('/admin/stock');
    await heading(page);
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Avion' });
    await page.getByLabel('Nombre de carnets').fill('3');
    await page.getByRole('button', { name: 'Commander le lot' }).click();
    await page.getByText(/^Lot de 3 carnets pour Avion/).waitFor();
    const [manifest] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Manifeste du lot (CSV)' }).click()]);
    const csv = readFileSync((await manifest.path())!, 'utf8');
    expect(csv.trim().split('\n').length).toBe(4);
    await expectNoAxeViolation(page, 'batch ordered');

    // Blocking a booklet: its tickets are refused to the mediator.
    const issued = await issueBookletThroughApi(h, { firstName: 'Bruno', birthName: 'Fraude', birthDate: '1970-01-01' });
    await page.goto('/admin/blocage');
    await heading(page);
    await page.getByLabel('Numéro du carnet').fill(issued.serial);
    await page.getByLabel('Motif').fill('Carnet signalé volé (test).');
    await page.getByRole('button', { name: 'Bloquer' }).click();
    await page.getByText(/^5 tickets bloqués/).waitFor();
    const mediator = await login(h.app, 'mediateur@demo.passnum.fr');
    const check = (await mediator.get(`/api/tickets/${issued.codes[0]}`)).json();
    expect(check).toMatchObject({ status: 'blocked', usable: false });
  }, 240_000);

  it('auditor and agent: dashboards (territory, then the mairie only) pass axe; the funnel filters by campaign', async () => {
    for (const who of ['auditeur', 'agent.lens'] as const) {
      const page = await pageFor(`${who}@demo.passnum.fr`);
      for (const p of PAGES[who]) await visit(page, p, who);
    }
    const agent = await pageFor('agent.lens@demo.passnum.fr');
    await agent.goto('/tableaux-de-bord');
    // The dashboards open on the current campaign; every campaign is one choice away.
    await agent.getByText('Ce que couvrent ces chiffres : Mairie de Lens — Pass numérique 2026.').waitFor();
    await agent.getByRole('heading', { level: 2, name: 'Carnets remis et utilisés' }).waitFor();
    await agent.getByLabel('Campagne', { exact: true }).selectOption({ label: 'Toutes les campagnes' });
    await agent.getByRole('button', { name: 'Afficher' }).click();
    await agent.getByText('Ce que couvrent ces chiffres : Mairie de Lens.').waitFor();
    await agent.getByRole('heading', { level: 2, name: 'Carnets remis et utilisés' }).waitFor();
    await expectNoAxeViolation(agent, 'agent dashboard filtered');
  }, 240_000);

  it('finance: every page passes axe, with a claim to review and a payment order', async () => {
    const page = await pageFor('finance@demo.passnum.fr');
    for (const p of PAGES.finance) await visit(page, p, 'finance');
    await page.goto('/finance/demandes');
    await heading(page);
    await page.getByLabel('Afficher les demandes').selectOption('reviewed');
    await page.getByRole('link', { name: /^Voir la demande de / }).first().click();
    await waitForHeading(page, /^Demande de .+ — /);
    await page.getByRole('region', { name: /lignes?$/ }).waitFor();
    await expectNoAxeViolation(page, 'reviewed claim');
    await screenshot(page, 'finance-demande');
    await page.goto('/finance/paiements');
    await heading(page);
    await page.getByRole('link', { name: /^Voir l’ordre/ }).first().click();
    await waitForHeading(page, /^Ordre de paiement du /);
    await page.getByRole('region', { name: /bordereaux?$/ }).waitFor();
    await expectNoAxeViolation(page, 'payment order');
    await screenshot(page, 'finance-ordre');
  }, 240_000);
});
