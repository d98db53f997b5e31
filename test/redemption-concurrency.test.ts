import type { ChildProcess } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, type RedemptionScene } from './helpers/given-redemption.ts';
import { exactlyOnceViolations, hammer, listen, spawnApp, stopApp, verdict } from './helpers/http-load.ts';
import { unguardedRedemption } from './helpers/unguarded-redemption.ts';

// Issue #4, "Exactly once": fifty scanners send the same code at the same instant, through real
// HTTP connections; one succeeds, the others are refused, and the database holds one redemption
// and one audit entry. The negative control removes the guard and shows the same check failing.

describe(`redemption exactly once under concurrency (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let scene: RedemptionScene;

  beforeAll(async () => {
    tdb = await createTestDb({ poolSize: 20 });
    scene = await redemptionScene(tdb.deps);
    app = await createTestApp(tdb);
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  /** The same app with the guarded write replaced by an unguarded one, under the given configuration. */
  async function withUnguardedApp<T>(mode: 'off' | 'no-conditional', run: (url: string) => Promise<T>, env: 'test' | 'development' = 'test'): Promise<T> {
    const deps = { ...tdb.deps, config: { ...tdb.deps.config, env }, testDoubles: { redemptionWrite: unguardedRedemption(mode) } };
    const unguarded = await createTestApp({ ...tdb, deps });
    try {
      return await run(await listen(unguarded));
    } finally {
      await unguarded.close();
    }
  }

  const freshTicket = async () => {
    const booklet = await given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
    return booklet.tickets[0];
  };

  it('50 parallel HTTP requests on one code: one ok, 49 already_redeemed, one redemption row, one audit entry', async () => {
    const ticket = await freshTicket();
    const answers = await hammer([baseUrl], scene.token.token, ticket.code, scene.structure.siteId, 50);
    const v = await verdict(tdb.deps, ticket.id, answers);
    expect(exactlyOnceViolations(v)).toEqual([]);
    expect(v.refusals).toEqual({ '409 already_redeemed': 49 });
    const refusal = answers.find((a) => a.status === 409)!.body;
    expect(refusal.details).toMatchObject({ serial: ticket.serial, structureName: scene.structure.name });
    expect(refusal.message).toContain(scene.structure.name);
    const row = await tdb.deps.db.selectFrom('tickets').select(['status', 'structure_id']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'redeemed', structure_id: scene.structure.id });
  });

  it('negative control: with the guard switched off, the same check detects the double redemption', async () => {
    const ticket = await freshTicket();
    const answers = await withUnguardedApp('off', (url) => hammer([url], scene.token.token, ticket.code, scene.structure.siteId, 50));
    const v = await verdict(tdb.deps, ticket.id, answers);
    expect(v.oks).toBeGreaterThan(1);
    expect(v.auditEntries).toBeGreaterThan(1);
    expect(exactlyOnceViolations(v)).toContain(`${v.oks} successful redemptions instead of 1`);
  });

  it('with only the conditional update removed, the unique index one_live_redemption_per_ticket still holds', async () => {
    const ticket = await freshTicket();
    const answers = await withUnguardedApp('no-conditional', (url) => hammer([url], scene.token.token, ticket.code, scene.structure.siteId, 50));
    const v = await verdict(tdb.deps, ticket.id, answers);
    expect(exactlyOnceViolations(v)).toEqual([]);
    expect(v.refusals).toEqual({ '409 already_redeemed': 49 });
  });

  it('the unguarded write is ignored outside the test environment', async () => {
    const ticket = await freshTicket();
    const answers = await withUnguardedApp('off', (url) => hammer([url], scene.token.token, ticket.code, scene.structure.siteId, 20), 'development');
    expect(exactlyOnceViolations(await verdict(tdb.deps, ticket.id, answers))).toEqual([]);
  });

  describe.runIf(process.env.DATABASE_URL)('two app processes sharing the PostgreSQL database', () => {
    const children: ChildProcess[] = [];
    const urls: string[] = [];
    beforeAll(async () => {
      const env = { DATABASE_URL: tdb.connection.databaseUrl, PASSNUM_PG_SCHEMA: tdb.connection.pgSchema };
      const started = await Promise.all([spawnApp(env), spawnApp(env)]);
      for (const s of started) {
        children.push(s.child);
        urls.push(s.url);
      }
    });
    afterAll(async () => {
      await Promise.all(children.map(stopApp));
    });

    it('50 requests split over two processes: one ok, one redemption row, one audit entry', async () => {
      const ticket = await freshTicket();
      const answers = await hammer(urls, scene.token.token, ticket.code, scene.structure.siteId, 50);
      const v = await verdict(tdb.deps, ticket.id, answers);
      expect(exactlyOnceViolations(v)).toEqual([]);
      expect(v.refusals).toEqual({ '409 already_redeemed': 49 });
    });

    it('and the in-process app joins them: three processes, still exactly once', async () => {
      const ticket = await freshTicket();
      const answers = await hammer([...urls, baseUrl], scene.token.token, ticket.code, scene.structure.siteId, 51);
      expect(exactlyOnceViolations(await verdict(tdb.deps, ticket.id, answers))).toEqual([]);
    });
  });
});
