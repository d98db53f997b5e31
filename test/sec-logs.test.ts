import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../src/domain/ticket-code.ts';
import { buildApp } from '../src/http/app.ts';
import { login } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { mailedPasswordToken } from './helpers/outbox-links.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

// Finding 2: no secret and no personal data in any log line. A full scenario runs with the
// request log on; then every code, token, name and birth date it used is searched in the log.
describe(`no secret nor personal data in the log (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  const lines: string[] = [];
  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    tdb.deps.config.logLevel = 'debug';
    app = await buildApp(tdb.deps, { serveWeb: false, logger: true, logStream: { write: (line: string) => void lines.push(line) } });
  });
  afterAll(async () => {
    tdb.deps.config.logLevel = 'silent';
    await app.close();
    await tdb.close();
  });

  it('keeps ticket codes, link tokens, API tokens, names and birth dates out of a full scenario’s log', async () => {
    const g = given(tdb.deps);
    const person = { firstName: 'Ysoline', birthName: 'Kerbrat-Quéméneur', birthDate: '1947-08-23' };
    const beneficiary = await g.beneficiary({ territoryId: scene.territoryId, organisationId: scene.organisationId, ...person });
    const booklet = await g.issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId, beneficiaryId: beneficiary.id });
    const codes = booklet.tickets.map((t) => t.code);
    await g.user({ territoryId: scene.territoryId, role: 'agent', organisationId: scene.organisationId, email: 'agent-journal@test.passnum.fr' });
    await g.user({ territoryId: scene.territoryId, role: 'admin', email: 'admin-journal@test.passnum.fr' });
    const agent = await login(app, 'agent-journal@test.passnum.fr');
    const mediator = await login(app, scene.mediator.email);
    const admin = await login(app, 'admin-journal@test.passnum.fr');

    // An agent searches the person by name and birth date, and opens the record.
    for (const q of ['Kerbrat', 'ysoline', 'Kerbrat-Quéméneur']) {
      expect((await agent.get(`/api/beneficiaries?q=${encodeURIComponent(q)}&birthDate=${person.birthDate}`)).statusCode).toBe(200);
    }
    expect((await agent.get(`/api/beneficiaries/${beneficiary.id}`)).statusCode).toBe(200);
    // A mediator checks tickets (typed formatted, or raw), then redeems one; the public checks one.
    expect((await mediator.get(`/api/tickets/${encodeURIComponent(formatCode(codes[0]))}`)).statusCode).toBe(200);
    expect((await mediator.get(`/api/tickets/${codes[1]}`)).statusCode).toBe(200);
    const wrong = `${codes[2].slice(0, -1)}${codes[2].endsWith('A') ? 'B' : 'A'}`;
    expect((await mediator.get(`/api/tickets/${wrong}`)).statusCode).toBeGreaterThanOrEqual(400);
    const redeemed = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [codes[3]], service: { ...SERVICE, siteId: scene.structure.siteId } });
    expect(redeemed.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/public/ticket-check', payload: { code: codes[4] } })).statusCode).toBe(200);
    // An integration uses its token.
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { authorization: `Bearer ${scene.token.token}` } })).statusCode).toBe(200);
    // An admin issues a password link; the person opens the page and sets a password.
    const link = await admin.post(`/api/users/${scene.mediator.id}/password-link`);
    expect(link.statusCode).toBe(201);
    const linkToken = await mailedPasswordToken(tdb.deps, scene.mediator.email);
    await app.inject({ method: 'GET', url: `/mot-de-passe/${linkToken}` });
    expect((await app.inject({ method: 'POST', url: `/api/password-links/${linkToken}`, payload: { password: 'Un mot de passe vraiment solide 2026' } })).statusCode).toBe(204);
    expect((await agent.delete('/api/session')).statusCode).toBe(204);

    const log = lines.join('');
    // The log did record the scenario (the test would see secrets if they were written).
    expect(log).toContain('"url":"/api/tickets/');
    expect(log).toContain('"url":"/api/beneficiaries?');
    expect(log).toContain('"url":"/api/password-links/');
    const secrets = [
      ...codes, ...codes.map(formatCode), ...codes.map((c) => encodeURIComponent(formatCode(c))), wrong,
      linkToken, scene.token.token, mediator.cookie.split('=')[1], mediator.csrf,
      person.firstName, person.birthName, encodeURIComponent(person.birthName), 'Kerbrat', 'ysoline', person.birthDate, '23/08/1947',
    ];
    for (const secret of secrets) expect(log.toLowerCase(), secret).not.toContain(secret.toLowerCase());
  });
});
