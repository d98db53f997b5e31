import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_RATE_LIMITS } from '../src/http/rate-limit.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Findings 12, 15 and 16, and the public routes' rate limits.
describe(`HTTP hardening (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let manager: Client;
  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@demo.passnum.fr', tdb.config.demoPassword);
    manager = await login(app, 'gestionnaire@demo.passnum.fr', tdb.config.demoPassword);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('marks every API answer carrying personal or financial data as not to be stored by caches', async () => {
    const agent = await login(app, 'agent.lens@demo.passnum.fr', tdb.config.demoPassword);
    const finance = await login(app, 'finance@demo.passnum.fr', tdb.config.demoPassword);
    const people = (await agent.get('/api/beneficiaries')).json() as { items?: { id: string }[] } | { id: string }[];
    const first = Array.isArray(people) ? people[0] : people.items?.[0];
    for (const [client, url] of [
      [agent, '/api/me'], [agent, '/api/beneficiaries'], [agent, `/api/beneficiaries/${first?.id}`], [manager, '/api/structures'],
      [finance, '/api/claims'], [finance, '/api/payment-orders'], [finance, '/api/exports/claims?format=csv'], [admin, '/api/users'],
      [finance, '/api/dashboards/money'], [agent, '/api/beneficiaries/nope'],
    ] as const) {
      const res = await client.get(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 100)}`).toBeLessThan(500);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('decides authentication on the matched route, not the raw URL', async () => {
    for (const url of ['/%61pi/users', '/api/%75sers', '/API/users', '//api/users']) {
      const res = await app.inject({ method: 'GET', url });
      expect([401, 404], `${url} → ${res.statusCode} ${res.body.slice(0, 80)}`).toContain(res.statusCode);
      expect(res.body, url).not.toContain('@demo.passnum.fr');
    }
    // The encoded path reaches the /api/users handler: it meets the same checks as the plain one —
    // the session is read (same answer), and a write without the CSRF token is refused.
    const plain = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: manager.cookie } });
    const encoded = await app.inject({ method: 'GET', url: '/%61pi/users', headers: { cookie: manager.cookie } });
    expect(encoded.statusCode).toBe(200);
    expect(encoded.body).toBe(plain.body);
    const noCsrf = await app.inject({ method: 'POST', url: '/%61pi/users', headers: { cookie: manager.cookie }, payload: { email: 'x@demo.passnum.fr', displayName: 'X', role: 'mediator' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().message).toMatch(/CSRF/);
  });

  it('neutralises spreadsheet formulas in the open-data CSV, keeping phone numbers and coordinates as they are', async () => {
    const structure = (await manager.get('/api/structures')).json()[0] as { id: string };
    const site = (await manager.get(`/api/structures/${structure.id}/sites`)).json()[0] as { id: string };
    const renamed = await manager.patch(`/api/structures/${structure.id}/sites/${site.id}`, { name: '=HYPERLINK("http://evil.example","Cliquez")' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const csv = (await app.inject({ method: 'GET', url: '/api/open-data/246200364/lieux-de-mediation-numerique.csv' })).body;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const names = rows.map((r) => r.nom);
    expect(names).toContain('\'=HYPERLINK("http://evil.example","Cliquez")');
    for (const r of rows) {
      for (const [field, value] of Object.entries(r)) expect(value, field).not.toMatch(/^[=@\t\r]/);
      if (r.telephone) expect(r.telephone).toMatch(/^\+33\d{9}$/);
    }
  });

  it.each([
    ['public ticket check', 'POST', '/api/public/ticket-check', 'ticketCheck'],
    ['public places search', 'GET', '/api/public/places', 'places'],
  ] as const)('rate-limits the %s per address: a burst gets 429 with Retry-After', async (_label, method, url, rule) => {
    // A genuine code: wrong codes have their own, stricter counter.
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().where('status', '=', 'open').executeTakeFirstOrThrow();
    const organisation = await tdb.deps.db.selectFrom('organisations').select('id').where('territory_id', '=', campaign.territory_id).executeTakeFirstOrThrow();
    const code = (await given(tdb.deps).issuedBooklet({ campaign, organisationId: organisation.id })).tickets[0].code;
    const payload = method === 'POST' ? { code } : undefined;
    const limit = PUBLIC_RATE_LIMITS[rule].limit;
    const ip = rule === 'places' ? '192.0.2.10' : '192.0.2.11';
    const burst = await Promise.all(Array.from({ length: limit + 5 }, () => app.inject({ method, url, remoteAddress: ip, ...(payload ? { payload } : {}) })));
    const limited = burst.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    for (const r of limited) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.json().message).toMatch(/^Trop de demandes/);
    }
    // Another address is not slowed down.
    expect((await app.inject({ method, url, remoteAddress: '192.0.2.99', ...(payload ? { payload } : {}) })).statusCode).not.toBe(429);
    // After the window, the address is served again.
    tdb.clock.advance(PUBLIC_RATE_LIMITS[rule].windowMs + 1000);
    expect((await app.inject({ method, url, remoteAddress: ip, ...(payload ? { payload } : {}) })).statusCode).not.toBe(429);
  });
});
