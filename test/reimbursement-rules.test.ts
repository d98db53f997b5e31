import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import type { Actor } from '../src/domain/actor.ts';
import { frenchIban } from '../src/domain/bank.ts';
import { assembleClaims } from '../src/jobs/assemble-claims.ts';
import { undoRedemption } from '../src/usecases/redemption/undo-redemption.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { bankBody, actorOf, claimingStructure, givenMoney, releasedOrder } from './helpers/given-money.ts';
import { pdfToText } from './helpers/pdf-text.ts';

// Bad input and the rules around claims and payments (issue #5): every refusal is a clear 4xx or
// 409 in French and changes nothing.
describe(`reimbursement rules (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let territoryId: string;
  let organisationId: string;
  let campaign: CampaignTable;
  let financeActor: Actor;
  let finance: Client;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-06-10T08:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    territoryId = await g.territory();
    organisationId = await g.organisation({ territoryId });
    campaign = await g.campaign({ territoryId, name: 'Campagne règles' });
    const u = await g.user({ territoryId, role: 'finance' });
    financeActor = actorOf({ id: u.id, role: 'finance' }, territoryId);
    finance = await login(app, u.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  const auditCount = async () => Number((await tdb.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('bank details: notice, verification of the checked IBAN only, reset to pending after a change, history', async () => {
    const g = given(tdb.deps);
    const s = await g.structure({ territoryId, accreditedFor: [campaign.id], name: 'EPN des Marais' });
    const mgrUser = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    const medUser = await g.user({ territoryId, role: 'mediator', structureId: s.id });
    const other = await g.structure({ territoryId });
    const otherMgr = await g.user({ territoryId, role: 'structure_manager', structureId: other.id });
    const manager = await login(app, mgrUser.email);

    const none = (await manager.get(`/api/structures/${s.id}/bank-details`)).json();
    expect(none).toMatchObject({ status: 'none', iban: null });
    expect(none.notice).toMatch(/Aucun paiement ne peut être versé/);

    const bad = await manager.put(`/api/structures/${s.id}/bank-details`, bankBody('FR7630006000011234567890188', 'AGRIFRPP', 'EPN des Marais'));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', details: { field: 'iban' } });
    expect(bad.json().message).toMatch(/IBAN/);

    const iban = frenchIban('30006', '00001', '12345678901');
    expect((await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(iban, 'AGRIFRPP', 'EPN des Marais'))).statusCode).toBe(200);
    const pending = (await manager.get(`/api/structures/${s.id}/bank-details`)).json();
    expect(pending).toMatchObject({ status: 'pending', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP', hasRib: true });
    expect(pending.notice).toMatch(/en cours de vérification/);
    const rib = await finance.get(`/api/structures/${s.id}/bank-details/rib`);
    expect(rib.statusCode).toBe(200);
    expect(rib.headers['content-type']).toBe('application/pdf');

    // Scoping: the mediator may not, another structure cannot even see it; a structure cannot verify.
    expect((await (await login(app, medUser.email)).get(`/api/structures/${s.id}/bank-details`)).statusCode).toBe(403);
    expect((await (await login(app, otherMgr.email)).get(`/api/structures/${s.id}/bank-details`)).statusCode).toBe(404);
    const check = { bic: 'AGRIFRPP', accountHolder: 'EPN des Marais' };
    expect((await manager.post(`/api/structures/${s.id}/bank-details/verify`, { iban, ...check })).statusCode).toBe(403);

    const wrong = await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban: frenchIban('30006', '00001', '99999999999'), ...check });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().message).toMatch(/ne correspond pas/);
    const otherBic = await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban, bic: 'BNPAFRPP', accountHolder: 'EPN des Marais' });
    expect(otherBic.statusCode).toBe(409);
    expect(otherBic.json().message).toMatch(/BIC ou le titulaire/);
    const pendingList = (await finance.get('/api/bank-details/pending')).json() as { structureId: string }[];
    expect(pendingList.map((p) => p.structureId)).toContain(s.id);
    const verified = await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban: 'FR76 3000 6000 0112 3456 7890 189', ...check });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', notice: null });
    expect((await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban, ...check })).statusCode).toBe(409);

    // A change after verification goes back to pending: no payment until verified again.
    const iban2 = frenchIban('30004', '00819', '00012345678');
    await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(iban2, 'BNPAFRPP', 'EPN des Marais'));
    const after = (await manager.get(`/api/structures/${s.id}/bank-details`)).json();
    expect(after.status).toBe('pending');
    // Newest first; the structure's own attempt to verify was refused, and that refusal is recorded.
    expect(after.history.map((h: { action: string }) => h.action)).toEqual([
      'structure.bank_details_changed', 'structure.bank_details_verified', 'structure.bank_details_refused', 'structure.bank_details_changed',
    ]);
  });

  it('refuses to order a claim of an unverified structure, with a French notice naming it', async () => {
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Association Clic', verified: false });
    const { claimId } = await s.reviewedClaim({ count: 2, at: '2026-05-12T10:00:00.000Z', finance: financeActor });
    const before = await auditCount();
    const res = await finance.post('/api/payment-orders', { claimIds: [claimId] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'bank_not_verified', details: { structureName: 'Association Clic' } });
    expect(res.json().message).toContain('« Association Clic »');
    expect(await auditCount()).toBe(before);
    const ledger = await app.inject({ method: 'GET', url: `/api/ledger?structureId=${s.id}`, headers: { cookie: finance.cookie } });
    expect(ledger.json().structure.bankNotice).toMatch(/Aucun paiement ne peut être versé/);
    expect(ledger.json().totals.approved).toMatchObject({ count: 2, amountCents: 2000 });
  });

  it('refuses an order mixing campaigns when a campaign forbids it, and allows it otherwise', async () => {
    const g = given(tdb.deps);
    const strict = await g.campaign({ territoryId, name: 'Campagne stricte', allow_mixed_orders: 0 });
    const s1 = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const s2 = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign: strict });
    const c1 = (await s1.reviewedClaim({ count: 1, at: '2026-05-12T10:00:00.000Z', finance: financeActor })).claimId;
    const c2 = (await s2.reviewedClaim({ count: 1, at: '2026-05-12T10:00:00.000Z', finance: financeActor })).claimId;
    const res = await finance.post('/api/payment-orders', { claimIds: [c1, c2] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mixed_campaigns' });
    expect(res.json().message).toContain('Campagne stricte');
    const statuses = await tdb.deps.db.selectFrom('claims').select('status').where('id', 'in', [c1, c2]).execute();
    expect(statuses.map((x) => x.status)).toEqual(['reviewed', 'reviewed']);
    const c3 = (await s1.reviewedClaim({ count: 1, at: '2026-04-12T10:00:00.000Z', finance: financeActor })).claimId;
    expect((await finance.post('/api/payment-orders', { claimIds: [c1, c3] })).statusCode).toBe(201);
  });

  it('scopes claims: a structure sees and touches only its own (others → 404)', async () => {
    const a = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const b = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const m = givenMoney(tdb.deps);
    const booklet = await given(tdb.deps).issuedBooklet({ campaign, organisationId });
    await m.redeem({ booklet, structure: a, count: 2, at: '2026-06-01T10:00:00.000Z' });
    const managerA = await login(app, (await tdb.deps.db.selectFrom('users').select('email').where('id', '=', a.manager.id).executeTakeFirstOrThrow()).email);
    const managerB = await login(app, (await tdb.deps.db.selectFrom('users').select('email').where('id', '=', b.manager.id).executeTakeFirstOrThrow()).email);
    const assembledByB = await managerB.post('/api/claims/assemble', { structureId: a.id });
    expect(assembledByB.statusCode).toBe(404);
    const claimId = (await managerA.post('/api/claims/assemble', {})).json().claimIds[0];
    const claimA = (await managerA.get(`/api/claims/${claimId}`)).json();
    expect((await managerB.get(`/api/claims/${claimId}`)).statusCode).toBe(404);
    expect((await managerB.get('/api/claims')).json()).toEqual([]);
    expect((await managerB.post(`/api/claims/${claimId}/submit`, { attestation: true })).statusCode).toBe(404);
    expect((await managerB.delete(`/api/claims/${claimId}/lines/${claimA.lines[0].id}`)).statusCode).toBe(404);
    expect((await managerB.get(`/api/ledger?structureId=${a.id}`)).statusCode).toBe(404);
    // Before submitting, A may withdraw a line: the ticket is back to "redeemed" (its redemption may be undone).
    const withdrawn = await managerA.delete(`/api/claims/${claimId}/lines/${claimA.lines[0].id}`);
    expect(withdrawn.json().totals).toMatchObject({ pending: { count: 1 }, withdrawn: { count: 1 } });
    const t = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', claimA.lines[0].ticketId).executeTakeFirstOrThrow();
    expect(t.status).toBe('redeemed');
  });

  it('neither a claimed nor a rejected ticket can be undone (already_claimed): a rejected one stays rejected until contested', async () => {
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const { claimId, ticketIds } = await s.reviewedClaim({ count: 2, at: '2026-05-20T10:00:00.000Z', finance: financeActor, reject: 1 });
    const claim = (await finance.get(`/api/claims/${claimId}`)).json();
    const rejected = claim.lines.find((l: { status: string }) => l.status === 'rejected');
    const approved = claim.lines.find((l: { status: string }) => l.status === 'approved');
    const requestOf = async (ticketId: string) =>
      (await tdb.deps.db.selectFrom('redemptions').select('request_id').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow()).request_id;
    const refused = await undoRedemption(tdb.deps, s.manager, { redemptionId: await requestOf(approved.ticketId), reason: 'Erreur de saisie', ticketSerials: [approved.ticketSerial] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'already_claimed' });
    const refusedRejected = await undoRedemption(tdb.deps, s.manager, { redemptionId: await requestOf(rejected.ticketId), reason: 'Utilisation enregistrée par erreur', ticketSerials: [rejected.ticketSerial] }).catch((e: unknown) => e);
    expect(refusedRejected).toMatchObject({ code: 'already_claimed' });
    expect((refusedRejected as Error).message).toMatch(/contestez alors le rejet/);
    const statuses = await tdb.deps.db.selectFrom('tickets').select(['id', 'status']).where('id', 'in', ticketIds).execute();
    expect(statuses.find((t) => t.id === rejected.ticketId)!.status).toBe('redeemed');
    expect(statuses.find((t) => t.id === approved.ticketId)!.status).toBe('claimed');
    const manager = await login(app, (await tdb.deps.db.selectFrom('users').select('email').where('id', '=', s.manager.id).executeTakeFirstOrThrow()).email);
    const contest = await manager.post(`/api/claims/${claimId}/lines/${rejected.id}/contest`, { note: 'Nous contestons ce rejet.' });
    expect(contest.statusCode).toBe(200);
  });

  it('rejecting a line of another claim is refused and nothing is reviewed', async () => {
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const m = givenMoney(tdb.deps);
    const g = given(tdb.deps);
    await m.redeem({ booklet: await g.issuedBooklet({ campaign, organisationId }), structure: s, count: 2, at: '2026-03-03T10:00:00.000Z' });
    await m.redeem({ booklet: await g.issuedBooklet({ campaign, organisationId }), structure: s, count: 2, at: '2026-04-03T10:00:00.000Z' });
    const manager = await login(app, (await tdb.deps.db.selectFrom('users').select('email').where('id', '=', s.manager.id).executeTakeFirstOrThrow()).email);
    const [c1, c2] = (await manager.post('/api/claims/assemble', {})).json().claimIds as string[];
    for (const c of [c1, c2]) await manager.post(`/api/claims/${c}/submit`, { attestation: true });
    const other = (await finance.get(`/api/claims/${c2}`)).json().lines[0].id;
    const res = await finance.post(`/api/claims/${c1}/review`, { rejections: [{ lineId: other, reason: 'Mauvaise ligne' }] });
    expect(res.statusCode).toBe(422);
    expect((await finance.get(`/api/claims/${c1}`)).json()).toMatchObject({ status: 'submitted', totals: { pending: { count: 2 } } });
    const noReason = await finance.post(`/api/claims/${c1}/review`, { rejections: [{ lineId: (await finance.get(`/api/claims/${c1}`)).json().lines[0].id, reason: ' ' }] });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toMatch(/motif/);
  });

  it('closes claims at the campaign deadline (assembly skips, submission refused)', async () => {
    const g = given(tdb.deps);
    const old = await g.campaign({ territoryId, name: 'Campagne close', year: 2025, validity_end: '2026-01-31', claim_deadline: '2026-03-31' });
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign: old });
    await givenMoney(tdb.deps).redeem({ booklet: await g.issuedBooklet({ campaign: old, organisationId }), structure: s, count: 2, at: '2026-01-20T10:00:00.000Z' });
    // Drafted while claims were open...
    tdb.clock.set('2026-03-31T21:59:00.000Z'); // 23:59 Paris, last day
    const job = await assembleClaims(tdb.deps);
    expect(job.linesAdded).toBeGreaterThanOrEqual(2);
    const claimId = (await tdb.deps.db.selectFrom('claims').select('id').where('structure_id', '=', s.id).executeTakeFirstOrThrow()).id;
    // ...and submitted one minute too late.
    tdb.clock.set('2026-03-31T22:00:00.000Z'); // 00:00 Paris, 1 April
    const manager = await login(app, (await tdb.deps.db.selectFrom('users').select('email').where('id', '=', s.manager.id).executeTakeFirstOrThrow()).email);
    const res = await manager.post(`/api/claims/${claimId}/submit`, { attestation: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'claim_deadline_passed' });
    expect(res.json().message).toContain('31/03/2026');
    await givenMoney(tdb.deps).redeem({ booklet: await g.issuedBooklet({ campaign: old, organisationId }), structure: s, count: 1, at: '2026-01-25T10:00:00.000Z' });
    expect((await assembleClaims(tdb.deps)).claimIds).not.toContain(claimId);
    tdb.clock.set('2026-06-10T08:00:00.000Z');
  });

  it('the claims job is idempotent', async () => {
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign });
    const g = given(tdb.deps);
    await givenMoney(tdb.deps).redeem({ booklet: await g.issuedBooklet({ campaign, organisationId }), structure: s, count: 3, at: '2026-06-02T10:00:00.000Z' });
    const first = await assembleClaims(tdb.deps);
    expect(first.linesAdded).toBeGreaterThanOrEqual(3);
    const [again1, again2] = await Promise.all([assembleClaims(tdb.deps), assembleClaims(tdb.deps)]);
    expect(again1.linesAdded + again2.linesAdded).toBe(0);
    const lines = await tdb.deps.db.selectFrom('claim_lines').innerJoin('claims', 'claims.id', 'claim_lines.claim_id').select('claim_lines.id').where('claims.structure_id', '=', s.id).execute();
    expect(lines).toHaveLength(3);
  });

  it('imports a payment confirmation CSV all or nothing, then refuses paying twice', async () => {
    const s1 = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Confirmation A' });
    const s2 = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Confirmation B' });
    const c1 = (await s1.reviewedClaim({ count: 2, at: '2026-05-05T10:00:00.000Z', finance: financeActor })).claimId;
    const c2 = (await s2.reviewedClaim({ count: 3, at: '2026-05-05T10:00:00.000Z', finance: financeActor, reject: 1 })).claimId;
    const order = await releasedOrder(tdb.deps, financeActor, { claimIds: [c1, c2] });
    expect(order.totalCents).toBe(4000);
    const [n1, n2] = order.statements.map((s) => s.number);
    const bad = await finance.post(`/api/payment-orders/${order.id}/confirmations`, {
      csv: `\uFEFFbordereau;date_paiement;reference\r\n${n1};05/06/2026;VIR-A\r\n2026-999999;05/06/2026;VIR-X\r\n${n2};31/02/2026;VIR-B\r\n`,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors).toHaveLength(2);
    expect((await finance.get(`/api/payment-orders/${order.id}`)).json().statements.every((s: { paidAt: string | null }) => s.paidAt === null)).toBe(true);
    const ok = await finance.post(`/api/payment-orders/${order.id}/confirmations`, {
      csv: `Bordereau,Date de paiement,Référence\n${n1},2026-06-05,VIR-A\n${n2},06/06/2026,VIR-B\n`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2, order: { status: 'paid' } });
    expect(ok.json().order.statements.map((s: { paymentReference: string }) => s.paymentReference).sort()).toEqual(['VIR-A', 'VIR-B']);
    const twice = await finance.post(`/api/payment-orders/${order.id}/confirmations`, { csv: `bordereau;date_paiement;reference\n${n1};05/06/2026;VIR-A\n` });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_paid' });
    const future = await finance.post(`/api/payment-orders/${order.id}/paid`, { paymentDate: '2030-01-01', reference: 'X1' });
    expect(future.statusCode).toBe(422);
  });

  it('campaign ledger and final report (after the claim deadline only)', async () => {
    const g = given(tdb.deps);
    const c = await g.campaign({ territoryId, name: 'Campagne bilan', year: 2025, validity_end: '2026-01-31', claim_deadline: '2026-07-31', budget_cents: 500_000 });
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign: c, name: 'Fablab du bilan' });
    const { claimId } = await s.reviewedClaim({ count: 4, at: '2026-01-10T10:00:00.000Z', finance: financeActor, reject: 1 });
    const order = await releasedOrder(tdb.deps, financeActor, { claimIds: [claimId] });
    await finance.post(`/api/payment-orders/${order.id}/paid`, { paymentDate: '2026-06-10', reference: 'VIR-BILAN' });
    await g.stockBooklets({ campaign: c, count: 2 });

    const early = await finance.get(`/api/campaigns/${c.id}/final-report.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'campaign_not_finished' });

    const money = ((await finance.get(`/api/ledger/campaigns?campaignId=${c.id}`)).json() as Record<string, unknown>[])[0];
    expect(money).toMatchObject({
      budgetCents: 500_000, issued: { count: 5, amountCents: 5000 }, redeemed: { count: 4, amountCents: 4000 }, approvedCents: 3000,
      paid: { count: 3, amountCents: 3000 }, unusedCents: 497_000, unusedIsFinal: false,
    });

    tdb.clock.set('2026-08-01T08:00:00.000Z');
    const admin = await g.user({ territoryId, role: 'admin' });
    const adminClient = await login(app, admin.email);
    const pdf = await adminClient.get(`/api/campaigns/${c.id}/final-report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfToText(pdf.rawPayload);
    expect(text).toContain('Bilan final de la campagne « Campagne bilan »');
    expect(text).toMatch(/Tickets payés\s+3\s+30,00 €/);
    expect(text).toMatch(/Valeur non utilisée revenant au financeur\s+4 970,00 €/);
    expect(text).toContain('Fablab du bilan');
    const csv = await adminClient.get(`/api/campaigns/${c.id}/final-report.csv`);
    const rows = parse(csv.rawPayload.toString('utf8').slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    const row = (label: string) => rows.find((r) => r['Libellé'] === label)!;
    expect(row('Carnets créés').Nombre).toBe('3');
    expect(row('Carnets remis aux bénéficiaires').Nombre).toBe('1');
    expect(row('Tickets utilisés')).toMatchObject({ Nombre: '4', 'Montant (EUR)': '40,00' });
    expect(row('Tickets payés')).toMatchObject({ Nombre: '3', 'Montant (EUR)': '30,00' });
    expect(row('Tickets expirés (non utilisés)')).toMatchObject({ Nombre: '1', 'Montant (EUR)': '10,00' });
    expect(row('Valeur non utilisée revenant au financeur (budget - payé)')['Montant (EUR)']).toBe('4970,00');
    expect(rows.find((r) => r.Rubrique === 'Commune (payé)')!['Montant (EUR)']).toBe('30,00');
    tdb.clock.set('2026-06-10T08:00:00.000Z');
  });
});
