import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import type { Actor } from '../src/domain/actor.ts';
import { frenchIban } from '../src/domain/bank.ts';
import { DUTIES, mayManageAccount, OUTRANKS, requireOtherPerson, requireOutranks } from '../src/domain/duties.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { actorOf, bankBody, claimingStructure } from './helpers/given-money.ts';
import { pdfToText } from './helpers/pdf-text.ts';

// Separation of duties (issue #17, point 1; findings 8 and 10 of issue #19). The attack chain of
// the review — one admin account redirecting a reimbursement — replayed step by step: each step
// fails on its own, answered in French, nothing changed, the refusal audited.
describe(`separation of duties on the money path (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let territoryId: string;
  let organisationId: string;
  let campaign: CampaignTable;
  let admin: Client;
  let finance: Client;
  let financeActor: Actor;
  let validation: Client;
  let validationId: string;
  let financeId: string;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-05-04T09:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    territoryId = await g.territory();
    organisationId = await g.organisation({ territoryId });
    campaign = await g.campaign({ territoryId, name: 'Quatre yeux' });
    const a = await g.user({ territoryId, role: 'admin' });
    const f = await g.user({ territoryId, role: 'finance' });
    const v = await g.user({ territoryId, role: 'finance' });
    financeId = f.id;
    validationId = v.id;
    financeActor = actorOf({ id: f.id, role: 'finance' }, territoryId);
    admin = await login(app, a.email);
    finance = await login(app, f.email);
    validation = await login(app, v.email);
    // These orders are paid by SEPA files (operator mode), chosen by the admin.
    expect((await admin.put('/api/payment-settings', { mode: 'sepa' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  const auditOf = async (action: string) =>
    tdb.deps.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', action).execute();

  it('the rules table: who outranks whom, and four eyes (pure)', () => {
    expect(mayManageAccount('admin', 'finance')).toBe(false);
    expect(mayManageAccount('admin', 'admin')).toBe(false);
    expect(mayManageAccount('admin', 'structure_manager')).toBe(true);
    expect(mayManageAccount('structure_manager', 'structure_manager')).toBe(false);
    expect(mayManageAccount('structure_manager', 'mediator')).toBe(true);
    expect(OUTRANKS.finance).toEqual([]);
    expect(DUTIES['bank.enter'].roles).toEqual(['structure_manager']);
    const me = actorOf({ id: 'u1', role: 'finance' }, 't');
    expect(() => requireOtherPerson(me, 'bank.verify', 'u1')).toThrow(/vous ne pouvez pas les vérifier/);
    expect(() => requireOtherPerson(me, 'payment_order.release', 'u1')).toThrow(/vous ne pouvez pas le libérer/);
    expect(() => requireOtherPerson(me, 'payment_order.release', 'u2')).not.toThrow();
    expect(() => requireOutranks(me, { id: 'u1', role: 'finance' })).toThrow();
  });

  it('step 1: the admin cannot get a finance officer’s password link, nor have one returned at all', async () => {
    const res = await admin.post(`/api/users/${financeId}/password-link`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/plus de droits que ce compte/);
    expect(res.body).not.toMatch(/mot-de-passe\//);
    expect(await tdb.deps.db.selectFrom('password_links').select('user_id').where('user_id', '=', financeId).execute()).toEqual([]);
    // For an account the admin does outrank, the link goes to that person's own mailbox.
    const mediatorStructure = await given(tdb.deps).structure({ territoryId });
    const m = await given(tdb.deps).user({ territoryId, role: 'structure_manager', structureId: mediatorStructure.id });
    const ok = await admin.post(`/api/users/${m.id}/password-link`);
    expect(ok.statusCode).toBe(201);
    expect(Object.keys(ok.json()).sort()).toEqual(['expiresAt', 'sentTo']);
    const mail = await tdb.deps.db.selectFrom('outbox').select(['recipient', 'body', 'kind']).where('kind', '=', 'password_link').execute();
    expect(mail.map((x) => x.recipient)).toEqual([m.email]);
    // …and the admin's outbox screen does not show the link either.
    const box = (await admin.get('/api/outbox')).json() as { messages: { kind: string; body: string }[] };
    const listed = box.messages.find((x) => x.kind === 'password_link');
    if (listed) expect(listed.body).not.toMatch(/mot-de-passe/);
  });

  it('step 2: the admin cannot reset a finance officer’s second factor, disable them, or create a finance account', async () => {
    await tdb.deps.db.updateTable('users').set({ totp_enabled: 1, totp_secret: 'JBSWY3DPEHPK3PXP' }).where('id', '=', financeId).execute();
    expect((await admin.delete(`/api/users/${financeId}/totp`)).statusCode).toBe(403);
    expect((await tdb.deps.db.selectFrom('users').select('totp_enabled').where('id', '=', financeId).executeTakeFirstOrThrow()).totp_enabled).toBe(1);
    await tdb.deps.db.updateTable('users').set({ totp_enabled: 0, totp_secret: null }).where('id', '=', financeId).execute();
    expect((await admin.post(`/api/users/${financeId}/disable`)).statusCode).toBe(403);
    const mint = await admin.post('/api/users', { email: 'complice@a.passnum.fr', displayName: 'Complice', role: 'finance' });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().details).toMatchObject({ duty: 'account.manage' });
    expect((await admin.post('/api/users', { email: 'autre.admin@a.passnum.fr', displayName: 'Autre admin', role: 'admin' })).statusCode).toBe(403);
  });

  it('step 3: nobody but the structure’s own manager sets an IBAN (admin, finance: refused and audited)', async () => {
    const s = await given(tdb.deps).structure({ territoryId, accreditedFor: [campaign.id] });
    const iban = frenchIban('30006', '00001', '55555555555');
    for (const who of [admin, finance]) {
      const res = await who.put(`/api/structures/${s.id}/bank-details`, bankBody(iban, 'AGRIFRPP', 'Pirate'));
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/Seul le ou la responsable de la structure/);
    }
    const row = await tdb.deps.db.selectFrom('structures').select(['iban', 'bank_status']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ iban: null, bank_status: 'none' });
    expect((await auditOf('structure.bank_details_refused')).filter((a) => a.target_id === s.id)).toHaveLength(2);
  });

  it('step 4: verification needs the RIB, the re-typed IBAN and the BIC and holder as they are now', async () => {
    const g = given(tdb.deps);
    const s = await g.structure({ territoryId, accreditedFor: [campaign.id] });
    const mgr = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    const manager = await login(app, mgr.email);
    const iban = frenchIban('30006', '00001', '66666666666');
    // A RIB that is not a PDF, PNG or JPEG (by content) is refused, and nothing is stored.
    const fake = await manager.put(`/api/structures/${s.id}/bank-details`, { ...bankBody(iban, 'AGRIFRPP', 'Association Quatre'), rib: { filename: 'rib.pdf', contentBase64: Buffer.from('MZ not a pdf').toString('base64') } });
    expect(fake.statusCode).toBe(422);
    expect(fake.json()).toMatchObject({ details: { field: 'rib' } });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024)]);
    expect((await manager.put(`/api/structures/${s.id}/bank-details`, { ...bankBody(iban, 'AGRIFRPP', 'Association Quatre'), rib: { filename: 'rib.pdf', contentBase64: big.toString('base64') } })).json().message).toMatch(/2 Mo/);
    expect((await tdb.deps.db.selectFrom('bank_documents').select('id').where('structure_id', '=', s.id).execute())).toHaveLength(0);

    expect((await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(iban, 'AGRIFRPP', 'Association Quatre'))).statusCode).toBe(200);
    // The holder changed between the finance officer's reading and their click: nothing verified.
    const readByFinance = (await finance.get(`/api/structures/${s.id}/bank-details`)).json();
    await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(iban, 'AGRIFRPP', 'Quelqu’un d’autre'));
    const stale = await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban, bic: readByFinance.bic, accountHolder: readByFinance.accountHolder });
    expect(stale.statusCode).toBe(409);
    expect((await finance.get(`/api/structures/${s.id}/bank-details`)).json().status).toBe('pending');
    const good = await finance.post(`/api/structures/${s.id}/bank-details/verify`, { iban, bic: 'AGRIFRPP', accountHolder: 'Quelqu’un d’autre' });
    expect(good.statusCode).toBe(200);
    // Any change after verification returns them to "à vérifier".
    await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(iban, 'BNPAFRPP', 'Quelqu’un d’autre'));
    expect((await finance.get(`/api/structures/${s.id}/bank-details`)).json().status).toBe('pending');
  });

  it('bad bank input: outside SEPA, non-EEA without BIC, a holder with no Latin letters — French 422, nothing stored', async () => {
    const g = given(tdb.deps);
    const s = await g.structure({ territoryId });
    const mgr = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    const manager = await login(app, mgr.email);
    const turkish = await manager.put(`/api/structures/${s.id}/bank-details`, bankBody('TR330006100519786457841326', 'TGBATRIS', 'Association'));
    expect(turkish.statusCode).toBe(422);
    expect(turkish.json().message).toMatch(/zone SEPA/);
    const swiss = await manager.put(`/api/structures/${s.id}/bank-details`, bankBody('CH9300762011623852957', null, 'Association'));
    expect(swiss.statusCode).toBe(422);
    expect(swiss.json()).toMatchObject({ details: { field: 'bic' } });
    expect((await manager.put(`/api/structures/${s.id}/bank-details`, bankBody('CH9300762011623852957', 'UBSWCHZH80A', 'Association'))).statusCode).toBe(200);
    const chinese = await manager.put(`/api/structures/${s.id}/bank-details`, bankBody(frenchIban('30006', '00001', '77777777777'), null, '李小龙'));
    expect(chinese.statusCode).toBe(422);
    expect(chinese.json()).toMatchObject({ details: { field: 'accountHolder' } });
    expect(chinese.json().message).toMatch(/caractères latins/);
    expect((await tdb.deps.db.selectFrom('structures').select('iban').where('id', '=', s.id).executeTakeFirstOrThrow()).iban).toBe('CH9300762011623852957');
  });

  it('step 5: the order’s preparer cannot release it; no payment file and no payment before release', async () => {
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Structure quatre yeux' });
    const { claimId } = await s.reviewedClaim({ count: 2, at: '2026-04-10T10:00:00.000Z', finance: financeActor });
    const weekend = await finance.post('/api/payment-orders', { claimIds: [claimId], executionDate: '2026-05-09' });
    expect(weekend.statusCode).toBe(422);
    expect(weekend.json().message).toMatch(/TARGET2.*2026-05-11/);
    const easterMonday = await finance.post('/api/payment-orders', { claimIds: [claimId], executionDate: '2027-03-29' });
    expect(easterMonday.statusCode).toBe(422);
    const created = await finance.post('/api/payment-orders', { claimIds: [claimId], executionDate: '2026-05-11' });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({ stage: 'prepared', preparedBy: financeId });

    const self = await finance.post(`/api/payment-orders/${order.id}/release`);
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/Vous avez préparé cet ordre/);
    expect((await auditOf('payment_order.release_refused')).map((a) => a.target_id)).toContain(order.id);
    expect((await finance.get(`/api/payment-orders/${order.id}/sepa.xml`)).json()).toMatchObject({ code: 'not_released' });
    expect((await finance.post(`/api/payment-orders/${order.id}/paid`, { paymentDate: '2026-05-04', reference: 'VIR-1' })).json()).toMatchObject({ code: 'not_released' });
    expect((await admin.post(`/api/payment-orders/${order.id}/release`)).statusCode).toBe(403);

    const released = await validation.post(`/api/payment-orders/${order.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ stage: 'released', releasedBy: validationId });
    expect((await validation.post(`/api/payment-orders/${order.id}/release`)).statusCode).toBe(409);
    expect((await finance.get(`/api/payment-orders/${order.id}/sepa.xml`)).statusCode).toBe(200);
  });

  it('the single-officer exception: refused while two officers are active, then audited with the co-signer', async () => {
    const twoActive = await finance.put('/api/payment-orders/single-officer-exception', { cosigner: 'Marie Martin, directrice générale des services' });
    expect(twoActive.statusCode).toBe(403);
    await tdb.deps.db.updateTable('users').set({ disabled_at: '2026-05-01T00:00:00.000Z' }).where('id', '=', validationId).execute();
    const declared = await finance.put('/api/payment-orders/single-officer-exception', { cosigner: 'Marie Martin, directrice générale des services' });
    expect(declared.statusCode).toBe(200);
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Structure agent unique' });
    const { claimId } = await s.reviewedClaim({ count: 1, at: '2026-04-12T10:00:00.000Z', finance: financeActor });
    const order = (await finance.post('/api/payment-orders', { claimIds: [claimId] })).json();
    const released = await finance.post(`/api/payment-orders/${order.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ stage: 'released', releaseCosigner: 'Marie Martin, directrice générale des services' });
    const trail = (await auditOf('payment_order.released')).find((a) => a.target_id === order.id)!;
    expect(JSON.parse(trail.details)).toMatchObject({ singleOfficerException: true, cosigner: 'Marie Martin, directrice générale des services' });
    // A second officer is back: the exception lapses, four eyes again.
    await tdb.deps.db.updateTable('users').set({ disabled_at: null }).where('id', '=', validationId).execute();
    const { claimId: c2 } = await s.reviewedClaim({ count: 1, at: '2026-04-13T10:00:00.000Z', finance: financeActor });
    const o2 = (await finance.post('/api/payment-orders', { claimIds: [c2] })).json();
    expect((await finance.post(`/api/payment-orders/${o2.id}/release`)).statusCode).toBe(403);
    await finance.put('/api/payment-orders/single-officer-exception', { cosigner: null });
  });

  it('finding 8: a structure manager cannot take over a co-manager', async () => {
    const g = given(tdb.deps);
    const s = await g.structure({ territoryId });
    const m1 = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    const m2 = await g.user({ territoryId, role: 'structure_manager', structureId: s.id });
    const med = await g.user({ territoryId, role: 'mediator', structureId: s.id });
    const manager = await login(app, m1.email);
    const link = await manager.post(`/api/users/${m2.id}/password-link`);
    expect(link.statusCode).toBe(403);
    expect(link.body).not.toMatch(/mot-de-passe\//);
    expect((await manager.post(`/api/users/${m2.id}/disable`)).statusCode).toBe(403);
    const users = (await manager.get('/api/users')).json() as { id: string; manageable: boolean }[];
    expect(users.find((u) => u.id === m2.id)!.manageable).toBe(false);
    expect(users.find((u) => u.id === med.id)!.manageable).toBe(true);
    expect((await manager.post(`/api/users/${med.id}/password-link`)).statusCode).toBe(201);
  });

  it('finding 10: full IBANs only for finance and the structure’s own manager (API and statement PDF)', async () => {
    const g = given(tdb.deps);
    const s = await claimingStructure(tdb.deps, { territoryId, organisationId, campaign, name: 'Structure masquée' });
    const iban = (await tdb.deps.db.selectFrom('structures').select('iban').where('id', '=', s.id).executeTakeFirstOrThrow()).iban!;
    const { claimId } = await s.reviewedClaim({ count: 1, at: '2026-04-14T10:00:00.000Z', finance: financeActor });
    const order = (await finance.post('/api/payment-orders', { claimIds: [claimId] })).json();
    const auditorUser = await g.user({ territoryId, role: 'auditor' });
    const auditor = await login(app, auditorUser.email);
    const masked = `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;
    const seen = (await auditor.get(`/api/payment-orders/${order.id}`)).json();
    expect(seen.statements[0].iban).toBe(masked);
    expect((await admin.get(`/api/payment-orders/${order.id}`)).json().statements[0].iban).toBe(masked);
    expect((await admin.get(`/api/structures/${s.id}/bank-details`)).json().iban).toBe(masked);
    expect((await finance.get(`/api/payment-orders/${order.id}`)).json().statements[0].iban).not.toBe(masked);
    const pdf = await auditor.get(`/api/payment-orders/${order.id}/statements/${seen.statements[0].id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfToText(pdf.rawPayload);
    expect(text).toContain(`IBAN : ${masked}`);
    expect(text.replace(/\s/g, '')).not.toContain(iban);
  });
});
