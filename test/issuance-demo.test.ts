import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCode } from '../src/domain/ticket-code.ts';
import { seedCampaignsAndStructures } from '../src/demo/seed-campaigns-structures.ts';
import { seedFoundation, type DemoContext } from '../src/demo/seed-foundation.ts';
import { seedIssuance, type DemoBooklet } from '../src/demo/seed-issuance.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { answersAt } from './helpers/given-issuance.ts';
import { decodeBookletTickets, pdfText } from './helpers/pdf-tools.ts';
import { loadCurrentModel } from '../src/usecases/support/diagnostic-model.ts';

// Issue #3 on the demo: the issuance stage's data, and the story an evaluator tries — an agent of
// Liévin registers a resident, runs the diagnostic, books a session, issues and prints a booklet;
// Lens cannot see her and a second issuance at Lens is refused naming Liévin.

describe(`issuance on the demo (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let ctx: DemoContext;
  let stageMs = 0;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-11-20T10:00:00.000Z' });
    ctx = await seedFoundation(tdb.deps);
    await seedCampaignsAndStructures(tdb.deps, ctx);
    const t0 = Date.now();
    await seedIssuance(tdb.deps, ctx);
    stageMs = Date.now() - t0;
    app = await createTestApp(tdb);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('hands out booklets in 2021, 2022 and the current campaign at Lens and Liévin, quickly', async () => {
    expect(stageMs).toBeLessThan(10_000);
    const rows = await tdb.deps.db
      .selectFrom('booklets')
      .innerJoin('campaigns', 'campaigns.id', 'booklets.campaign_id')
      .innerJoin('organisations', 'organisations.id', 'booklets.organisation_id')
      .select(['campaigns.year', 'organisations.name', 'booklets.status', 'booklets.issued_at'])
      .execute();
    for (const year of [2021, 2022, 2026]) {
      for (const org of ['Mairie de Lens', 'Mairie de Liévin']) {
        expect(rows.filter((r) => r.year === year && r.name === org && r.status === 'issued').length, `${year} ${org}`).toBeGreaterThan(0);
      }
    }
    for (const r of rows) expect(r.issued_at!.slice(0, 4)).toBe(String(r.year));
    const stock = await tdb.deps.db.selectFrom('booklets').select('status').where('print_batch_id', 'is not', null).execute();
    expect(stock.filter((s) => s.status === 'in_stock')).toHaveLength(9);
    expect(rows.filter((r) => r.status === 'replaced')).toHaveLength(1);
    const sessions = await tdb.deps.db.selectFrom('training_sessions').select(['starts_at', 'booked']).execute();
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => s.starts_at > '2026-11-20')).toBe(true);
    expect(sessions.some((s) => s.booked > 0)).toBe(true);
    const quota = await tdb.deps.db.selectFrom('commune_quotas').select((eb) => eb.fn.sum<number>('issued').as('n')).where('campaign_id', '=', ctx.campaigns!.c2021).executeTakeFirstOrThrow();
    expect(Number(quota.n)).toBe(rows.filter((r) => r.year === 2021).length);
  });

  it('writes unused 2022 and current codes to demo-tickets.txt and hands them to the next stages', async () => {
    const text = readFileSync(path.join(tdb.config.dataDir, 'demo-tickets.txt'), 'utf8');
    const expired = ctx.extra.expiredCodes2022 as { code: string; serial: string }[];
    const current = ctx.extra.currentCodes as { code: string; serial: string }[];
    expect(expired.length).toBeGreaterThanOrEqual(3);
    expect(current.length).toBeGreaterThanOrEqual(3);
    for (const t of [...expired, ...current]) {
      expect(parseCode(t.code).ok).toBe(true);
      expect(text).toContain(t.serial);
      expect(text.replace(/ /g, '')).toContain(t.code);
      const row = await tdb.deps.db.selectFrom('tickets').select(['status', 'code_hash']).where('serial', '=', t.serial).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'issued', code_hash: tdb.deps.secrets.hashCode(t.code) });
    }
    expect(expired.every((t) => t.serial.startsWith('2022-'))).toBe(true);
    expect(current.every((t) => t.serial.startsWith('2026-'))).toBe(true);
    const booklets = ctx.extra.issuedBooklets as DemoBooklet[];
    expect(new Set(booklets.map((b) => b.campaign))).toEqual(new Set(['c2021', 'c2022', 'current']));
  });

  it('the evaluator’s story: Liévin registers, diagnoses, books, issues and prints; Lens cannot see her nor issue again', async () => {
    const lievin = await login(app, 'agent.lievin@demo.passnum.fr');
    const lens = await login(app, 'agent.lens@demo.passnum.fr');
    const campaigns = (await lievin.get('/api/campaigns?status=open')).json();
    expect(campaigns).toHaveLength(1);
    const campaignId = campaigns[0].id;
    const model = await loadCurrentModel(tdb.deps.db);
    const outside = await lievin.post('/api/beneficiaries', { firstName: 'Léon', birthName: 'Martin', birthDate: '1950-01-01', communeInsee: '59350', consent: true });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('outside_territory');
    const id = (await lievin.post('/api/beneficiaries', { firstName: 'Éloïse', birthName: "D'Hondt", birthDate: '1957-04-18', communeInsee: '62510', consent: true })).json().id;
    const diag = await lievin.post(`/api/beneficiaries/${id}/diagnostics`, { version: model.version, answers: answersAt(model, 'avec_aide'), needs: ['caf', 'proches'] });
    expect(diag.json().eligibility).toMatchObject({ eligible: true, campaignId });
    const orientation = (await lievin.get(`/api/beneficiaries/${id}/orientation`)).json();
    expect(orientation.places[0].communeName).toBe('Liévin');
    const session = orientation.sessions[0];
    expect((await lievin.post(`/api/training-sessions/${session.id}/bookings`, { beneficiaryId: id })).statusCode).toBe(201);
    const issued = await lievin.post('/api/booklets', { beneficiaryId: id, campaignId });
    expect(issued.statusCode).toBe(201);
    const { booklet } = issued.json();
    const pdf = (await lievin.get(`/api/booklets/${booklet.id}/pdf`)).rawPayload;
    const text = pdfText(pdf);
    expect(text).toContain('Carnet d’Éloïse');
    expect(text).toContain(session.title);
    for (const t of booklet.tickets) {
      expect(text).toContain(t.serial);
      expect(text.replace(/\s+/g, '')).toContain(t.code);
    }
    expect(decodeBookletTickets(pdf, booklet.tickets.length)).toEqual(booklet.tickets.map((t: { code: string }) => t.code));
    expect((await lens.get(`/api/beneficiaries/${id}`)).statusCode).toBe(404);
    expect((await lens.get(`/api/booklets/${booklet.id}/pdf`)).statusCode).toBe(404);
    const again = (await lens.post('/api/beneficiaries', { firstName: 'ELOISE', birthName: 'dhondt', birthDate: '1957-04-18', communeInsee: '62510', consent: true })).json();
    // Another organisation's agent learns who handed the booklet out and when, not its serial
    // (issue 19, finding 13): the serial identifies the paper booklet, it is Liévin's business.
    expect(again.existingBooklets[0]).toMatchObject({ organisationName: 'Mairie de Liévin', serial: null });
    expect(JSON.stringify(again)).not.toContain(booklet.serial);
    await lens.post(`/api/beneficiaries/${again.id}/diagnostics`, { version: model.version, answers: answersAt(model, 'avec_aide'), needs: [] });
    const refused = await lens.post('/api/booklets', { beneficiaryId: again.id, campaignId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('duplicate_beneficiary');
    expect(refused.json().message).toContain('remis par Mairie de Liévin le 20/11/2026');
    expect(refused.body).not.toContain(booklet.serial);
    const eligibility = await lens.get(`/api/beneficiaries/${again.id}/eligibility`);
    expect(eligibility.body).toContain('Mairie de Liévin');
    expect(eligibility.body).not.toContain(booklet.serial);
  });
});
