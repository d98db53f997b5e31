import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenFollowup } from './helpers/given-followup.ts';

// Issue 21, point 7: the admin sees who refused reminders in the territory, searchable by name;
// nobody else does, another territory's admin sees none of them, and each read is in the
// security log (ids only).

describe(`the list of people who refused reminders (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let otherAdmin: Client;
  let agent: Client;
  let adminId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    const g = given(tdb.deps);
    const f = givenFollowup(tdb.deps);
    const territoryId = await g.territory();
    const otherTerritory = await g.territory('62');
    const lens = await g.organisation({ territoryId, communeInsee: '62498', name: 'Mairie de Lens' });
    const elsewhere = await g.organisation({ territoryId: otherTerritory, name: 'Mairie d’ailleurs' });
    const person = async (key: string, p: { territoryId: string; organisationId: string; firstName: string; birthName: string }, optedOutAt: string | null) => {
      people[key] = (await g.beneficiary(p)).id;
      await f.contact(people[key], { phone: '06 12 34 56 78', consent: true, optedOutAt });
    };
    await person('denise', { territoryId, organisationId: lens, firstName: 'Denise', birthName: 'Leroy' }, '2026-03-01T10:00:00.000Z');
    await person('etienne', { territoryId, organisationId: lens, firstName: 'Étienne', birthName: 'Dupré' }, '2026-03-10T10:00:00.000Z');
    await person('still', { territoryId, organisationId: lens, firstName: 'Françoise', birthName: 'Garnier' }, null);
    await person('away', { territoryId: otherTerritory, organisationId: elsewhere, firstName: 'Gérard', birthName: 'Ailleurs' }, '2026-03-05T10:00:00.000Z');
    app = await createTestApp(tdb);
    const a = await g.user({ territoryId, role: 'admin' });
    adminId = a.id;
    admin = await login(app, a.email);
    otherAdmin = await login(app, (await g.user({ territoryId: otherTerritory, role: 'admin' })).email);
    agent = await login(app, (await g.user({ territoryId, role: 'agent', organisationId: lens })).email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('lists the territory’s opted-out people, latest first, with name, commune and organisation only', async () => {
    const res = await admin.get('/api/opt-outs');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.people.map((p: { id: string }) => p.id)).toEqual([people.etienne, people.denise]);
    expect(body.people[0]).toEqual({ id: people.etienne, name: 'Étienne Dupré', commune: expect.any(String), organisation: 'Mairie de Lens', optedOutAt: '2026-03-10T10:00:00.000Z' });
    expect(JSON.stringify(body)).not.toContain('06 12 34 56 78');
  });

  it('searches by name, accents and case ignored', async () => {
    const found = (await admin.get('/api/opt-outs?q=etienne')).json();
    expect(found.people.map((p: { id: string }) => p.id)).toEqual([people.etienne]);
    expect((await admin.get('/api/opt-outs?q=GARNIER')).json()).toEqual({ total: 0, people: [] });
  });

  it('shows another territory’s admin only their own people, and refuses the other roles', async () => {
    const other = (await otherAdmin.get('/api/opt-outs')).json();
    expect(other.people.map((p: { id: string }) => p.id)).toEqual([people.away]);
    const refused = await agent.get('/api/opt-outs');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/[a-zé]/);
    expect((await app.inject({ method: 'GET', url: '/api/opt-outs' })).statusCode).toBe(401);
  });

  it('records each read in the security log, with no name nor search', async () => {
    await app.securityLog.flush();
    const lines = await tdb.deps.db.selectFrom('security_log').selectAll().where('action', '=', 'person.opt_outs.read').execute();
    expect(lines.filter((l) => l.actor_id === adminId && l.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(lines)).not.toMatch(/etienne|garnier|Dupré/i);
  });
});
