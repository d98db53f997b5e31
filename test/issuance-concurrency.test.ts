import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDiagnostic } from '../src/usecases/intake/record-diagnostic.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { answersAt, issuanceScene, LENS, type IssuanceScene } from './helpers/given-issuance.ts';
import { listen } from './helpers/http-load.ts';

// Issue #3: "twenty simultaneous issuances for the last five places give five booklets, and
// fifteen clear refusals" — and the same for a session's seats. Real parallel HTTP requests on a
// listening server; on PostgreSQL the pool runs them on 20 connections at once.

describe(`quota and capacity under concurrency (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let scene: IssuanceScene;
  let agent: Client;

  beforeAll(async () => {
    tdb = await createTestDb({ poolSize: 20 });
    scene = await issuanceScene(tdb.deps, { quotas: { [LENS]: 12 } });
    // Seven places of Lens already used: five are left.
    await tdb.deps.db.updateTable('commune_quotas').set({ issued: 7 }).where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', LENS).execute();
    app = await createTestApp(tdb);
    baseUrl = await listen(app);
    agent = await login(app, scene.agents.lens.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const post = (url: string, body: unknown) =>
    fetch(`${baseUrl}${url}`, { method: 'POST', headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (r) => ({ status: r.status, body: await r.json() }));

  const people = async (n: number, prefix: string) => {
    const g = given(tdb.deps);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const b = await g.beneficiary({ territoryId: scene.territoryId, organisationId: scene.orgs.lens, firstName: `${prefix}${i}`, birthName: 'Parallèle', communeInsee: LENS });
      await recordDiagnostic(tdb.deps, scene.agents.lens.actor, b.id, { version: scene.model.version, answers: answersAt(scene.model, 'jamais'), needs: ['caf'] });
      ids.push(b.id);
    }
    return ids;
  };
  const tally = (answers: { status: number; body: { code?: string } }[]) => {
    const out: Record<string, number> = {};
    for (const a of answers) out[a.status === 201 ? '201' : `${a.status} ${a.body.code}`] = (out[a.status === 201 ? '201' : `${a.status} ${a.body.code}`] ?? 0) + 1;
    return out;
  };

  it('20 simultaneous issuances for the last 5 places of a commune: 5 booklets, 15 quota refusals', async () => {
    const ids = await people(20, 'Quota');
    const answers = await Promise.all(ids.map((beneficiaryId) => post('/api/booklets', { beneficiaryId, campaignId: scene.campaign.id })));
    expect(tally(answers)).toEqual({ '201': 5, '409 quota_exhausted': 15 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toMatch(/^Le quota de carnets de Lens est atteint/);
    const quota = await tdb.deps.db.selectFrom('commune_quotas').select(['issued', 'quota']).where('campaign_id', '=', scene.campaign.id).where('commune_insee', '=', LENS).executeTakeFirstOrThrow();
    expect(quota).toEqual({ issued: 12, quota: 12 });
    const booklets = await tdb.deps.db.selectFrom('booklets').select('id').where('campaign_id', '=', scene.campaign.id).where('beneficiary_id', 'in', ids).execute();
    expect(booklets).toHaveLength(5);
    const tickets = await tdb.deps.db.selectFrom('tickets').select('id').where('booklet_id', 'in', booklets.map((b) => b.id)).execute();
    expect(tickets).toHaveLength(25);
    const audits = await tdb.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'booklet.issued').where('target_id', 'in', booklets.map((b) => b.id)).execute();
    expect(audits).toHaveLength(5);
  });

  it('10 simultaneous issuances for one person: one booklet, nine duplicate refusals naming it', async () => {
    const campaign = await given(tdb.deps).campaign({ territoryId: scene.territoryId, name: 'Pass parallèle' });
    const [id] = await people(1, 'Double');
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/api/booklets', { beneficiaryId: id, campaignId: campaign.id })));
    expect(tally(answers)).toEqual({ '201': 1, '409 duplicate_beneficiary': 9 });
    const serial = answers.find((a) => a.status === 201)!.body.booklet.serial;
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toContain(serial);
    const quota = await tdb.deps.db.selectFrom('commune_quotas').select('issued').where('campaign_id', '=', campaign.id).where('commune_insee', '=', LENS).executeTakeFirstOrThrow();
    expect(quota.issued).toBe(1);
  });

  it('20 simultaneous bookings for the last 5 seats: 5 bookings, 15 session_full refusals', async () => {
    const manager = await login(app, scene.manager.email);
    const startsAt = new Date(tdb.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const created = await manager.post('/api/training-sessions', { siteId: scene.structures.lievin.siteId, title: 'Atelier très demandé', theme: 'E-mail', format: 'collectif', startsAt, durationMinutes: 120, capacity: 8 });
    const sessionId = created.json().id as string;
    await tdb.deps.db.updateTable('training_sessions').set({ booked: 3 }).where('id', '=', sessionId).execute();
    const ids = await people(20, 'Seat');
    const answers = await Promise.all(ids.map((beneficiaryId) => post(`/api/training-sessions/${sessionId}/bookings`, { beneficiaryId })));
    expect(tally(answers)).toEqual({ '201': 5, '409 session_full': 15 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toMatch(/est complète/);
    const s = await tdb.deps.db.selectFrom('training_sessions').select(['booked', 'capacity']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(s).toEqual({ booked: 8, capacity: 8 });
    const live = await tdb.deps.db.selectFrom('bookings').select('id').where('session_id', '=', sessionId).where('cancelled_at', 'is', null).execute();
    expect(live).toHaveLength(5);
  });
});
