import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redemptionRows } from '../src/repositories/read-models/exports.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenFollowup } from './helpers/given-followup.ts';
import { buildFollowupScenario, type FollowupScenario } from './helpers/followup-scenario.ts';

const csvRows = (body: string): string[][] => parse(body, { delimiter: ';', bom: true, relax_column_count: false });

describe(`exports for French spreadsheets (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let s: FollowupScenario;
  let admin: Client;
  let agentLens: Client;
  let auditor: Client;
  let manager: Client;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    s = await buildFollowupScenario(tdb);
    const g = given(tdb.deps);
    // A beneficiary whose typed name would run as a formula in a spreadsheet.
    const evil = await g.beneficiary({ territoryId: s.territoryId, organisationId: s.organisations.lens, firstName: '=HYPERLINK("http://x.example","clic")', birthName: '+33-1' });
    await givenFollowup(tdb.deps).contact(evil.id, { phone: '-2+3', email: '@SUM(A1)' });
    await givenFollowup(tdb.deps).contact(s.people.A.id, { phone: '+33612345678' });
    app = await createTestApp(tdb);
    admin = await login(app, (await g.user({ territoryId: s.territoryId, role: 'admin' })).email);
    agentLens = await login(app, (await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lens })).email);
    auditor = await login(app, (await g.user({ territoryId: s.territoryId, role: 'auditor' })).email);
    manager = await login(app, (await g.user({ territoryId: s.territoryId, role: 'structure_manager', structureId: s.structures.s2.id })).email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('exports redemptions as a CSV that a French spreadsheet opens: BOM, semicolons, CRLF, dd/mm/yyyy, decimal comma', async () => {
    const res = await admin.get(`/api/exports/redemptions?format=csv&campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="passnum-utilisations-2026-03-15.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toContain('\r\n');
    expect(res.body.replace(/\r\n/g, '')).not.toContain('\n');
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual([
      'Date', 'Numéro de ticket', 'Numéro de carnet', 'Campagne', 'Structure', 'SIRET', 'Lieu', 'Format', 'Thèmes', 'Durée (minutes)',
      'Valeur (€)', 'État', 'Annulée le', 'Motif d’annulation',
    ]);
    // 8 tickets redeemed in campaign 2026 plus C's undone redemption, marked as such.
    expect(rows).toHaveLength(9);
    const bySerial = new Map(rows.map((r) => [r[1], r]));
    const a2 = bySerial.get(s.people.A.serials[1])!;
    expect(a2).toEqual([
      '11/02/2026', s.people.A.serials[1], expect.any(String), 'Campagne 2026', 'Médiathèque Robert Cousin', expect.stringMatching(/^\d{14}$/),
      expect.any(String), 'Atelier collectif', 'E-mail, Navigation sur internet', '90', '10,00', 'Valide', '', '',
    ]);
    const undone = bySerial.get(s.people.C.serials[0])!;
    expect(undone.slice(11, 14)).toEqual(['Annulée', '03/03/2026', 'erreur']);
  });

  it('reads the same export back from XLSX with real dates and amounts', async () => {
    const res = await admin.get(`/api/exports/redemptions?format=xlsx&campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('Tickets utilisés');
    expect(sheet.rowCount).toBe(10);
    expect(sheet.getRow(1).getCell(1).value).toBe('Date');
    const rows = sheet.getRows(2, 9)!.map((r) => r.values as unknown[]);
    const a2 = rows.find((r) => r[2] === s.people.A.serials[1])!;
    expect(a2[1]).toEqual(new Date('2026-02-11T00:00:00.000Z'));
    expect(a2[11]).toBe(10);
    expect(a2[10]).toBe(90);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe('dd/mm/yyyy');
  });

  it('neutralises cells that a spreadsheet would run as formulas, in CSV and XLSX', async () => {
    const csv = await admin.get('/api/exports/beneficiaries?format=csv');
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csvRows(csv.body);
    const col = (name: string) => header.indexOf(name);
    const evil = rows.find((r) => r[col('Nom de naissance')] === "'+33-1")!;
    expect(evil).toBeDefined();
    expect(evil[col('Prénom')]).toBe(`'=HYPERLINK("http://x.example","clic")`);
    expect(evil[col('Téléphone')]).toBe("'-2+3");
    expect(evil[col('E-mail')]).toBe("'@SUM(A1)");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@]/);
    const alice = rows.find((r) => r[col('Prénom')] === 'Alice')!;
    expect(alice[col('Date de naissance')]).toBe('12/04/1950');
    // A number in international form is written as people dial it (and no "+" for the spreadsheet to compute).
    expect(alice[col('Téléphone')]).toBe('06 12 34 56 78');
    expect(alice[col('Public prioritaire')]).toBe('Personne de 60 ans ou plus');
    const xlsx = await admin.get('/api/exports/beneficiaries?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().flat();
    expect(values).toContain('=HYPERLINK("http://x.example","clic")');
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('scopes exports: an agent gets their organisation, a structure itself; personal data is refused to auditors', async () => {
    const [header, ...rows] = csvRows((await agentLens.get('/api/exports/beneficiaries')).body);
    const names = rows.map((r) => r[header.indexOf('Prénom')]).sort();
    expect(names).toEqual(['=HYPERLINK("http://x.example","clic")', 'Alice', 'Bruno', 'Émile'].map((n) => (n.startsWith('=') ? `'${n}` : n)).sort());
    const mine = csvRows((await manager.get('/api/exports/redemptions')).body).slice(1);
    expect(mine.map((r) => r[4])).toEqual(Array(mine.length).fill('EPN de Liévin'));
    expect(mine).toHaveLength(3); // D's two tickets and C's undone redemption
    const refused = await auditor.get('/api/exports/beneficiaries');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('Votre rôle ne permet pas cette action.');
    expect((await manager.get('/api/exports/beneficiaries')).statusCode).toBe(403);
    expect((await auditor.get('/api/exports/booklets')).statusCode).toBe(200);
  });

  it('exports booklets, claim lines and payments with their figures', async () => {
    const booklets = csvRows((await admin.get(`/api/exports/booklets?campaignId=${s.campaign.id}`)).body);
    expect(booklets).toHaveLength(5);
    const a = booklets.find((r) => r[2] === '62498' && r[8] === '5')!;
    expect(a).toEqual([expect.any(String), 'Campagne 2026', '62498', 'Lens', 'Remis', 'Mairie de Lens', '01/02/2026', '5', '5', '31/01/2027']);
    const claims = csvRows((await admin.get('/api/exports/claims')).body);
    expect(claims).toHaveLength(1 + 5 + 1 + 2);
    const rejected = claims.filter((r) => r[11] === 'Rejetée');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toEqual(expect.arrayContaining(['Médiathèque Robert Cousin', 'mars 2026', 'Examinée', '10,00', 'Séance non justifiée']));
    const payments = csvRows((await admin.get('/api/exports/payments')).body);
    expect(payments.slice(1).map((r) => [r[6], r[7], r[10], r[11]]).sort()).toEqual([['10,00', '1', '', ''], ['30,00', '3', '12/03/2026', 'VIR-TEST']]);
  });

  it('audits every download with its filters', async () => {
    await admin.get(`/api/exports/booklets?format=xlsx&campaignId=${s.campaign.id}&from=2026-02-01&to=2026-02-28`);
    const entry = await tdb.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'export.downloaded').where('target_id', '=', 'booklets').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toMatchObject({ format: 'xlsx', campaignId: s.campaign.id, from: '2026-02-01', to: '2026-02-28', scope: 'territory' });
    const feb = csvRows((await admin.get(`/api/exports/booklets?campaignId=${s.campaign.id}&from=2026-02-01&to=2026-02-28`)).body);
    expect(feb).toHaveLength(3);
  });

  it('reads the database page by page (keyset), each row once, in id order', async () => {
    const all: string[] = [];
    for await (const row of redemptionRows(tdb.deps.db, { territoryId: s.territoryId }, 3)) all.push(row.id);
    expect(all).toHaveLength(11);
    expect(new Set(all).size).toBe(11);
    expect([...all].sort()).toEqual(all);
  });
});

