import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDiagnostic } from '../src/usecases/intake/record-diagnostic.ts';
import { DIAGNOSTIC_MODEL_V1 } from '../src/db/migrations/20261127002000_insert_diagnostic_model.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { answersAt, issuanceScene, LIEVIN, type IssuanceScene } from './helpers/given-issuance.ts';

// Issue #18, items 3–4: one baseline per person (a same-day re-diagnosis edits it, a later one is
// a follow-up), the same questionnaire version enforced, « Avez-vous pu le faire vous-même ? » per
// need, a follow-up by the mediator who trained the person, autonomy recorded with the redemption.

describe(`baseline, follow-up and session autonomy (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let agent: Client;
  let manager: Client;
  const v2 = () => scene.model;
  /** At ease everywhere except online procedures. */
  const easyExceptProcedures = () => Object.fromEntries(v2().questions.map((q) => [q.id, q.areaId === null ? q.options[0].id : q.areaId === 'demarches' ? 'jamais' : 'seul']));

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await issuanceScene(tdb.deps);
    app = await createTestApp(tdb);
    agent = await login(app, scene.agents.lievin.email);
    manager = await login(app, scene.manager.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  /** Moves the clock and signs in again (sessions expire when idle). */
  const at = async (iso: string) => {
    tdb.clock.set(iso);
    agent = await login(app, scene.agents.lievin.email);
    manager = await login(app, scene.manager.email);
  };
  const register = async (firstName: string) => {
    const res = await agent.post('/api/beneficiaries', { firstName, birthName: 'Delattre', birthDate: '1961-04-02', communeInsee: LIEVIN, consent: true });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const initials = async (id: string) =>
    tdb.deps.db.selectFrom('diagnostics').selectAll().where('beneficiary_id', '=', id).where('kind', '=', 'initial').execute();

  let nadia: string;
  let baselineId: string;
  let booklet: { id: string; tickets: { code: string }[] };

  it('finds her eligible with the reason named, then a same-day re-diagnosis edits the baseline', async () => {
    await at('2026-03-16T08:00:00.000Z');
    nadia = await register('Nadia');
    const first = await agent.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', answers: easyExceptProcedures(), needs: ['proches'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ recordedAs: 'created', kind: 'initial', perArea: true });
    expect(first.json().eligibility.eligible).toBe(false);
    baselineId = first.json().id;

    await at('2026-03-16T15:30:00.000Z');
    const again = await agent.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', answers: easyExceptProcedures(), needs: ['caf', 'proches'] });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ recordedAs: 'edited', id: baselineId, kind: 'initial' });
    const demarches = again.json().areas.find((a: { areaId: string }) => a.areaId === 'demarches');
    expect(demarches).toMatchObject({ level: 'sans_autonomie', coopLabel: 'Avec guidage', observed: true });
    expect(again.json().eligibility.eligible).toBe(true);
    expect(again.json().eligibility.checks.find((c: { rule: string }) => c.rule === 'profile').message).toMatch(/Faire une démarche en ligne.*CAF/);
    const rows = await initials(nadia);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].needs)).toEqual(['caf', 'proches']);
    expect(rows[0].updated_at).toBe('2026-03-16T15:30:00.000Z');
  });

  it('keeps one baseline per person in the database itself', async () => {
    const row = (await initials(nadia))[0];
    await expect(tdb.deps.db.insertInto('diagnostics').values({ ...row, id: randomUUID() }).execute()).rejects.toThrow();
  });

  it('records the autonomy of each theme worked with the redemption, and refuses a theme not worked', async () => {
    const issued = await agent.post('/api/booklets', { beneficiaryId: nadia, campaignId: scene.campaign.id });
    expect(issued.statusCode, issued.body).toBe(201);
    booklet = issued.json().booklet;
    const service = { format: 'individuel', themes: ['AideAuxDemarchesAdministratives', 'SocialSante'], durationMinutes: 60, siteId: scene.structures.lievin.siteId };
    const bad = await manager.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [booklet.tickets[0].code], service, autonomy: [{ theme: 'Email', level: 'Autonome' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toMatch(/E-mail.*n’est pas cochée/);
    expect(await tdb.deps.db.selectFrom('tickets').select('status').where('booklet_id', '=', booklet.id).where('idx', '=', 1).executeTakeFirstOrThrow()).toEqual({ status: 'issued' });

    const levels = [['EntierementAccompagne'], ['PartiellementAutonome'], ['Autonome'], ['Autonome'], ['Autonome']];
    for (const [i, [level]] of levels.entries()) {
      await at(`2026-03-${20 + i}T09:00:00.000Z`);
      const res = await manager.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [booklet.tickets[i].code], service, autonomy: [{ theme: 'AideAuxDemarchesAdministratives', level }] });
      expect(res.statusCode, res.body).toBe(201);
      const prompt = (await manager.get(`/api/redemptions/${res.json().redemptionId}/followup`)).json();
      expect(prompt).toMatchObject({ beneficiaryId: nadia, firstName: 'Nadia', ticketsLeft: 4 - i, followupSuggested: i === 4 });
    }
    const rows = await tdb.deps.db.selectFrom('session_autonomy').selectAll().where('beneficiary_id', '=', nadia).orderBy('recorded_at').execute();
    expect(rows.map((r) => r.level)).toEqual(['EntierementAccompagne', 'PartiellementAutonome', 'Autonome', 'Autonome', 'Autonome']);
  });

  it('lets the structure that trained her record the follow-up, with the baseline’s version and her needs', async () => {
    await at('2026-04-02T09:00:00.000Z');
    const form = await manager.get(`/api/beneficiaries/${nadia}/followup`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ person: { firstName: 'Nadia' }, baseline: { id: baselineId, version: 'v2' }, followups: 0, model: { version: 'v2' } });
    expect(form.json().baseline.needs.map((n: { id: string }) => n.id)).toEqual(['caf', 'proches']);

    const badOutcome = await manager.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', kind: 'followup', answers: answersAt(v2(), 'seul'), needs: ['caf'], needOutcomes: { impots: 'oui' } });
    expect(badOutcome.statusCode).toBe(422);
    expect(badOutcome.json().message).toMatch(/ne fait pas partie des besoins/);
    const res = await manager.post(`/api/beneficiaries/${nadia}/diagnostics`, {
      version: 'v2', kind: 'followup', answers: { ...answersAt(v2(), 'seul'), dem_compte: 'seul_parfois_aide' }, needs: ['caf', 'proches'], needOutcomes: { caf: 'oui', proches: 'avec_aide' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'followup', recordedAs: 'followup', previousId: baselineId, needOutcomes: { caf: 'oui', proches: 'avec_aide' }, campaigns: [] });
    expect(res.json().baselineAreas.find((a: { areaId: string }) => a.areaId === 'demarches').level).toBe('sans_autonomie');
    expect(res.json().areas.find((a: { areaId: string }) => a.areaId === 'demarches').level).toBe('autonome');
    // An intake on a later day is a follow-up too, never a second baseline.
    const later = await agent.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', answers: answersAt(v2(), 'seul'), needs: ['caf'] });
    expect(later.json()).toMatchObject({ recordedAs: 'followup', kind: 'followup', previousId: baselineId });
    expect(await initials(nadia)).toHaveLength(1);
  });

  it('shows the evaluation to the admin, with fewer than 5 people hidden', async () => {
    const admin = await login(app, scene.admin.email);
    const res = await admin.get(`/api/dashboards/evaluation?campaignId=${scene.campaign.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ peopleWithBaseline: null, peopleWithFollowup: null, followupPercent: null });
    expect(res.json().themes.map((t: { id: string }) => t.id)).toContain('AideAuxDemarchesAdministratives');
  });

  it('refuses a structure that did not train the person, and a structure’s initial diagnostic', async () => {
    const g = given(tdb.deps);
    const other = await g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: scene.structures.lens.id });
    const stranger = await login(app, other.email);
    expect((await stranger.get(`/api/beneficiaries/${nadia}/followup`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', kind: 'followup', answers: answersAt(v2(), 'seul'), needs: [] })).statusCode).toBe(404);
    expect((await manager.post(`/api/beneficiaries/${nadia}/diagnostics`, { version: 'v2', answers: answersAt(v2(), 'seul'), needs: [] })).statusCode).toBe(403);
  });

  it('refuses a follow-up with another version than the baseline’s: v1 stays comparable only with v1', async () => {
    const old = await register('Odette');
    await at('2026-04-03T09:00:00.000Z');
    const v1Answers = Object.fromEntries(DIAGNOSTIC_MODEL_V1.questions.map((q) => [q.id, q.areaId === null ? q.options[0].id : 'avec_aide']));
    await recordDiagnostic(tdb.deps, scene.agents.lievin.actor, old, { version: 'v1', answers: v1Answers, needs: ['caf'] });
    await at('2026-05-03T09:00:00.000Z');
    const res = await agent.post(`/api/beneficiaries/${old}/diagnostics`, { version: 'v2', kind: 'followup', answers: answersAt(v2(), 'seul'), needs: ['caf'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ details: { field: 'version', baselineVersion: 'v1' } });
    expect(res.json().message).toMatch(/même questionnaire/);
    const form = (await agent.get(`/api/beneficiaries/${old}/followup`)).json();
    expect(form.model.version).toBe('v1');
    const ok = await agent.post(`/api/beneficiaries/${old}/diagnostics`, { version: 'v1', kind: 'followup', answers: v1Answers, needs: ['caf'], needOutcomes: { caf: 'non' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
