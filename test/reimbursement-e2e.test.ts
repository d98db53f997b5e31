import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIban } from '../src/domain/bank.ts';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { setTerritoryPaymentMode } from '../src/repositories/territories.ts';
import { given } from './helpers/given.ts';
import { givenMoney } from './helpers/given-money.ts';
import { pdfToText } from './helpers/pdf-text.ts';
import { expectStatsConsistent } from './helpers/stats.ts';
import { pain001Errors } from './helpers/xsd.ts';
import { parseXml, xmlAll, xmlAt, xmlNamespace } from './helpers/xml.ts';

// The end-to-end finance path (issue #5): redeem → claim → submit → approve with one rejected
// line → payment order → statement PDF, accounting CSV, SEPA XML → paid, every amount asserted.
describe(`reimbursement end to end (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let manager: Client;
  let finance: Client;
  let validation: Client;
  let structure: { id: string; siteId: string };
  let iban: string;
  const tickets: { id: string; serial: string }[] = [];
  let siret: string;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-20T09:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    const m = givenMoney(tdb.deps);
    const territoryId = await g.territory();
    // This chain pays by SEPA files from the operator's account (mandats: test/money-mandats.test.ts).
    await setTerritoryPaymentMode(tdb.deps.db, territoryId, 'sepa');
    const organisationId = await g.organisation({ territoryId });
    const campaign = await g.campaign({ territoryId, name: 'Pass numérique 2026', face_value_cents: 1000 });
    structure = await g.structure({ territoryId, accreditedFor: [campaign.id], name: 'Médiathèque Robert-Cousin', siret: '21620498200016' });
    siret = '21620498200016';
    iban = await m.verifiedBank(structure.id);
    const managerUser = await g.user({ territoryId, role: 'structure_manager', structureId: structure.id });
    const financeUser = await g.user({ territoryId, role: 'finance' });
    const validationUser = await g.user({ territoryId, role: 'finance' });
    const mediatorUser = await g.user({ territoryId, role: 'mediator', structureId: structure.id });
    tdb.clock.set('2026-01-20T09:00:00.000Z');
    const b1 = await g.issuedBooklet({ campaign, organisationId });
    const b2 = await g.issuedBooklet({ campaign, organisationId });
    // Redeemed by the structure's mediator through the redemption API (issue #4):
    // 3 tickets in February, 2 in March (Paris months); the rest of the booklets stays unused.
    const redeem = async (at: string, codes: string[]) => {
      tdb.clock.set(at);
      const mediator = await login(app, mediatorUser.email);
      const res = await mediator.post('/api/redemptions', {
        clientRedemptionId: randomUUID(), codes,
        service: { format: 'individuel', themes: ['PrendreEnMainDuMateriel'], durationMinutes: 90, siteId: structure.siteId },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await redeem('2026-02-10T14:00:00.000Z', b1.tickets.slice(0, 3).map((t) => t.code));
    await redeem('2026-03-05T09:30:00.000Z', b2.tickets.slice(0, 2).map((t) => t.code));
    tdb.clock.set('2026-03-20T09:00:00.000Z');
    tickets.push(...b1.tickets.slice(0, 3), ...b2.tickets.slice(0, 2));
    manager = await login(app, managerUser.email);
    finance = await login(app, financeUser.email);
    validation = await login(app, validationUser.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  const ticketStatus = async (id: string) =>
    (await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('runs the whole path and every amount adds up', async () => {
    // Claim assembly on demand: one draft per month, idempotent.
    const assembled = await manager.post('/api/claims/assemble', {});
    expect(assembled.statusCode, assembled.body).toBe(200);
    expect(assembled.json()).toMatchObject({ claimsCreated: 2, linesAdded: 5 });
    expect((await manager.post('/api/claims/assemble', {})).json()).toMatchObject({ claimsCreated: 0, linesAdded: 0 });
    for (const t of tickets) expect(await ticketStatus(t.id)).toBe('claimed');

    const list = (await manager.get('/api/claims')).json() as { id: string; period: string; totals: { pending: { count: number; amountCents: number } } }[];
    const feb = list.find((c) => c.period === '2026-02')!;
    const mar = list.find((c) => c.period === '2026-03')!;
    expect(feb.totals.pending).toEqual({ count: 3, amountCents: 3000 });
    expect(mar.totals.pending).toEqual({ count: 2, amountCents: 2000 });

    const febClaim = (await manager.get(`/api/claims/${feb.id}`)).json();
    expect(febClaim.lines.map((l: { ticketSerial: string }) => l.ticketSerial).sort()).toEqual(tickets.slice(0, 3).map((t) => t.serial).sort());
    expect(febClaim.lines[0]).toMatchObject({ amountCents: 1000, service: { format: 'individuel', durationMinutes: 90, themes: ['Prendre en main du matériel'] }, status: 'pending' });
    expect(febClaim.periodLabel).toBe('février 2026');

    // Submit (attestation required), then the claim is locked.
    const noAttestation = await manager.post(`/api/claims/${feb.id}/submit`, { attestation: false });
    expect(noAttestation.statusCode).toBe(422);
    const submitted = await manager.post(`/api/claims/${feb.id}/submit`, { attestation: true });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', locked: true });
    expect(submitted.json().attestation).toMatch(/J’atteste sur l’honneur/);
    const edit = await manager.delete(`/api/claims/${feb.id}/lines/${febClaim.lines[0].id}`);
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'claim_locked' });
    expect((await manager.post(`/api/claims/${feb.id}/submit`, { attestation: true })).json()).toMatchObject({ code: 'claim_locked' });
    expect((await manager.post(`/api/claims/${mar.id}/submit`, { attestation: true })).statusCode).toBe(200);

    // A structure cannot review; finance approves with one rejected line, once.
    expect((await manager.post(`/api/claims/${feb.id}/review`, { rejections: [] })).statusCode).toBe(403);
    const rejectedLine = febClaim.lines[2];
    const reviewed = await finance.post(`/api/claims/${feb.id}/review`, {
      rejections: [{ lineId: rejectedLine.id, reason: 'Séance non justifiée : la feuille d’émargement manque' }],
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().totals).toMatchObject({ approved: { count: 2, amountCents: 2000 }, rejected: { count: 1, amountCents: 1000 } });
    const twice = await finance.post(`/api/claims/${feb.id}/review`, { rejections: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_reviewed' });
    expect(twice.json().message).toMatch(/déjà été examinée/);
    expect(await ticketStatus(rejectedLine.ticketId)).toBe('redeemed');
    expect((await finance.post(`/api/claims/${mar.id}/review`, { rejections: [] })).json().totals.approved).toEqual({ count: 2, amountCents: 2000 });

    // Payment order: one statement for the structure, numbered 2026-000001, 40,00 €.
    const created = await finance.post('/api/payment-orders', { claimIds: [feb.id, mar.id], executionDate: '2026-03-25' });
    expect(created.statusCode).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({ status: 'issued', stage: 'prepared', totalCents: 4000, executionDate: '2026-03-25' });
    expect(order.statements).toHaveLength(1);
    const st = order.statements[0];
    expect(st).toMatchObject({ number: '2026-000001', amountCents: 4000, ticketCount: 4, iban: formatIban(iban), structure: { siret } });
    expect((await finance.post('/api/payment-orders', { claimIds: [feb.id] })).statusCode).toBe(409);

    // Four eyes: no payment file before a second finance officer releases the order.
    const early = await finance.get(`/api/payment-orders/${order.id}/sepa.xml`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'not_released' });
    expect((await finance.post(`/api/payment-orders/${order.id}/release`)).statusCode).toBe(403);
    const released = await validation.post(`/api/payment-orders/${order.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ stage: 'released', releaseCosigner: null });

    // Statement PDF (the structure can download its own).
    const pdf = await manager.get(`/api/payment-orders/${order.id}/statements/${st.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfToText(pdf.rawPayload);
    expect(text).toContain('Bordereau de remboursement n° 2026-000001');
    expect(text).toContain('Médiathèque Robert-Cousin');
    expect(text).toContain(`SIRET : ${siret}`);
    expect(text).toContain(formatIban(iban));
    expect(text).toMatch(/Total à payer : 40,00 €/);
    expect(text).toContain('25/03/2026');
    expect(text).toContain('Prendre en main');
    for (const t of tickets.filter((t) => t.id !== rejectedLine.ticketId)) expect(text).toContain(t.serial);
    expect(text).toMatch(/Lignes rejetées, non payées \(1\)/);
    expect(text).toContain('feuille d’émargement');
    // The statement carries a signed checkpoint of the audit chain, which verifies (issue 17, point 7).
    const checkpoint = /Point de contrôle du journal : n° \d+, empreinte [0-9a-f]{16}-[0-9a-f]{16}, le [\d/]+ à [\d:]+ UTC/.exec(text.replace(/\s+/g, ' '));
    expect(checkpoint).not.toBeNull();
    expect(await verifyAudit(tdb.deps, { checkpointText: checkpoint![0] })).toMatchObject({ ok: true });

    // Accounting CSV, read back as a French spreadsheet would.
    const csv = await finance.get(`/api/payment-orders/${order.id}/accounting.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const raw = csv.rawPayload.toString('utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(raw).toContain('\r\n');
    const rows = parse(raw.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      SIRET: siret, Structure: 'Médiathèque Robert-Cousin', IBAN: iban, 'Montant (EUR)': '40,00', 'N° de bordereau': '2026-000001',
      Campagne: 'Pass numérique 2026', Période: 'février 2026, mars 2026', 'Nombre de tickets': '4', 'Date d’exécution': '25/03/2026',
      'Date de l’ordre': '20/03/2026',
    });

    // SEPA pain.001.001.03, parsed back.
    const sepa = await finance.get(`/api/payment-orders/${order.id}/sepa.xml`);
    expect(sepa.statusCode).toBe(200);
    const xmlText = sepa.body;
    expect(xmlNamespace(xmlText)).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(await pain001Errors(xmlText)).toEqual([]);
    expect(xmlText).toMatch(/<CreDtTm>2026-03-20T10:00:00\+01:00<\/CreDtTm>/);
    const doc = parseXml(xmlText);
    expect(xmlAt(doc, 'CstmrCdtTrfInitn/GrpHdr/NbOfTxs').text).toBe('1');
    expect(xmlAt(doc, 'CstmrCdtTrfInitn/GrpHdr/CtrlSum').text).toBe('40.00');
    expect(xmlAt(doc, 'CstmrCdtTrfInitn/GrpHdr/MsgId').text.length).toBeLessThanOrEqual(35);
    const pmt = xmlAt(doc, 'CstmrCdtTrfInitn/PmtInf');
    expect(xmlAt(pmt, 'CtrlSum').text).toBe('40.00');
    expect(xmlAt(pmt, 'DbtrAcct/Id/IBAN').text).toBe(tdb.config.debtor.iban);
    expect(xmlAt(pmt, 'ReqdExctnDt').text).toBe('2026-03-25');
    const txs = xmlAll(pmt, 'CdtTrfTxInf');
    expect(txs).toHaveLength(1);
    expect(xmlAt(txs[0], 'Amt/InstdAmt').text).toBe('40.00');
    expect(xmlAt(txs[0], 'Amt/InstdAmt').attributes.Ccy).toBe('EUR');
    expect(xmlAt(txs[0], 'CdtrAcct/Id/IBAN').text).toBe(iban);
    expect(xmlAt(txs[0], 'RmtInf/Ustrd').text).toMatch(/^Pass numerique bordereau 2026-000001/);
    expect(xmlAt(txs[0], 'Cdtr/Nm').text).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]+$/);

    // A structure sees neither the order list nor the SEPA file.
    expect((await manager.get(`/api/payment-orders/${order.id}/sepa.xml`)).statusCode).toBe(403);

    // Paid: tickets → paid, claims → paid, and paying twice is refused.
    const paid = await finance.post(`/api/payment-orders/${order.id}/paid`, { paymentDate: '2026-03-20', reference: 'VIR-2026-0042' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paymentDate: '2026-03-20', paymentReference: 'VIR-2026-0042' });
    const again = await finance.post(`/api/payment-orders/${order.id}/paid`, { paymentDate: '2026-03-20', reference: 'VIR-2026-0042' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_paid' });
    for (const t of tickets) expect(await ticketStatus(t.id)).toBe(t.id === rejectedLine.ticketId ? 'redeemed' : 'paid');
    expect((await manager.get(`/api/claims/${feb.id}`)).json().status).toBe('paid');

    // The structure's ledger shows the exact amounts and the rejected line.
    const ledger = (await manager.get('/api/ledger')).json();
    expect(ledger.totals).toMatchObject({
      paid: { count: 4, amountCents: 4000, lastAt: '2026-03-20' },
      rejected: { count: 1, amountCents: 1000 },
      approved: { count: 0, amountCents: 0 },
      claimed: { count: 0, amountCents: 0 },
      // The rejected ticket is counted once, as rejected — not again as "not yet claimed".
      redeemedUnclaimed: { count: 0, amountCents: 0 },
      lapsed: { count: 0, amountCents: 0 },
    });
    expect(ledger.rejections).toHaveLength(1);
    expect(ledger.rejections[0]).toMatchObject({ ticketSerial: rejectedLine.ticketSerial, amountCents: 1000, reason: 'Séance non justifiée : la feuille d’émargement manque' });
    expect(ledger.structure).toMatchObject({ bankStatus: 'verified', bankNotice: null, statements: [{ number: '2026-000001', amountCents: 4000, paymentReference: 'VIR-2026-0042' }] });

    // The rejected ticket is not re-claimed automatically, but can be contested.
    expect((await manager.post('/api/claims/assemble', {})).json()).toMatchObject({ linesAdded: 0 });
    const contested = await manager.post(`/api/claims/${feb.id}/lines/${rejectedLine.id}/contest`, { note: 'La feuille d’émargement est jointe au dossier.' });
    expect(contested.statusCode).toBe(200);
    expect(contested.json()).toMatchObject({ status: 'draft', period: '2026-02', totals: { pending: { count: 1, amountCents: 1000 } } });
    expect(contested.json().lines[0].contestNote).toBe('La feuille d’émargement est jointe au dossier.');
    expect(await ticketStatus(rejectedLine.ticketId)).toBe('claimed');
    const contestTwice = await manager.post(`/api/claims/${feb.id}/lines/${rejectedLine.id}/contest`, { note: 'Encore une fois, merci.' });
    expect(contestTwice.statusCode).toBe(409);

    // Every step is in the audit log.
    const actions = (await tdb.deps.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    for (const a of ['claim.lines_added', 'ticket.claimed', 'claim.submitted', 'claim.reviewed', 'ticket.claim_rejected', 'payment_order.created', 'statement.numbered', 'statement.paid', 'ticket.paid', 'claim.paid', 'payment_order.paid', 'claim.line_contested']) {
      expect(actions).toContain(a);
    }
    expect(actions.filter((a) => a === 'ticket.paid')).toHaveLength(4);
  });

  it('keeps the dashboards’ aggregates equal to a recomputation through claims, review and payment', async () => {
    await expectStatsConsistent(tdb);
  });
});
