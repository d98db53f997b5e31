import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../src/domain/ticket-code.ts';
import { checkTicket } from '../src/usecases/redemption/check-ticket.ts';
import { redeemTickets } from '../src/usecases/redemption/redeem-tickets.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenApiToken, redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

// Issue #4, item 8: guessing codes is slowed per user, per token and per IP, without slowing the
// other structures; refusals are logged with a hash of the code, never the code.

const badCode = (i: number) => `ZZZZ-ZZZZ-ZZZZ-ZZZZ-${String(i).padStart(2, '0')}`;

describe(`abuse throttling of ticket checks and redemptions (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  let otherStructure: { id: string; siteId: string };
  let a: Client;
  let b: Client;
  let code: string;

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    const g = given(tdb.deps);
    otherStructure = await g.structure({ territoryId: scene.territoryId, accreditedFor: [scene.campaign.id] });
    await g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: otherStructure.id, email: 'b@throttle.test' });
    app = await createTestApp(tdb);
    a = await login(app, scene.mediator.email, undefined, '10.1.0.1');
    b = await login(app, 'b@throttle.test', undefined, '10.2.0.1');
    code = (await g.issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId })).tickets[0].code;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('after 10 unknown codes in a minute a mediator gets 429 for a while; another structure is not slowed', async () => {
    for (let i = 0; i < 10; i++) expect((await a.get(`/api/tickets/${badCode(i)}`)).statusCode).toBe(404);
    const limited = await a.get(`/api/tickets/${code}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    expect(limited.json().message).toMatch(/^Trop de codes erronés/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const redeem = await a.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [code], service: { ...SERVICE, siteId: scene.structure.siteId } });
    expect(redeem.statusCode).toBe(429);
    // the other structure checks the same genuine code normally
    expect((await b.get(`/api/tickets/${formatCode(code)}`)).statusCode).toBe(200);
    tdb.clock.advance(5 * 60_000 + 1_000);
    expect((await a.get(`/api/tickets/${code}`)).statusCode).toBe(200);
  });

  it('counts bad codes sent for redemption by an API token too', async () => {
    const t = await givenApiToken(tdb.deps, { territoryId: scene.territoryId, structureId: scene.structure.id, name: 'Caisse' });
    const post = (codes: string[]) =>
      app.inject({
        method: 'POST', url: '/api/redemptions', remoteAddress: '10.3.0.1', headers: { authorization: `Bearer ${t.token}` },
        payload: { clientRedemptionId: randomUUID(), codes, service: { ...SERVICE, siteId: scene.structure.siteId } },
      });
    for (let i = 0; i < 10; i++) expect((await post([badCode(i)])).statusCode).toBe(404);
    expect((await post([code])).statusCode).toBe(429);
  });

  it('does not count refusals of a genuine code (two scanners on one ticket never lock a desk out)', async () => {
    const t = await givenApiToken(tdb.deps, { territoryId: scene.territoryId, structureId: scene.structure.id, name: 'Scanner 2' });
    const used = (await given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId })).tickets[0].code;
    const post = (codes: string[]) =>
      app.inject({
        method: 'POST', url: '/api/redemptions', remoteAddress: '10.4.0.1', headers: { authorization: `Bearer ${t.token}` },
        payload: { clientRedemptionId: randomUUID(), codes, service: { ...SERVICE, siteId: scene.structure.siteId } },
      });
    expect((await post([used])).statusCode).toBe(201);
    for (let i = 0; i < 15; i++) expect((await post([used])).json().code).toBe('already_redeemed');
  });

  it('limits one IP across several tokens (30 failures a minute)', async () => {
    const tokens = await Promise.all([1, 2, 3, 4].map((n) => givenApiToken(tdb.deps, { territoryId: scene.territoryId, structureId: scene.structure.id, name: `T${n}` })));
    const check = (token: string, c: string) =>
      app.inject({ method: 'GET', url: `/api/tickets/${c}`, remoteAddress: '10.5.0.1', headers: { authorization: `Bearer ${token}` } });
    for (const t of tokens.slice(0, 3)) for (let i = 0; i < 9; i++) expect((await check(t.token, badCode(i))).statusCode).toBe(404);
    for (let i = 0; i < 3; i++) expect((await check(tokens[3].token, badCode(i))).statusCode).toBe(404);
    // 30 failures from 10.5.0.1: a fresh token from the same IP is paused too
    expect((await check(tokens[3].token, code)).statusCode).toBe(429);
  });

  it('limits the public check per IP', async () => {
    const post = (c: string, ip: string) => app.inject({ method: 'POST', url: '/api/public/ticket-check', payload: { code: c }, remoteAddress: ip });
    for (let i = 0; i < 10; i++) expect((await post(badCode(i), '10.6.0.1')).statusCode).toBe(404);
    expect((await post(code, '10.6.0.1')).statusCode).toBe(429);
    expect((await post(code, '10.6.0.2')).statusCode).toBe(200);
  });

  it('logs refused attempts with a keyed hash of the code, never the code itself', async () => {
    const events: Record<string, unknown>[] = [];
    const ctx = { ip: '10.7.0.1', log: (e: Record<string, unknown>) => events.push(e) };
    const unknown = badCode(42);
    await expect(checkTicket(tdb.deps, scene.mediator.actor, { code: unknown }, ctx)).rejects.toMatchObject({ code: 'invalid_code' });
    const b2 = await given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
    const real = b2.tickets[0].code;
    const input = { clientRedemptionId: randomUUID(), codes: [real], service: { ...SERVICE, siteId: scene.structure.siteId } };
    await redeemTickets(tdb.deps, scene.mediator.actor, input, ctx);
    await expect(redeemTickets(tdb.deps, scene.mediator.actor, { ...input, clientRedemptionId: randomUUID() }, ctx)).rejects.toMatchObject({ code: 'already_redeemed' });
    expect(events.map((e) => [e.action, e.reason])).toEqual([['check', 'invalid_code'], ['redeem', 'already_redeemed']]);
    expect(events[0]).toMatchObject({ event: 'ticket_attempt_refused', ip: '10.7.0.1', actorId: scene.mediator.id, structureId: scene.structure.id });
    expect(events[1].codeHashes).toEqual([tdb.deps.secrets.hashCode(real).slice(0, 16)]);
    const logged = JSON.stringify(events);
    for (const c of [unknown, unknown.replace(/-/g, ''), real, formatCode(real)]) expect(logged).not.toContain(c);
  });
});
