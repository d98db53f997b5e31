import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import type { Actor } from '../src/domain/actor.ts';
import { MANDATS_HEADER } from '../src/exports/mandats-csv.ts';
import { assembleStructureClaims } from '../src/usecases/reimbursement/assemble-claims.ts';
import { getClaimFor } from '../src/usecases/reimbursement/list-claims.ts';
import { reviewClaim } from '../src/usecases/reimbursement/review-claim.ts';
import { submitClaim } from '../src/usecases/reimbursement/submit-claim.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, givenMoney } from './helpers/given-money.ts';
import { pdfToText } from './helpers/pdf-text.ts';

// Paying through the public accountant (issue #17, point 5): the territory's payment mode, each
// campaign's budget year and imputation, the mandats file of a released order (every field the
// issue lists, read back as a French spreadsheet reads it), the statement PDF as its supporting
// document, no SEPA file in mandat mode, and the order marked paid from the treasury's confirmation.

describe(`mandats via the comptable public (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let finance: Client;
  let validation: Client;
  let manager: Client;
  let financeActor: Actor;
  let campaignA: CampaignTable;
  let campaignB: CampaignTable;
  let association: { id: string; siteId: string };
  let commune: { id: string; siteId: string };
  const claimIds: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-06-01T08:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    const m = givenMoney(tdb.deps);
    const territoryId = await g.territory();
    const organisationId = await g.organisation({ territoryId });
    campaignA = await g.campaign({ territoryId, name: 'Pass numérique 2026', year: 2026 });
    campaignB = await g.campaign({ territoryId, name: 'Pass numérique 2025', year: 2025, issuance_start: '2025-01-01', validity_end: '2026-12-31' });
    // A name starting with "=" must reach the spreadsheet as text, never as a formula.
    association = await g.structure({
      territoryId, accreditedFor: [campaignA.id, campaignB.id], name: '=Association Clic', siret: '75315985200015', legal_category: '9220',
    });
    commune = await g.structure({ territoryId, accreditedFor: [campaignA.id], name: 'Médiathèque de Lens', siret: '21620498200016', legal_category: '7210' });
    await m.verifiedBank(association.id);
    await m.verifiedBank(commune.id);
    const a = await g.user({ territoryId, role: 'admin' });
    const f = await g.user({ territoryId, role: 'finance' });
    const v = await g.user({ territoryId, role: 'finance' });
    const mgr = await g.user({ territoryId, role: 'structure_manager', structureId: association.id });
    financeActor = actorOf({ id: f.id, role: 'finance' }, territoryId);
    // The association redeems 3 tickets of 2026 (one will be rejected) and 2 of 2025; the commune 2 of 2026.
    const redeem = async (structure: { id: string; siteId: string }, campaign: CampaignTable, count: number) => {
      const booklet = await g.issuedBooklet({ campaign, organisationId });
      await m.redeem({ booklet, structure, count, at: '2026-05-12T10:00:00.000Z' });
    };
    await redeem(association, campaignA, 3);
    await redeem(association, campaignB, 2);
    await redeem(commune, campaignA, 2);
    for (const s of [association, commune]) {
      const owner = actorOf({ id: s.id === association.id ? mgr.id : `demo:${s.id}`, role: 'structure_manager' }, territoryId, s.id);
      for (const claimId of (await assembleStructureClaims(tdb.deps, owner, s.id)).claimIds) {
        await submitClaim(tdb.deps, owner, { claimId, attestation: true });
        const view = await getClaimFor(tdb.deps, financeActor, claimId);
        const reject = s.id === association.id && view.lines.length === 3 ? [{ lineId: view.lines[0].id, reason: 'Séance non justifiée' }] : [];
        await reviewClaim(tdb.deps, financeActor, { claimId, rejections: reject });
        claimIds.push(claimId);
      }
    }
    admin = await login(app, a.email);
    finance = await login(app, f.email);
    validation = await login(app, v.email);
    manager = await login(app, mgr.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  const campaignRow = (id: string) => tdb.deps.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a territory pays by mandats by default; only the admin changes it, refusals in French, changes audited', async () => {
    expect((await finance.get('/api/payment-settings')).json()).toMatchObject({
      mode: 'mandat', label: 'Mandats via le comptable public',
      choices: [{ value: 'mandat', label: 'Mandats via le comptable public' }, { value: 'sepa', label: 'Virement SEPA par l’opérateur' }],
    });
    const unknown = await admin.put('/api/payment-settings', { mode: 'cheque' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'validation_failed', details: { field: 'mode' } });
    expect(unknown.json().message).toMatch(/Le champ « mode » n’est pas valide/);
    expect((await finance.put('/api/payment-settings', { mode: 'sepa' })).statusCode).toBe(403);
    expect((await admin.put('/api/payment-settings', { mode: 'sepa' })).json()).toMatchObject({ mode: 'sepa' });
    expect((await admin.put('/api/payment-settings', { mode: 'mandat' })).json()).toMatchObject({ mode: 'mandat' });
    const audit = await tdb.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'territory.payment_mode_set').orderBy('seq').execute();
    expect(audit.map((r) => JSON.parse(r.details as string))).toEqual([{ from: 'mandat', to: 'sepa' }, { from: 'sepa', to: 'mandat' }]);
  });

  it('an imputation in the wrong format is refused in French (400), nothing stored; a budget year far from the campaign too (422)', async () => {
    const nature = await finance.put(`/api/campaigns/${campaignA.id}/imputation`, { budgetYear: 2026, nature: '2031', fonction: '312' });
    expect(nature.statusCode).toBe(400);
    expect(nature.json()).toMatchObject({ code: 'validation_failed', details: { field: 'nature' } });
    expect(nature.json().message).toMatch(/compte de charge de la classe 6/);
    const fonction = await finance.put(`/api/campaigns/${campaignA.id}/imputation`, { budgetYear: 2026, nature: '6574', fonction: 'ABC' });
    expect(fonction.statusCode).toBe(400);
    expect(fonction.json().message).toMatch(/La fonction doit comporter 1 à 4 chiffres/);
    const year = await finance.put(`/api/campaigns/${campaignA.id}/imputation`, { budgetYear: 2040, nature: '6574', fonction: '312' });
    expect(year.statusCode).toBe(422);
    expect(year.json().message).toMatch(/exercice budgétaire doit être compris entre 2026 et 2031/);
    expect((await manager.put(`/api/campaigns/${campaignA.id}/imputation`, { budgetYear: 2026, nature: '6574', fonction: '312' })).statusCode).toBe(403);
    expect(await campaignRow(campaignA.id)).toMatchObject({ budget_year: null, imputation_nature: null, imputation_fonction: null });
    const legal = await admin.patch(`/api/structures/${commune.id}`, { legalCategory: '72' });
    expect(legal.statusCode).toBe(400);
    expect(legal.json().message).toMatch(/catégorie juridique est le code INSEE à 4 chiffres/);
  });

  it('a released order gives the mandats file with every field, the statements as supporting documents, and no SEPA file', async () => {
    const created = await finance.post('/api/payment-orders', { claimIds, executionDate: '2026-06-03' });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({ paymentMode: 'mandat', paymentModeLabel: 'Mandats via le comptable public', totalCents: 6000 });
    expect((await finance.get(`/api/payment-orders/${order.id}/mandats.csv`)).json()).toMatchObject({ code: 'not_released' });
    expect((await validation.post(`/api/payment-orders/${order.id}/release`)).statusCode).toBe(200);

    // No imputation yet: refused, naming the campaigns and where to set them.
    const missing = await finance.get(`/api/payment-orders/${order.id}/mandats.csv`);
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({ code: 'imputation_missing' });
    expect(missing.json().message).toMatch(/« Pass numérique 2025 », « Pass numérique 2026 ».*page de la campagne/);
    const setA = await finance.put(`/api/campaigns/${campaignA.id}/imputation`, { budgetYear: 2026, nature: '6574', fonction: '312' });
    expect(setA.statusCode, setA.body).toBe(200);
    expect(setA.json().imputation).toEqual({ budgetYear: 2026, nature: '6574', fonction: '312' });
    expect((await admin.put(`/api/campaigns/${campaignB.id}/imputation`, { budgetYear: 2026, nature: '65748', fonction: '4' })).statusCode).toBe(200);
    expect((await tdb.deps.db.selectFrom('audit_log').select('target_id').where('action', '=', 'campaign.imputation_set').execute()).map((r) => r.target_id).sort())
      .toEqual([campaignA.id, campaignB.id].sort());

    // The SEPA file does not exist for an order paid by mandats; the structure gets neither file.
    const sepa = await finance.get(`/api/payment-orders/${order.id}/sepa.xml`);
    expect(sepa.statusCode).toBe(409);
    expect(sepa.json()).toMatchObject({ code: 'wrong_payment_mode' });
    expect(sepa.json().message).toMatch(/mandats via le comptable public.*pas de fichier de virements SEPA/);
    expect((await manager.get(`/api/payment-orders/${order.id}/mandats.csv`)).statusCode).toBe(403);

    const csv = await finance.get(`/api/payment-orders/${order.id}/mandats.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/mandats\.csv/);
    const raw = csv.rawPayload.toString('utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(raw.slice(1).split('\r\n')[0]).toBe(MANDATS_HEADER.join(';'));
    const rows = parse(raw.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    // One row per structure, statement and campaign: the association's statement pays two campaigns.
    expect(rows).toHaveLength(3);
    const statements = order.statements as { id: string; number: string; structure: { id: string } }[];
    const numberOf = (structureId: string) => statements.find((s) => s.structure.id === structureId)!.number;
    const common = {
      'Adresse': '1 rue de la Gare', 'Code postal': '62300', 'Date de l’ordre': '01/06/2026', 'BIC': 'BNPAFRPPXXX', 'Titulaire du compte': 'Association de test',
    };
    const byKey = (siret: string, campaign: string) => rows.find((r) => r['SIRET du créancier'] === siret && r['Campagne'] === campaign);
    expect(byKey('75315985200015', 'Pass numérique 2026')).toMatchObject({
      ...common,
      'N° de bordereau (pièce justificative)': numberOf(association.id),
      'Créancier': "'=Association Clic",
      'Catégorie juridique (code INSEE)': '9220',
      'Catégorie juridique': 'Association déclarée',
      'Montant (EUR)': '20,00',
      'Objet': `Pass numérique – remboursement des tickets – bordereau n° ${numberOf(association.id)}`,
      'Exercice budgétaire': '2026', 'Nature': '6574', 'Fonction': '312',
      'Nombre de tickets': '2',
      'Pièce justificative (fichier)': `bordereau-${numberOf(association.id)}.pdf`,
    });
    expect(byKey('75315985200015', 'Pass numérique 2025')).toMatchObject({
      'N° de bordereau (pièce justificative)': numberOf(association.id), 'Montant (EUR)': '20,00', 'Exercice budgétaire': '2026', 'Nature': '65748', 'Fonction': '4',
      'Nombre de tickets': '2',
    });
    expect(byKey('21620498200016', 'Pass numérique 2026')).toMatchObject({
      ...common, 'Créancier': 'Médiathèque de Lens', 'Catégorie juridique (code INSEE)': '7210', 'Catégorie juridique': 'Commune et commune nouvelle',
      'Montant (EUR)': '20,00', 'Nature': '6574', 'Fonction': '312', 'Pièce justificative (fichier)': `bordereau-${numberOf(commune.id)}.pdf`,
    });
    for (const r of rows) expect(r['IBAN']).toMatch(/^FR76\d{23}$/);
    // The rows add up to the order, in cents.
    expect(rows.reduce((sum, r) => sum + Math.round(Number(r['Montant (EUR)'].replace(',', '.')) * 100), 0)).toBe(order.totalCents);

    // The supporting document: the statement PDF of each structure, under the name the file cites.
    for (const s of statements) {
      const pdf = await finance.get(`/api/payment-orders/${order.id}/statements/${s.id}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-disposition']).toContain(`bordereau-${s.number}.pdf`);
      expect(pdfToText(pdf.rawPayload)).toContain(`Bordereau de remboursement n° ${s.number}`);
    }

    // The mode is the order's: switching the territory to SEPA afterwards gives it no SEPA file.
    expect((await admin.put('/api/payment-settings', { mode: 'sepa' })).statusCode).toBe(200);
    expect((await finance.get(`/api/payment-orders/${order.id}/sepa.xml`)).json()).toMatchObject({ code: 'wrong_payment_mode' });
    expect((await finance.get(`/api/payment-orders/${order.id}`)).json()).toMatchObject({ paymentMode: 'mandat' });
    expect((await finance.get('/api/payment-orders')).json()[0]).toMatchObject({ id: order.id, paymentMode: 'mandat' });
    expect((await admin.put('/api/payment-settings', { mode: 'mandat' })).statusCode).toBe(200);

    // Paid from the treasury's confirmation, as in SEPA mode.
    const confirmation = statements.map((s) => `${s.number};01/06/2026;MANDAT-${s.number}`).join('\r\n');
    const confirmed = await finance.post(`/api/payment-orders/${order.id}/confirmations`, { csv: `bordereau;date_paiement;reference\r\n${confirmation}\r\n` });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ imported: 2, order: { status: 'paid', paymentMode: 'mandat' } });
  });
});
