import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

// Finding 6 and 18: what a database or a file format cannot hold (NUL on PostgreSQL, U+FFFE/U+FFFF
// in XLSX, dates past year 9999 in date arithmetic) and bidirectional controls in names are refused
// at validation with a French 400, on both databases. The corpus walks every documented route.
const NUL = 'Jean\u0000Pierre';
const NONCHAR = 'Médiathèque\uFFFF';
const BIDI = 'Camille\u202Eelimac';
const FAR_DATE = '9999-12-31';
const BAD_VALUES = [NUL, NONCHAR, '\uFFFE', BIDI, FAR_DATE, '2026-02-31', '\uD800'];

// A lone surrogate has no UTF-8 form: in a URL it travels as the bytes a careless client would send.
const inUrl = (value: string) => (value === '\uD800' ? '%ED%A0%80' : encodeURIComponent(value));

type Operation = { method: string; path: string; params: string[]; query: string[]; body: string[] };

describe(`bad input is refused with a French 400 (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  const clients: Record<string, Client> = {};
  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
    for (const [role, email] of Object.entries({
      admin: 'admin@demo.passnum.fr', finance: 'finance@demo.passnum.fr', agent: 'agent.lens@demo.passnum.fr',
      manager: 'gestionnaire@demo.passnum.fr', mediator: 'mediateur@demo.passnum.fr', auditor: 'auditeur@demo.passnum.fr',
    })) clients[role] = await login(app, email, tdb.config.demoPassword);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const expectFrench400 = (res: { statusCode: number; body: string; json: () => { message: string } }, label: string) => {
    expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
    expect(res.json().message, label).toMatch(/^Le champ « .+ » /);
  };

  it('refuses a NUL byte in the login e-mail, anonymously', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: `admin${'\u0000'}@demo.passnum.fr`, password: 'x' } });
    expectFrench400(res, 'login');
    expect(res.json()).toMatchObject({ code: 'validation_failed', details: { field: 'email' } });
  });

  it('refuses dates a calendar cannot hold on the day list, dashboards and exports', async () => {
    for (const date of [FAR_DATE, '0000-01-01', '3000-01-01']) {
      expectFrench400(await clients.mediator.get(`/api/redemptions?date=${date}`), `day list ${date}`);
      for (const board of ['funnel', 'people', 'money']) expectFrench400(await clients.admin.get(`/api/dashboards/${board}?from=2026-01-01&to=${date}`), `${board} ${date}`);
      for (const format of ['csv', 'xlsx']) expectFrench400(await clients.finance.get(`/api/exports/redemptions?format=${format}&from=${date}`), `export ${format} ${date}`);
    }
    // A day that does not exist is each use case's refusal (422), in French too.
    const impossible = await clients.mediator.get('/api/redemptions?date=2026-02-31');
    expect(impossible.statusCode).toBe(422);
    expect(impossible.json().message).toMatch(/date/);
  });

  it('refuses non-characters and bidirectional controls in names; finance’s XLSX export stays valid', async () => {
    const structure = (await clients.manager.get('/api/structures')).json()[0] as { id: string; name: string };
    for (const name of [NONCHAR, BIDI, NUL, '\uFFFE', 'Cyber\u2067base\u2069']) {
      const res = await clients.manager.patch(`/api/structures/${structure.id}`, { name });
      expectFrench400(res, JSON.stringify(name));
      expect(res.json().details.field).toBe('name');
    }
    expect((await clients.manager.get(`/api/structures/${structure.id}`)).json().name).toBe(structure.name);
    const xlsx = await app.inject({ method: 'GET', url: '/api/exports/claims?format=xlsx', headers: { cookie: clients.finance.cookie } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
  });

  it('refuses, line by line, an uploaded places file whose names hold forbidden characters', async () => {
    const csv = (await app.inject({ method: 'GET', url: '/api/open-data/246200364/lieux-de-mediation-numerique.csv' })).body;
    const [header, first, ...rest] = csv.split('\r\n');
    const nom = header.split(',').indexOf('nom');
    const cells = first.split(',');
    cells[nom] = `${cells[nom]}${NUL}`;
    const boundary = '----passnum-sec';
    const file = [header, cells.join(','), ...rest].join('\r\n');
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="lieux.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
    const res = await app.inject({ method: 'POST', url: '/api/open-data/places/import', payload: body, headers: { cookie: clients.admin.cookie, 'x-csrf-token': clients.admin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as { refused: number; lines: { status: string; reasons: string[] }[] };
    expect(report.refused).toBe(1);
    expect(report.lines.find((l) => l.status === 'refused')?.reasons).toEqual(['nom : contient un caractère de contrôle invisible.']);
  });

  it('never answers 500 to the bad-value corpus on any documented route, whoever asks', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
      })),
    );
    expect(operations.length).toBeGreaterThan(90);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      if (op.method === 'DELETE' && op.path === '/api/session') continue; // would sign the client out
      for (const value of BAD_VALUES) {
        const url =
          op.path.replace(/\{([^}]+)\}/g, () => inUrl(value)) +
          (op.query.length ? `?${op.query.map((q) => `${q}=${inUrl(value)}`).join('&')}` : '');
        const payload = op.body.length ? Object.fromEntries(op.body.map((k) => [k, value])) : undefined;
        for (const [role, client] of [['anonymous', null] as const, ...Object.entries(clients)]) {
          const res = await app.inject({
            method: op.method as 'GET',
            url,
            headers: client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {},
            ...(payload ? { payload } : {}),
          });
          sent++;
          if (res.statusCode >= 500) failures.push(`${role} ${op.method} ${op.path} ${JSON.stringify(value)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(4000);
    expect(failures).toEqual([]);
  }, 300_000);
});
