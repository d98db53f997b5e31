import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { answersAt, issuanceScene, LENS, LIEVIN, type IssuanceScene } from './helpers/given-issuance.ts';
import { decodeTicketPage, pdfPageCount, pdfText } from './helpers/pdf-tools.ts';

// Issue #3, items 6 and 7: pre-printed stock (print batch → printer's PDF and manifest; hand-out
// by serial with the same rules; stock per commune), orientation and training sessions.

describe(`pre-printed stock, orientation and sessions (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let admin: Client;
  let lens: Client;
  let lievin: Client;

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await issuanceScene(tdb.deps);
    app = await createTestApp(tdb);
    admin = await login(app, scene.admin.email);
    lens = await login(app, scene.agents.lens.email);
    lievin = await login(app, scene.agents.lievin.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const person = async (client: Client, p: Record<string, unknown>, needs = ['caf', 'emploi']) => {
    const id = (await client.post('/api/beneficiaries', { consent: true, ...p })).json().id as string;
    expect((await client.post(`/api/beneficiaries/${id}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'avec_aide'), needs })).statusCode).toBe(201);
    return id;
  };

  let batch: { id: string; firstSerial: string; lastSerial: string; count: number };
  it('creates a print batch of stock booklets for a commune (admin only)', async () => {
    expect((await lens.post('/api/print-batches', { campaignId: scene.campaign.id, communeInsee: LENS, count: 3 })).statusCode).toBe(403);
    const bad = await admin.post('/api/print-batches', { campaignId: scene.campaign.id, communeInsee: '59350', count: 3 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.field).toBe('communeInsee');
    const res = await admin.post('/api/print-batches', { campaignId: scene.campaign.id, communeInsee: LENS, count: 3 });
    expect(res.statusCode, res.body).toBe(201);
    batch = res.json();
    expect(batch).toMatchObject({ count: 3, firstSerial: '2026-62498-000001', lastSerial: '2026-62498-000003', communeName: 'Lens' });
    const tickets = await tdb.deps.db.selectFrom('tickets').innerJoin('booklets', 'booklets.id', 'tickets.booklet_id').select(['tickets.status', 'booklets.status as bstatus']).where('booklets.print_batch_id', '=', batch.id).execute();
    expect(tickets).toHaveLength(15);
    expect(new Set(tickets.map((t) => `${t.status}/${t.bstatus}`))).toEqual(new Set(['in_stock/in_stock']));
  });

  it('gives the printer a PDF (codes and QR readable) and a manifest of serials', async () => {
    const help = { helpPhone: '03 21 99 00 00', helpEmail: 'aide@pass.example.fr', helpAddress: '1 place de l’Hôtel de ville, 62300 Lens', logo: null };
    expect((await lens.put('/api/programme', help)).statusCode).toBe(403);
    expect((await admin.put('/api/programme', { ...help, helpPhone: '12' })).json().details.field).toBe('helpPhone');
    expect((await admin.put('/api/programme', help)).json()).toMatchObject({ helpPhone: '+33321990000', helpEmail: 'aide@pass.example.fr' });
    const pdfRes = await admin.get(`/api/print-batches/${batch.id}/pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const pdf = pdfRes.rawPayload;
    expect(pdfPageCount(pdf)).toBe(15); // 3 × (cover + places + 3 ticket pages)
    const text = pdfText(pdf);
    // A pre-printed booklet says where to go (places near its commune) and whom to call, and each
    // ticket names the programme's financer.
    const flat = text.replace(/[ \t\n]+/g, ' ');
    expect(flat).toContain('Où utiliser vos tickets Des lieux près de chez vous');
    expect(flat).toContain('Appelez le 03 21 99 00 00 Écrivez à aide@pass.example.fr');
    expect(text.split('Pass numérique — financé par').length - 1).toBe(15);
    for (const n of [1, 2, 3]) {
      expect(text).toContain(`2026-62498-00000${n}`);
      for (const i of [1, 2, 3, 4, 5]) expect(text).toContain(`2026-62498-00000${n}-${i}`);
    }
    expect(text.replace(/\s+/g, ' ')).toContain('Ce carnet ne vaut rien tant qu’il n’a pas été remis et activé par la mairie.');
    const rows = await tdb.deps.db.selectFrom('tickets').innerJoin('booklets', 'booklets.id', 'tickets.booklet_id').select(['tickets.code_encrypted', 'tickets.idx']).where('booklets.serial', '=', batch.firstSerial).orderBy('tickets.idx').execute();
    const codes = rows.map((r) => tdb.deps.secrets.decryptCode(r.code_encrypted!));
    expect(decodeTicketPage(pdf, 3)).toEqual(codes.slice(0, 2));
    for (const c of codes) expect(text.replace(/\s+/g, '')).toContain(c);

    const csvRes = await admin.get(`/api/print-batches/${batch.id}/manifest.csv`);
    expect(csvRes.statusCode).toBe(200);
    expect(csvRes.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(csvRes.body.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.numero_carnet)).toEqual(['2026-62498-000001', '2026-62498-000002', '2026-62498-000003']);
    expect(records[0]).toMatchObject({ commune: 'Lens', nombre_tickets: '5', premier_ticket: '2026-62498-000001-1', dernier_ticket: '2026-62498-000001-5', valeur_faciale_euros: '10,00', valable_jusqu_au: '31/01/2027', etat: 'in_stock' });
    expect((await lens.get(`/api/print-batches/${batch.id}/pdf`)).statusCode).toBe(403);
  });

  it('hands out a stock booklet by its serial, with the same rules, and shows the stock per commune', async () => {
    const marc = await person(lens, { firstName: 'Marc', birthName: 'Lemaire', birthDate: '1949-12-01', communeInsee: LENS });
    expect((await lens.get('/api/stock')).json().communes).toEqual([{ communeInsee: LENS, communeName: 'Lens', inStock: 3, handedOut: 0 }]);
    const bad = await lens.post('/api/booklets/activations', { serial: 'n’importe quoi', beneficiaryId: marc });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.field).toBe('serial');
    const res = await lens.post('/api/booklets/activations', { serial: '2026 62498 000002', beneficiaryId: marc });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().booklet).toMatchObject({ serial: '2026-62498-000002', validUntil: '2027-01-31' });
    expect(res.json().booklet.tickets.map((t: { status: string }) => t.status)).toEqual(Array(5).fill('issued'));
    expect(JSON.stringify(res.json())).not.toMatch(/"code"/);
    const row = await tdb.deps.db.selectFrom('booklets').selectAll().where('serial', '=', '2026-62498-000002').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'issued', beneficiary_id: marc, organisation_id: scene.orgs.lens });
    const audit = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['booklet.activated']);
    expect((await lens.get('/api/stock')).json().communes).toEqual([{ communeInsee: LENS, communeName: 'Lens', inStock: 2, handedOut: 1 }]);
    expect((await admin.get('/api/stock')).json().batches).toHaveLength(1);
    // The PDF of a handed-out stock booklet carries the person's name and the same codes.
    expect(pdfText((await lens.get(`/api/booklets/${row.id}/pdf`)).rawPayload)).toContain('Carnet de Marc');

    const again = await lens.post('/api/booklets/activations', { serial: '2026-62498-000002', beneficiaryId: await person(lens, { firstName: 'Ana', birthName: 'Silva', birthDate: '1975-05-05', communeInsee: LENS }) });
    expect(again.statusCode).toBe(409);
    const dup = await lens.post('/api/booklets/activations', { serial: '2026-62498-000003', beneficiaryId: marc });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_beneficiary');
    const otherCommune = await lievin.post('/api/booklets/activations', {
      serial: '2026-62498-000003',
      beneficiaryId: await person(lievin, { firstName: 'Paul', birthName: 'Roux', birthDate: '1955-01-01', communeInsee: LIEVIN }),
    });
    expect(otherCommune.statusCode).toBe(404);
  });

  let sessionId: string;
  it('lets a structure publish sessions and an agent list the upcoming ones', async () => {
    const manager = await login(app, scene.manager.email);
    const start = (days: number) => new Date(tdb.clock.now().getTime() + days * 86_400_000).toISOString();
    const past = await manager.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'Hier', theme: 'E-mail', format: 'collectif', startsAt: start(-1), durationMinutes: 60, capacity: 5 });
    expect(past.statusCode).toBe(422);
    expect(past.json().details.field).toBe('startsAt');
    const foreign = await manager.post('/api/training-sessions', { siteId: scene.structures.lens.siteId, title: 'Pas chez moi', theme: 'E-mail', format: 'collectif', startsAt: start(2), durationMinutes: 60, capacity: 5 });
    expect(foreign.json().details.field).toBe('siteId');
    const solo = await manager.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'Rendez-vous', theme: 'Démarches', format: 'individuel', startsAt: start(2), durationMinutes: 60, capacity: 3 });
    expect(solo.json().details.field).toBe('capacity');
    const res = await manager.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'Atelier CAF', theme: 'Démarches CAF', format: 'collectif', startsAt: start(5), durationMinutes: 90, capacity: 2 });
    expect(res.statusCode, res.body).toBe(201);
    sessionId = res.json().id;
    expect((await lens.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'x', theme: 'x', format: 'collectif', startsAt: start(5), durationMinutes: 90, capacity: 2 })).statusCode).toBe(403);
    const list = (await lens.get(`/api/training-sessions?campaignId=${scene.campaign.id}`)).json();
    expect(list.map((s: { id: string }) => s.id)).toContain(sessionId);
    expect(list.find((s: { id: string }) => s.id === sessionId)).toMatchObject({ structureName: 'EPN de Liévin', seatsLeft: 2, format: 'collectif' });
  });

  it('suggests accredited places matching the needs, the person’s commune first, with their sessions', async () => {
    const id = await person(lievin, { firstName: 'Inès', birthName: 'Morel', birthDate: '1980-07-07', communeInsee: LIEVIN }, ['caf', 'emploi']);
    const res = await lievin.get(`/api/beneficiaries/${id}/orientation`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.services).toEqual(expect.arrayContaining(['Aide aux démarches administratives', 'Insertion professionnelle via le numérique']));
    const names = o.places.map((p: { structureName: string }) => p.structureName);
    expect(names[0]).toBe('EPN de Liévin');
    // The campaign pays for everyday tools and administrative procedures, not for job-seeking
    // services: the accredited place that offers only those is not suggested.
    expect(names).not.toContain('Atelier emploi de Lens');
    expect(o.places.flatMap((p: { matchedServices: string[] }) => p.matchedServices)).not.toContain('Insertion professionnelle via le numérique');
    expect(names).not.toContain('Fablab non habilité');
    expect(o.places[0]).toMatchObject({ inCommune: true, openingHoursText: expect.stringContaining('Du lundi au vendredi') });
    expect(o.sessions.map((s: { id: string }) => s.id)).toContain(sessionId);
    const support = (await lievin.get(`/api/beneficiaries/${id}/orientation?specificSupport=${encodeURIComponent('Surdité')}`)).json();
    expect(support.places).toEqual([]);
  });

  it('books seats up to the capacity, shows attendees to the structure, frees a seat on cancellation', async () => {
    const a = await person(lievin, { firstName: 'Alice', birthName: 'Bon', birthDate: '1960-01-01', communeInsee: LIEVIN });
    const b = await person(lievin, { firstName: 'Bruno', birthName: 'Cas', birthDate: '1960-01-02', communeInsee: LIEVIN });
    const c = await person(lievin, { firstName: 'Chloé', birthName: 'Dé', birthDate: '1960-01-03', communeInsee: LIEVIN });
    const first = await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: a });
    expect(first.statusCode).toBe(201);
    expect((await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: a })).statusCode).toBe(409);
    expect((await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: b })).statusCode).toBe(201);
    const full = await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: c });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'session_full' });
    const manager = await login(app, scene.manager.email);
    const mine = (await manager.get('/api/training-sessions')).json();
    expect(mine.find((s: { id: string }) => s.id === sessionId).attendees.map((x: { name: string }) => x.name)).toEqual(['Alice B.', 'Bruno C.']);
    expect((await lens.delete(`/api/bookings/${first.json().id}`)).statusCode).toBe(404);
    expect((await lievin.delete(`/api/bookings/${first.json().id}`)).statusCode).toBe(200);
    expect((await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: c })).statusCode).toBe(201);
    expect((await lievin.post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId: a })).json().code).toBe('session_full');
    const s = await tdb.deps.db.selectFrom('training_sessions').select(['booked', 'capacity']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(s).toEqual({ booked: 2, capacity: 2 });
  });
});
