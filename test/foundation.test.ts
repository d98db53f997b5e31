import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

describe(`foundation (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('answers health with the database kind', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: dialectName });
  });

  it('lists the 36 communes of the CALL with INSEE codes for a signed-in agent', async () => {
    const agent = await login(app, 'agent.lens@demo.passnum.fr');
    const res = await agent.get('/api/communes');
    expect(res.statusCode).toBe(200);
    const communes = res.json() as { inseeCode: string; name: string; postalCodes: string[] }[];
    expect(communes).toHaveLength(36);
    expect(communes.find((c) => c.inseeCode === '62498')).toMatchObject({ name: 'Lens', postalCodes: ['62300'] });
  });

  it('refuses anonymous access with a French message', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/communes' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated', message: 'Veuillez vous connecter.' });
  });

  it('returns the user, role and scope on /api/me', async () => {
    const agent = await login(app, 'agent.lievin@demo.passnum.fr');
    const me = (await agent.get('/api/me')).json();
    expect(me).toMatchObject({ role: 'agent', organisation: { name: 'Mairie de Liévin', communeInsee: '62510' } });
  });

  it('answers every page, signed in or not, with the person (or nobody) and the programme, never a 401', async () => {
    const visitor = await app.inject({ method: 'GET', url: '/api/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toMatchObject({
      me: null,
      programme: { territoryName: 'CA de Lens - Liévin', help: { phone: '03 21 00 00 00', email: 'pass.numerique@demo.passnum.fr' } },
    });
    const agent = await login(app, 'agent.lievin@demo.passnum.fr');
    const state = (await agent.get('/api/session')).json();
    expect(state.me).toMatchObject({ role: 'agent', organisation: { name: 'Mairie de Liévin' } });
    expect(state.programme.territoryCode).toBe(state.me.territory.code);
  });

  it('rejects a wrong password and validates the body in French', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'admin@demo.passnum.fr', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const invalid = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'validation_failed' });
    expect(invalid.json().message).toMatch(/Le champ « (email|password) »/);
  });

  it('requires the CSRF token on cookie-authenticated writes and closes the session', async () => {
    const admin = await login(app, 'admin@demo.passnum.fr');
    const noCsrf = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('forbidden');
    expect((await admin.delete('/api/session')).statusCode).toBe(204);
    expect((await admin.get('/api/me')).statusCode).toBe(401);
  });
});
