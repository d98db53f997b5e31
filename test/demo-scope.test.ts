import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

// Each demo login works and sees only its scope (issue #2, "How it will be judged").
describe(`demo logins and scope (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createDemoDb({ now: '2026-03-15T10:00:00.000Z' });
    app = await createTestApp(tdb);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('signs in every demo login with the demo password, each with its role and scope', async () => {
    const expected: Record<string, { role: string; organisation?: string; structure?: string }> = {
      'admin@demo.passnum.fr': { role: 'admin' },
      'finance@demo.passnum.fr': { role: 'finance' },
      'finance.validation@demo.passnum.fr': { role: 'finance' },
      'auditeur@demo.passnum.fr': { role: 'auditor' },
      'agent.lens@demo.passnum.fr': { role: 'agent', organisation: 'Mairie de Lens' },
      'agent.lievin@demo.passnum.fr': { role: 'agent', organisation: 'Mairie de Liévin' },
      'gestionnaire@demo.passnum.fr': { role: 'structure_manager', structure: 'Médiathèque Robert Cousin (démo)' },
      'mediateur@demo.passnum.fr': { role: 'mediator', structure: 'Médiathèque Robert Cousin (démo)' },
      'mediateur.nonhabilite@demo.passnum.fr': { role: 'mediator', structure: 'Association Connect’Harnes (démo)' },
    };
    expect(DEMO_LOGINS.map((l) => l.email).sort()).toEqual(Object.keys(expected).sort());
    for (const [email, want] of Object.entries(expected)) {
      const client = await login(app, email, tdb.config.demoPassword);
      const me = (await client.get('/api/me')).json();
      expect(me.role, email).toBe(want.role);
      expect(me.territory.code).toBe('246200364');
      expect(me.organisation?.name ?? null).toBe(want.organisation ?? null);
      expect(me.structure?.name ?? null).toBe(want.structure ?? null);
      expect((await client.get('/api/communes')).json()).toHaveLength(36);
      expect((await client.get('/api/campaigns')).json()).toHaveLength(3);
    }
    const lens = await login(app, 'agent.lens@demo.passnum.fr');
    expect((await lens.get('/api/organisations')).json().map((o: { name: string }) => o.name)).toEqual(['Mairie de Lens']);
    expect((await lens.get('/api/users')).statusCode).toBe(403);
    const admin = await login(app, 'admin@demo.passnum.fr');
    const emails = (await admin.get('/api/users')).json().map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(Object.keys(expected)));
    const manager = await login(app, 'gestionnaire@demo.passnum.fr');
    expect((await manager.get('/api/users')).json().map((u: { email: string }) => u.email).sort()).toEqual(['gestionnaire@demo.passnum.fr', 'mediateur@demo.passnum.fr']);
    expect((await manager.get('/api/structures')).json()[0].bank).toMatchObject({ iban: 'FR7616275001000800123456788' });
    const mediator = await login(app, 'mediateur@demo.passnum.fr');
    expect((await mediator.get('/api/structures')).json()[0].bank).toBeNull();
  });

  it('seeds the three campaigns with the CALL rules', async () => {
    const admin = await login(app, 'admin@demo.passnum.fr');
    const all = (await admin.get('/api/campaigns')).json() as { name: string; status: string; ticketsPerBooklet: number; faceValueCents: number; validityEnd: string; issuanceStart: string; issuanceEnd: string; claimDeadline: string }[];
    expect(all.map((c) => [c.name, c.status, c.ticketsPerBooklet, c.faceValueCents, c.validityEnd])).toEqual([
      ['Pass numérique 2026', 'open', 5, 1000, '2027-01-31'],
      ['Pass numérique 2022', 'closed', 5, 1000, '2023-01-31'],
      ['Pass numérique 2021', 'closed', 10, 1000, '2022-01-31'],
    ]);
    expect(all[2]).toMatchObject({ issuanceStart: '2021-01-01', issuanceEnd: '2021-12-31', claimDeadline: '2022-03-31' });
    expect(all[0]).toMatchObject({ issuanceStart: '2026-01-01', issuanceEnd: '2026-12-31' });
    const open = (await admin.get('/api/campaigns?status=open')).json() as { id: string }[];
    expect(open).toHaveLength(1);
    const quotas = (await admin.get(`/api/campaigns/${open[0].id}/quotas`)).json();
    expect(quotas.communes).toHaveLength(36);
    expect(quotas.totalQuota).toBe(36 * 10 + 640);
    const lens = quotas.communes.find((c: { inseeCode: string }) => c.inseeCode === '62498');
    const acheville = quotas.communes.find((c: { inseeCode: string }) => c.inseeCode === '62003');
    expect(lens.quota).toBeGreaterThan(acheville.quota);
    expect(acheville.quota).toBeGreaterThanOrEqual(10);
  });

  it('lists six demo structures to the admin and to agents', async () => {
    for (const email of ['admin@demo.passnum.fr', 'agent.lens@demo.passnum.fr', 'finance@demo.passnum.fr', 'auditeur@demo.passnum.fr']) {
      const client = await login(app, email);
      const res = await client.get('/api/structures');
      expect(res.statusCode).toBe(200);
      const names = (res.json() as { name: string }[]).map((s) => s.name);
      expect(names.length).toBeGreaterThanOrEqual(6);
      expect(names.every((n) => n.endsWith('(démo)'))).toBe(true);
    }
  });

  it('shows a manager and a mediator only their structure; other ids answer 404', async () => {
    const admin = await login(app, 'admin@demo.passnum.fr');
    const all = (await admin.get('/api/structures')).json() as { id: string; name: string }[];
    const mediatheque = all.find((s) => s.name === 'Médiathèque Robert Cousin (démo)')!;
    const harnes = all.find((s) => s.name === 'Association Connect’Harnes (démo)')!;
    for (const [email, own, other] of [
      ['gestionnaire@demo.passnum.fr', mediatheque, harnes],
      ['mediateur@demo.passnum.fr', mediatheque, harnes],
      ['mediateur.nonhabilite@demo.passnum.fr', harnes, mediatheque],
    ] as const) {
      const client = await login(app, email);
      const me = (await client.get('/api/me')).json();
      expect(me.structure).toEqual({ id: own.id, name: own.name });
      const list = (await client.get('/api/structures')).json() as { id: string }[];
      expect(list.map((s) => s.id)).toEqual([own.id]);
      expect((await client.get(`/api/structures/${own.id}`)).statusCode).toBe(200);
      const foreign = await client.get(`/api/structures/${other.id}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().message).toBe('Cette structure n’existe pas.');
      expect((await client.get(`/api/structures/${other.id}/sites`)).statusCode).toBe(404);
    }
  });

  it('accredits every demo structure for the three campaigns except the last one for the current campaign', async () => {
    const admin = await login(app, 'admin@demo.passnum.fr');
    const all = (await admin.get('/api/structures')).json() as { id: string; name: string }[];
    const current = ((await admin.get('/api/campaigns?status=open')).json() as { id: string }[])[0];
    for (const s of all) {
      // The France Services counter does procedures for people: it takes no ticket (issue #18, item 5).
      if (s.name === 'France Services de Lens (démo)') {
        expect((await admin.get(`/api/structures/${s.id}/accreditations`)).json()).toEqual([]);
        continue;
      }
      const acc = (await admin.get(`/api/structures/${s.id}/accreditations`)).json() as { campaignId: string; status: string }[];
      expect(acc).toHaveLength(3);
      const forCurrent = acc.find((a) => a.campaignId === current.id)!;
      expect(forCurrent.status).toBe(s.name === 'Association Connect’Harnes (démo)' ? 'applied' : 'accredited');
    }
  });

  it('lists the accredited places publicly, without sign-in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/places' });
    expect(res.statusCode).toBe(200);
    const places = res.json() as { name: string; sites: { communeName: string; openingHours: string; phone: string }[] }[];
    expect(places.map((p) => p.name)).not.toContain('Association Connect’Harnes (démo)');
    expect(places.length).toBe(5);
    const lens = (await app.inject({ method: 'GET', url: '/api/public/places?commune=62498' })).json() as typeof places;
    expect(lens.map((p) => p.name)).toEqual(['Médiathèque Robert Cousin (démo)']);
    expect(lens[0].sites[0]).toMatchObject({ communeName: 'Lens', openingHours: 'Tu-Sa 10:00-12:30,14:00-18:00', phone: '+33321000101' });
    const parenting = (await app.inject({ method: 'GET', url: `/api/public/places?service=${encodeURIComponent('Parentalité et éducation avec le numérique')}` })).json() as typeof places;
    expect(parenting.map((p) => p.name)).toEqual(['Centre social d’Avion (démo)']);
  });
});
