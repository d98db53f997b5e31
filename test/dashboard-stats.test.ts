import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobs } from '../src/jobs/registry.ts';
import { funnelCells } from '../src/repositories/read-models/funnel.ts';
import { moneyFigures } from '../src/repositories/read-models/money.ts';
import { summariseSessions } from '../src/domain/dashboard.ts';
import { funnelFromStats, moneyFromStats, sessionsFromStats } from '../src/repositories/read-models/dashboard-stats.ts';
import { sessionGroups } from '../src/repositories/read-models/people.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { expectStatsConsistent, statsSnapshot } from './helpers/stats.ts';
import { answersAt, issuanceScene, LIEVIN, type IssuanceScene } from './helpers/given-issuance.ts';

// The dashboards' maintained aggregates (src/repositories/stats.ts) must always equal a
// recomputation from the detail rows. Every step below goes through the application's own paths
// (HTTP and jobs) and is followed by that comparison: a write path that forgot to maintain the
// aggregates fails here.
describe(`dashboards' maintained aggregates stay equal to a recomputation (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let agent: Client;
  let manager: Client;
  let admin: Client;
  const booklets: Record<string, { id: string; tickets: { serial: string; code: string }[] }> = {};
  const redemptions: Record<string, string> = {};

  const snapshot = () => statsSnapshot(tdb);
  const expectConsistent = () => expectStatsConsistent(tdb);

  /** The clock moves between steps: sign in again (30-minute idle sessions). */
  const signIn = async () => {
    agent = await login(app, scene.agents.lievin.email);
    admin = await login(app, scene.admin.email);
    manager = await login(app, scene.manager.email);
  };

  const person = async (firstName: string, birthName: string) => {
    const created = await agent.post('/api/beneficiaries', { firstName, birthName, birthDate: '1958-06-21', communeInsee: LIEVIN, consent: true, priorityMarkers: ['qpv'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const diag = await agent.post(`/api/beneficiaries/${id}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'avec_aide'), needs: ['caf'] });
    expect(diag.statusCode, diag.body).toBe(201);
    return id;
  };
  const redeem = async (codes: string[], at: string) => {
    tdb.clock.set(at);
    manager = await login(app, scene.manager.email);
    const res = await manager.post('/api/redemptions', {
      clientRedemptionId: randomUUID(), codes,
      service: { format: 'collectif', themes: ['Email', 'NavigationSurInternet'], durationMinutes: 90, siteId: scene.structures.lievin.siteId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().redemptionId as string;
  };

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-02-02T09:00:00.000Z' });
    scene = await issuanceScene(tdb.deps);
    app = await createTestApp(tdb);
    agent = await login(app, scene.agents.lievin.email);
    admin = await login(app, scene.admin.email);
    await expectConsistent();
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('after hand-outs (booklets issued to three people)', async () => {
    for (const [key, first] of [['zoe', 'Zoé'], ['karim', 'Karim'], ['lea', 'Léa']] as const) {
      const id = await person(first, `Nom-${key}`);
      const res = await agent.post('/api/booklets', { beneficiaryId: id, campaignId: scene.campaign.id });
      expect(res.statusCode, res.body).toBe(201);
      booklets[key] = res.json().booklet;
    }
    const rebuilt = await expectConsistent();
    expect(rebuilt.calls).toHaveLength(3);
  });

  it('after redemptions (first use, all used) and an undo', async () => {
    redemptions.zoe = await redeem(booklets.zoe.tickets.slice(0, 2).map((t) => t.code), '2026-02-10T10:00:00.000Z');
    redemptions.karim = await redeem(booklets.karim.tickets.map((t) => t.code), '2026-03-03T23:30:00.000Z');
    redemptions.lea = await redeem([booklets.lea.tickets[0].code], '2026-03-04T10:00:00.000Z');
    await expectConsistent();
    const undo = await manager.post(`/api/redemptions/${redemptions.lea}/undo`, { reason: 'Mauvais carnet scanné' });
    expect(undo.statusCode, undo.body).toBe(200);
    await expectConsistent();
  });

  it('after five simultaneous redemptions of one person’s tickets (each counted once)', async () => {
    await signIn();
    const id = await person('Nina', 'Nom-nina');
    const res = await agent.post('/api/booklets', { beneficiaryId: id, campaignId: scene.campaign.id });
    expect(res.statusCode, res.body).toBe(201);
    const codes = (res.json().booklet.tickets as { code: string }[]).map((t) => t.code);
    const answers = await Promise.all(
      codes.map((code) =>
        manager.post('/api/redemptions', {
          clientRedemptionId: randomUUID(), codes: [code],
          service: { format: 'individuel', themes: ['Email'], durationMinutes: 60, siteId: scene.structures.lievin.siteId },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const rebuilt = await expectStatsConsistent(tdb);
    expect(rebuilt.cells.filter((c) => c.includes('"stat":"funnel"') && c.includes('"n3":1')).length).toBeGreaterThan(0);
  });

  it('after a follow-up diagnostic, a block and an unblock', async () => {
    await signIn();
    const zoe = (await tdb.deps.db.selectFrom('booklets').select('beneficiary_id').where('id', '=', booklets.zoe.id).executeTakeFirstOrThrow()).beneficiary_id!;
    const followup = await agent.post(`/api/beneficiaries/${zoe}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'seul'), needs: [], kind: 'followup' });
    expect(followup.statusCode, followup.body).toBe(201);
    await expectConsistent();
    expect((await admin.post(`/api/tickets/${booklets.zoe.tickets[4].serial}/block`, { reason: 'Suspicion de fraude' })).statusCode).toBe(200);
    await expectConsistent();
    expect((await admin.post(`/api/tickets/${booklets.zoe.tickets[4].serial}/unblock`, { reason: 'Vérifié' })).statusCode).toBe(200);
    await expectConsistent();
  });

  it('after a lost booklet is replaced', async () => {
    await signIn();
    const res = await agent.post(`/api/booklets/${booklets.zoe.id}/replacement`, { reason: 'Carnet perdu au marché', replace: true });
    expect(res.statusCode, res.body).toBe(200);
    await expectConsistent();
  });

  it('after claims are assembled, submitted and reviewed', async () => {
    tdb.clock.set('2026-04-02T09:00:00.000Z');
    await runJobs(tdb.deps, ['claims']);
    manager = await login(app, scene.manager.email);
    const claims = (await manager.get('/api/claims')).json();
    const list = (Array.isArray(claims) ? claims : claims.claims) as { id: string; status: string }[];
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      const res = await manager.post(`/api/claims/${c.id}/submit`, { attestation: true });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    await expectConsistent();
  });

  it('after tickets expire, and after the pending changes are folded', async () => {
    tdb.clock.set(`${scene.campaign.validity_end}T23:30:00.000Z`);
    tdb.clock.set(new Date(tdb.clock.now().getTime() + 86_400_000).toISOString());
    const [outcome] = await runJobs(tdb.deps, ['expiry']);
    expect(outcome.status).toBe('done');
    await expectConsistent();
    // Pending changes since the last rebuild, folded: the sums do not move.
    await redeem([booklets.lea.tickets[1].code], tdb.clock.now().toISOString()).catch(() => null);
    const before = await snapshot();
    await runJobs(tdb.deps, ['stats']);
    expect(Number((await tdb.deps.db.selectFrom('stats_pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('after a person’s data are erased (all tickets used)', async () => {
    await signIn();
    const karim = (await tdb.deps.db.selectFrom('booklets').select('beneficiary_id').where('id', '=', booklets.karim.id).executeTakeFirstOrThrow()).beneficiary_id!;
    const res = await agent.post(`/api/beneficiaries/${karim}/erasure`, { reason: 'Demande de la personne' });
    expect(res.statusCode, res.body).toBe(200);
    await expectConsistent();
  });

  it('answers the territory dashboards with the same figures as the detail rows', async () => {
    const scope = { territoryId: scene.territoryId, campaignId: scene.campaign.id };
    const today = '2026-04-02';
    const fromStats = await funnelFromStats(tdb.deps.db, scope);
    const fromDetail = await funnelCells(tdb.deps.db, tdb.deps.dialect, scope);
    const sortBy = <T>(xs: T[], f: (x: T) => string) => [...xs].sort((a, b) => f(a).localeCompare(f(b)));
    expect(sortBy(fromStats.groups, (g) => g.communeInsee + g.organisationId)).toEqual(sortBy(fromDetail.groups, (g) => g.communeInsee + g.organisationId));
    expect(await moneyFromStats(tdb.deps.db, scope, today)).toEqual(await moneyFigures(tdb.deps.db, scope, today));
    const sessions = await sessionsFromStats(tdb.deps.db, scope);
    expect(summariseSessions(sessions.groups, sessions.themes)).toEqual(summariseSessions(await sessionGroups(tdb.deps.db, scope)));
    expect(summariseSessions(sessions.groups, sessions.themes).byTheme.map((t) => t.id).sort()).toEqual(['Email', 'NavigationSurInternet']);
    await signIn();
    const funnel = (await admin.get(`/api/dashboards/funnel?campaignId=${scene.campaign.id}&from=2026-02-01&to=2026-02-28`)).json();
    expect(funnel.totals).toMatchObject({ handedOut: 3, firstUsed: 2, allUsed: 1 });
  });
});
