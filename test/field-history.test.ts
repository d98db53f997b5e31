import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

// The structure manager's history of redemptions (issue 22): a month at a time, filtered by site,
// mediator and state, and the same list as a CSV for a French spreadsheet.
describe(`history of redemptions (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let manager: Client;
  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
    manager = await login(app, 'gestionnaire@demo.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('lists a month, filters it by state, site and mediator, and exports the same list', async () => {
    const res = await manager.get('/api/redemptions/history');
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json();
    expect(all.month).toBe('2026-03'); // the demo's today
    expect(all.redemptions.length).toBeGreaterThan(0);
    const ownSites = new Set(all.sites.map((s: { id: string }) => s.id));
    for (const r of all.redemptions) expect(ownSites.has(r.service.site.id)).toBe(true);

    // Every redemption has exactly one state; the states partition the month.
    let sum = 0;
    for (const state of ['a_demander', 'demande', 'paye', 'annule']) {
      const part = (await manager.get(`/api/redemptions/history?month=2026-03&state=${state}`)).json();
      for (const r of part.redemptions) expect(r.state).toBe(state);
      sum += part.redemptions.length;
    }
    expect(sum).toBe(all.redemptions.length);

    const site = all.sites[0].id as string;
    const bySite = (await manager.get(`/api/redemptions/history?siteId=${site}`)).json();
    expect(bySite.redemptions.every((r: { service: { site: { id: string } } }) => r.service.site.id === site)).toBe(true);
    const mediator = all.mediators[0] as { id: string; name: string };
    const byMediator = (await manager.get(`/api/redemptions/history?mediatorId=${mediator.id}`)).json();
    expect(byMediator.redemptions.length).toBeGreaterThan(0);
    expect(byMediator.redemptions.every((r: { by: string }) => r.by === mediator.name)).toBe(true);

    const csv = await manager.get('/api/redemptions/history.csv?month=2026-03');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.body.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(all.redemptions.length);
    expect(Object.keys(rows[0])).toEqual(['date', 'heure', 'lieu', 'mediateur', 'carnet', 'tickets', 'montant_euros', 'format', 'duree_minutes', 'thematiques', 'etat']);
    expect(rows[0].date).toMatch(/^\d{2}\/03\/2026$/);
    expect(rows[0].montant_euros).toMatch(/^\d+,\d{2}$/);
  });

  it('an earlier month, a bad month, and other roles', async () => {
    const empty = (await manager.get('/api/redemptions/history?month=2019-01')).json();
    expect(empty).toMatchObject({ month: '2019-01', redemptions: [], ticketCount: 0, totalCents: 0 });
    const bad = await manager.get('/api/redemptions/history?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Le mois doit être au format AAAA-MM');
    const agent = await login(app, 'agent.lens@demo.passnum.fr');
    expect((await agent.get('/api/redemptions/history')).statusCode).toBe(403);
  });
});
