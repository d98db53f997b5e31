import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 19, finding 9: integration tokens expire (one year unless chosen otherwise), their last use
// is shown, and they die with their creator's account unless an admin took them over first.

describe(`API tokens expire and die with their creator (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let territoryId: string;
  let structureId: string;
  const bearer = (token: string) => app.inject({ method: 'GET', url: `/api/structures/${structureId}`, headers: { authorization: `Bearer ${token}` } });
  const DAY = 86_400_000;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
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

  it('lives one year by default, or the days chosen at creation; past it the token answers 401', async () => {
    await given(tdb.deps).user({ territoryId, role: 'structure_manager', structureId, email: 'resp.expiry@a.passnum.fr' });
    const manager = await login(app, 'resp.expiry@a.passnum.fr');
    const yearly = await manager.post('/api/api-tokens', { name: 'Logiciel annuel' });
    expect(yearly.statusCode, yearly.body).toBe(201);
    expect(yearly.json().expiresAt).toBe(new Date(tdb.clock.now().getTime() + 365 * DAY).toISOString());
    const monthly = await manager.post('/api/api-tokens', { name: 'Essai d’un mois', validityDays: 30 });
    expect(monthly.json().expiresAt).toBe(new Date(tdb.clock.now().getTime() + 30 * DAY).toISOString());
    for (const validityDays of [0, -5, 731]) {
      const refused = await manager.post('/api/api-tokens', { name: 'Trop long', validityDays });
      expect(refused.statusCode, String(validityDays)).toBe(422);
      expect(refused.json()).toMatchObject({ details: { field: 'validityDays' }, message: expect.stringMatching(/durée de validité/) });
    }

    expect((await bearer(monthly.json().token)).statusCode).toBe(200);
    tdb.clock.advance(30 * DAY + 1000);
    const expired = await bearer(monthly.json().token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toMatch(/expiré/);
    expect((await bearer(yearly.json().token)).statusCode).toBe(200);

    // The list shows expiry, expired state, last use and the creator's name (a month later: new session).
    const listed = (await (await login(app, 'resp.expiry@a.passnum.fr')).get('/api/api-tokens')).json() as { id: string; expired: boolean; expiresAt: string; lastUsedAt: string | null; createdByName: string | null }[];
    const m = listed.find((t) => t.id === monthly.json().id)!;
    const y = listed.find((t) => t.id === yearly.json().id)!;
    expect(m).toMatchObject({ expired: true, expiresAt: monthly.json().expiresAt });
    expect(y).toMatchObject({ expired: false, lastUsedAt: tdb.clock.now().toISOString() });
    expect(y.createdByName).toBeTruthy();
  });

  it('is revoked when its creator is disabled, unless an admin took it over first; a revoked token answers 401', async () => {
    const g = given(tdb.deps);
    admin = await login(app, 'admin@a.passnum.fr');
    const leaver = await g.user({ territoryId, role: 'structure_manager', structureId, email: 'resp.depart@a.passnum.fr' });
    const manager = await login(app, 'resp.depart@a.passnum.fr');
    const kept = (await manager.post('/api/api-tokens', { name: 'Caisse de la médiathèque' })).json();
    const dropped = (await manager.post('/api/api-tokens', { name: 'Vieux script' })).json();
    expect((await bearer(kept.token)).statusCode).toBe(200);

    // Only an admin takes a token over.
    expect((await manager.post(`/api/api-tokens/${kept.id}/owner`)).statusCode).toBe(403);
    expect((await admin.post(`/api/api-tokens/${kept.id}/owner`)).statusCode).toBe(204);
    expect((await admin.post(`/api/api-tokens/${kept.id}/owner`)).statusCode).toBe(409);

    const leaverId = leaver.id;
    expect((await admin.post(`/api/users/${leaverId}/disable`)).statusCode).toBe(204);
    const refused = await bearer(dropped.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toBe('Jeton d’accès inconnu ou révoqué.');
    expect((await bearer(kept.token)).statusCode).toBe(200);

    const listed = (await admin.get('/api/api-tokens')).json() as { id: string; revokedAt: string | null; createdBy: string }[];
    expect(listed.find((t) => t.id === dropped.id)?.revokedAt).toBe(tdb.clock.now().toISOString());
    expect(listed.find((t) => t.id === kept.id)).toMatchObject({ revokedAt: null });
    // Re-enabling the person does not bring the revoked token back.
    expect((await admin.post(`/api/users/${leaverId}/enable`)).statusCode).toBe(204);
    expect((await bearer(dropped.token)).statusCode).toBe(401);

    const audit = await tdb.deps.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', 'like', 'api_token.%').orderBy('seq').execute();
    expect(audit.filter((a) => a.target_id === dropped.id).map((a) => a.action)).toEqual(['api_token.created', 'api_token.revoked']);
    expect(audit.filter((a) => a.target_id === kept.id).map((a) => a.action)).toEqual(['api_token.created', 'api_token.reowned']);
  });

  it('refuses a token whose creator was disabled by a path that skipped the revocation', async () => {
    const g = given(tdb.deps);
    await g.user({ territoryId, role: 'structure_manager', structureId, email: 'resp.direct@a.passnum.fr' });
    const manager = await login(app, 'resp.direct@a.passnum.fr');
    const { token } = (await manager.post('/api/api-tokens', { name: 'Outil' })).json();
    expect((await bearer(token)).statusCode).toBe(200);
    await tdb.deps.db.updateTable('users').set({ disabled_at: tdb.clock.now().toISOString() }).where('email', '=', 'resp.direct@a.passnum.fr').execute();
    expect((await bearer(token)).statusCode).toBe(401);
  });
});