describe('a million-row export stays in bounded memory', () => {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'export-memory-child.ts');
  const run = (format: string, rows: number, mode = 'stream') => {
    const out = execFileSync(process.execPath, ['--max-old-space-size=48', '--max-semi-space-size=4', '--import', 'tsx', child, format, String(rows), mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out) as { bytes: number; lines: number; baselineMb: number; peakMb: number };
  };

  // The child runs with a 48 MB JavaScript heap: an export that kept its rows would die of it;
  // resident memory (buffers included) is measured too.
  it('streams 1,000,000 CSV rows with less than 40 MB of memory growth (and holding them would not)', () => {
    const r = run('csv', 1_000_000);
    expect(r.lines).toBe(1_000_001);
    expect(r.bytes).toBeGreaterThan(30_000_000);
    expect(r.peakMb - r.baselineMb).toBeLessThan(40);
    // Negative control: the same download kept in memory grows past the bound, so the bound means something.
    const held = run('csv', 1_000_000, 'hold');
    expect(held.peakMb - held.baselineMb).toBeGreaterThan(40);
  }, 120_000);

  it('streams 300,000 XLSX rows with less than 60 MB of memory growth', () => {
    const r = run('xlsx', 300_000);
    expect(r.bytes).toBeGreaterThan(8_000_000);
    expect(r.peakMb - r.baselineMb).toBeLessThan(60);
  }, 60_000);
});
