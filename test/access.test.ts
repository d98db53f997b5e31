import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdHash } from '../src/usecases/access/authenticate.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { mailedPasswordToken } from './helpers/outbox-links.ts';
import { given, TEST_PASSWORD } from './helpers/given.ts';

describe(`users and access (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let territoryId: string;
  let structureId: string;
  const signIn = (payload: Record<string, unknown>, ip = '10.0.0.1') => app.inject({ method: 'POST', url: '/api/session', payload, remoteAddress: ip });
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    territoryId = await g.territory();
    structureId = (await g.structure({ territoryId })).id;
    await g.user({ territoryId, role: 'admin', email: 'admin@a.passnum.fr' });
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@a.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('throttles repeated bad logins with 429 and Retry-After, without blocking another account', async () => {
    const g = given(tdb.deps);
    await g.user({ territoryId, role: 'auditor', email: 'victim@a.passnum.fr' });
    await g.user({ territoryId, role: 'auditor', email: 'bystander@a.passnum.fr' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn({ email: 'victim@a.passnum.fr', password: 'wrong-guess' }, '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    const blocked = await signIn({ email: 'victim@a.passnum.fr', password: TEST_PASSWORD }, '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json()).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/) });
    // Same IP, different account: not blocked.
    expect((await signIn({ email: 'bystander@a.passnum.fr', password: TEST_PASSWORD }, '10.9.9.9')).statusCode).toBe(200);
    // Once the pause is over, the right password works again.
    tdb.clock.advance(16 * 60_000);
    expect((await signIn({ email: 'victim@a.passnum.fr', password: TEST_PASSWORD }, '10.9.9.9')).statusCode).toBe(200);
  });

  it('creates an account without password, then a one-time link sets it (single use, 48 h)', async () => {
    const created = await admin.post('/api/users', { email: 'Nouvelle.Agente@a.passnum.fr', displayName: 'Nouvelle Agente', role: 'mediator', structureId });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'nouvelle.agente@a.passnum.fr', role: 'mediator', roleLabel: 'Médiateur ou médiatrice', structureId, disabledAt: null });
    expect((await signIn({ email: 'nouvelle.agente@a.passnum.fr', password: 'un-mot-de-passe-solide' })).statusCode).toBe(401);

    const link = await admin.post(`/api/users/${user.id}/password-link`);
    expect(link.statusCode).toBe(201);
    const { sentTo, expiresAt } = link.json();
    // The link goes to the person's own address through the outbox, never back to the admin.
    expect(sentTo).toBe('n•••@a.passnum.fr');
    expect(link.body).not.toMatch(/mot-de-passe/);
    expect(Date.parse(expiresAt) - tdb.clock.now().getTime()).toBe(48 * 3600_000);
    const token = await mailedPasswordToken(tdb.deps, 'nouvelle.agente@a.passnum.fr');
    expect(token.length).toBeGreaterThanOrEqual(40);
    const stored = await tdb.deps.db.selectFrom('password_links').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    const set = (password: string, t = token) => app.inject({ method: 'POST', url: `/api/password-links/${t}`, payload: { password } });
    const short = await set('court');
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ details: { field: 'password' } });
    expect((await set('un-mot-de-passe-solide')).statusCode).toBe(204);
    const reuse = await set('un-autre-mot-de-passe');
    expect(reuse.statusCode).toBe(404);
    expect(reuse.json().message).toMatch(/^Ce lien n’est pas valable : il a déjà servi/);
    expect((await signIn({ email: 'nouvelle.agente@a.passnum.fr', password: 'un-mot-de-passe-solide' })).statusCode).toBe(200);
    expect((await signIn({ email: 'nouvelle.agente@a.passnum.fr', password: 'un-autre-mot-de-passe' })).statusCode).toBe(401);

    // Expired after 48 hours; and a new link replaces the previous unused one.
    expect((await admin.post(`/api/users/${user.id}/password-link`)).statusCode).toBe(201);
    const first = await mailedPasswordToken(tdb.deps, 'nouvelle.agente@a.passnum.fr');
    expect((await admin.post(`/api/users/${user.id}/password-link`)).statusCode).toBe(201);
    const second = await mailedPasswordToken(tdb.deps, 'nouvelle.agente@a.passnum.fr');
    expect(second).not.toBe(first);
    expect((await set('remplacé-par-un-autre', first)).statusCode).toBe(404);
    tdb.clock.advance(48 * 3600_000 + 1000);
    expect((await set('trop-tard-pour-ce-lien', second)).statusCode).toBe(404);
    const trail = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', user.id).where('action', 'like', 'user.%').orderBy('seq').execute();
    expect(trail.map((r) => r.action)).toEqual(['user.created', 'user.password_link_issued', 'user.password_set', 'user.password_link_issued', 'user.password_link_issued']);
    admin = await login(app, 'admin@a.passnum.fr');
  });

  it('lets a structure manager add a mediator to their own structure only', async () => {
    const g = given(tdb.deps);
    await g.user({ territoryId, role: 'structure_manager', structureId, email: 'chef@a.passnum.fr' });
    const manager = await login(app, 'chef@a.passnum.fr');
    const created = await manager.post('/api/users', { email: 'recrue@a.passnum.fr', displayName: 'Recrue', role: 'mediator' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ structureId, role: 'mediator' });
    const other = await g.structure({ territoryId });
    expect((await manager.post('/api/users', { email: 'x@a.passnum.fr', displayName: 'Xavier', role: 'mediator', structureId: other.id })).statusCode).toBe(403);
    expect((await manager.post('/api/users', { email: 'y@a.passnum.fr', displayName: 'Yvonne', role: 'admin' })).statusCode).toBe(403);
    const dup = await admin.post('/api/users', { email: 'recrue@a.passnum.fr', displayName: 'Doublon', role: 'auditor' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Un compte existe déjà pour recrue@a.passnum.fr.');
  });

  it('disables an account: its sessions end and it cannot sign in', async () => {
    const g = given(tdb.deps);
    const u = await g.user({ territoryId, role: 'auditor', email: 'partant@a.passnum.fr' });
    const client = await login(app, 'partant@a.passnum.fr');
    expect((await admin.post(`/api/users/${u.id}/disable`)).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect((await signIn({ email: 'partant@a.passnum.fr', password: TEST_PASSWORD })).statusCode).toBe(401);
    const listed = (await admin.get('/api/users')).json().find((x: { id: string }) => x.id === u.id);
    expect(listed.disabledAt).not.toBeNull();
    expect((await admin.post(`/api/users/${u.id}/enable`)).statusCode).toBe(204);
    expect((await signIn({ email: 'partant@a.passnum.fr', password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await client.post(`/api/users/${u.id}/disable`)).statusCode).toBe(401);
  });

  it('enrols TOTP with a QR code, then requires the code at login; recovery codes work once', async () => {
    const g = given(tdb.deps);
    const u = await g.user({ territoryId, role: 'finance', email: 'totp@a.passnum.fr' });
    const client = await login(app, 'totp@a.passnum.fr');
    const start = await client.post('/api/me/totp');
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = start.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/passnum:totp%40a\.passnum\.fr\?/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const now = () => tdb.clock.now().getTime();

    const wrong = await client.post('/api/me/totp/confirm', { code: '000000' === totp.generate({ timestamp: now() }) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details.field).toBe('code');
    const confirmed = await client.post('/api/me/totp/confirm', { code: totp.generate({ timestamp: now() }) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await tdb.deps.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(1);
    expect(JSON.parse(row.recovery_codes)).toEqual(recoveryCodes.map((c) => sessionIdHash(c)));
    expect((await client.post('/api/me/totp')).statusCode).toBe(409);

    const noCode = await signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('totp_required');
    tdb.clock.advance(60_000);
    const badCode = await signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD, totp: '12345' });
    expect(badCode.statusCode).toBe(401);
    expect((await signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD, totp: totp.generate({ timestamp: now() }) })).statusCode).toBe(200);
    expect((await signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD, totp: recoveryCodes[0].toLowerCase() })).statusCode).toBe(200);
    const reused = await signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD, totp: recoveryCodes[0] });
    expect(reused.statusCode).toBe(401);
    // Two sign-ins racing with the same recovery code: exactly one gets in.
    const race = await Promise.all([1, 2].map(() => signIn({ email: 'totp@a.passnum.fr', password: TEST_PASSWORD, totp: recoveryCodes[1] })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const left = await tdb.deps.db.selectFrom('users').select('recovery_codes').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(JSON.parse(left.recovery_codes)).toHaveLength(8);
  });

  it('clears the pending-enrolment flag of a session once TOTP is confirmed', async () => {
    const g = given(tdb.deps);
    await g.user({ territoryId, role: 'admin', email: 'admin2@a.passnum.fr' });
    tdb.deps.config.requireTotp = true;
    try {
      const res = await signIn({ email: 'admin2@a.passnum.fr', password: TEST_PASSWORD });
      expect(res.json().totpEnrolmentRequired).toBe(true);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': res.json().csrfToken as string };
      const blocked = await app.inject({ method: 'GET', url: '/api/users', headers });
      expect(blocked.statusCode).toBe(401);
      expect(blocked.json().code).toBe('totp_required');
      const start = (await app.inject({ method: 'POST', url: '/api/me/totp', headers })).json();
      const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(start.secret) }).generate({ timestamp: tdb.clock.now().getTime() });
      expect((await app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { code } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    } finally {
      tdb.deps.config.requireTotp = false;
    }
  });

  it('authenticates with an API token until it is revoked; the token is stored hashed and shown once', async () => {
    const g = given(tdb.deps);
    await g.user({ territoryId, role: 'structure_manager', structureId, email: 'resp@a.passnum.fr' });
    const manager = await login(app, 'resp@a.passnum.fr');
    const other = await g.structure({ territoryId });
    expect((await manager.post('/api/api-tokens', { name: 'Logiciel', structureId: other.id })).statusCode).toBe(403);
    const created = await manager.post('/api/api-tokens', { name: 'Logiciel de caisse' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(created.json()).toMatchObject({ structureId, organisationId: null, lastUsedAt: null });
    const stored = await tdb.deps.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(tdb.deps.secrets.hashToken(token));
    expect(stored.token_hash).not.toBe(token);

    const bearer = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const own = await bearer(`/api/structures/${structureId}`);
    expect(own.statusCode).toBe(200);
    expect((await bearer(`/api/structures/${other.id}`)).statusCode).toBe(404);
    expect((await bearer('/api/campaigns')).statusCode).toBe(200);
    const listed = (await manager.get('/api/api-tokens')).json() as { id: string; lastUsedAt: string | null }[];
    expect(listed.find((t) => t.id === id)?.lastUsedAt).toBe(tdb.clock.now().toISOString());
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await admin.get('/api/api-tokens')).json().map((t: { id: string }) => t.id)).toContain(id);

    expect((await manager.delete(`/api/api-tokens/${id}`)).statusCode).toBe(204);
    const revoked = await bearer(`/api/structures/${structureId}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toBe('Jeton d’accès inconnu ou révoqué.');
    expect((await manager.delete(`/api/api-tokens/${id}`)).statusCode).toBe(409);
    expect((await bearer('/api/campaigns')).statusCode).toBe(401);
    const audit = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('lists and creates organisations, checking the commune and SIRET', async () => {
    const created = await admin.post('/api/organisations', { kind: 'ccas', name: 'CCAS de Harnes', communeInsee: '62413', siret: null });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'ccas', communeInsee: '62413' });
    const outside = await admin.post('/api/organisations', { kind: 'mairie', name: 'Mairie de Paris', communeInsee: '75056', siret: null });
    expect(outside.json()).toMatchObject({ details: { field: 'communeInsee' } });
    const siret = await admin.post('/api/organisations', { kind: 'mairie', name: 'Mairie X', communeInsee: '62498', siret: '12345678901234' });
    expect(siret.json()).toMatchObject({ details: { field: 'siret' } });
    const kind = await admin.post('/api/organisations', { kind: 'prefecture', name: 'Préfecture', communeInsee: '62498' });
    expect(kind.statusCode).toBe(400);
    const list = (await admin.get('/api/organisations')).json() as { name: string }[];
    expect(list.map((o) => o.name)).toContain('CCAS de Harnes');

    const g = given(tdb.deps);
    const org = await g.organisation({ territoryId, name: 'Mairie de test' });
    await g.user({ territoryId, role: 'agent', organisationId: org, email: 'agent@a.passnum.fr' });
    const agent = await login(app, 'agent@a.passnum.fr');
    expect((await agent.get('/api/organisations')).json().map((o: { id: string }) => o.id)).toEqual([org]);
    expect((await agent.post('/api/organisations', { kind: 'ccas', name: 'CCAS', communeInsee: '62413' })).statusCode).toBe(403);
    expect((await agent.get('/api/users')).statusCode).toBe(403);
  });
});
