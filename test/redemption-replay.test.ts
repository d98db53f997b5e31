import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';
import { listen, postRedemption } from './helpers/http-load.ts';

// Issue #4, item 4: a scanner retries with the clientRedemptionId it generated when it read the
// code; it gets the original answer, never a second redemption.

describe(`redemption retries (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let scene: RedemptionScene;

  const booklet = () => given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
  const body = (clientRedemptionId: string, codes: string[]) => ({ clientRedemptionId, codes, service: { ...SERVICE, siteId: scene.structure.siteId } });
  const redemptionRows = (ticketId: string) => tdb.deps.db.selectFrom('redemptions').selectAll().where('ticket_id', '=', ticketId).execute();
  const audits = (ticketId: string) =>
    tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', ticketId).where('action', '=', 'ticket.redeemed').execute();

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    app = await createTestApp(tdb);
    // Test-only: hold the answer of marked requests after the commit, so the client can drop first.
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.headers['x-test-hold-answer']) await sleep(1500);
      return payload;
    });
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('the same request sent again returns the original result marked replay, without redeeming twice', async () => {
    const b = await booklet();
    const id = randomUUID();
    const first = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code, b.tickets[1].code]));
    expect(first.status).toBe(201);
    expect(first.body.replay).toBe(false);
    tdb.clock.advance(5_000);
    // same codes, typed differently and in another order
    const again = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[1].code.toLowerCase(), b.tickets[0].code]));
    expect(again.status).toBe(201);
    const { replay, ...rest } = again.body;
    expect(replay).toBe(true);
    expect(rest).toEqual({ ...first.body, replay: undefined });
    expect(await redemptionRows(b.tickets[0].id)).toHaveLength(1);
    expect(await audits(b.tickets[0].id)).toHaveLength(1);
  });

  it('the same id with other codes is refused with 422 replay_mismatch, and those codes stay unused', async () => {
    const b = await booklet();
    const id = randomUUID();
    expect((await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]))).status).toBe(201);
    const other = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[2].code]));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'replay_mismatch', details: { clientRedemptionId: id } });
    expect(other.body.message).toMatch(/déjà servi pour d’autres tickets/);
    const t = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[2].id).executeTakeFirstOrThrow();
    expect(t.status).toBe('issued');
  });

  it('a double tap (ten identical requests at once) gives one redemption and nine replays', async () => {
    const b = await booklet();
    const id = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.filter((a) => !a.body.replay)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.redemptionId)).size).toBe(1);
    expect(await redemptionRows(b.tickets[0].id)).toHaveLength(1);
    expect(await audits(b.tickets[0].id)).toHaveLength(1);
  });

  it('a scanner whose connection dropped after the server committed gets its answer on retry', async () => {
    const b = await booklet();
    const id = randomUUID();
    const abort = new AbortController();
    const lost = postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]), {
      headers: { 'x-test-hold-answer': '1' },
      signal: abort.signal,
    }).catch((e: Error) => e);
    // wait for the commit, then drop the connection before the answer arrives
    for (let i = 0; i < 100; i++) {
      const committed = await tdb.deps.db.selectFrom('redemption_requests').select('id').where('client_redemption_id', '=', id).executeTakeFirst();
      if (committed) break;
      await sleep(20);
    }
    abort.abort();
    const dropped = await lost;
    expect(dropped).toBeInstanceOf(Error);
    expect((dropped as Error).name).toBe('AbortError');
    const retry = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]));
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ outcome: 'ok', replay: true, tickets: [{ serial: b.tickets[0].serial }] });
    expect(await redemptionRows(b.tickets[0].id)).toHaveLength(1);
    expect(await audits(b.tickets[0].id)).toHaveLength(1);
  });

  it('a retry after an undo does not redeem the ticket again', async () => {
    const b = await booklet();
    const id = randomUUID();
    const first = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]));
    const undo = await fetch(`${baseUrl}/api/redemptions/${first.body.redemptionId}/undo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scene.token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Erreur de ticket' }),
    });
    expect(undo.status).toBe(200);
    const retry = await postRedemption(baseUrl, scene.token.token, body(id, [b.tickets[0].code]));
    expect(retry.body).toMatchObject({ replay: true, undone: true });
    const t = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', b.tickets[0].id).executeTakeFirstOrThrow();
    expect(t.status).toBe('issued');
  });
});
