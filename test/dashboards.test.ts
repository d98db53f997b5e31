import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { buildFollowupScenario, type FollowupScenario } from './helpers/followup-scenario.ts';

describe(`dashboards on a known scenario (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let s: FollowupScenario;
  let admin: Client;
  let agentLens: Client;
  let auditor: Client;
  let manager: Client;
  const emails: Record<string, string> = {};
  const signIn = async () => {
    admin = await login(app, emails.admin);
    agentLens = await login(app, emails.agent);
    auditor = await login(app, emails.auditor);
    manager = await login(app, emails.manager);
  };

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    s = await buildFollowupScenario(tdb);
    const g = given(tdb.deps);
    const mk = async (role: 'admin' | 'auditor' | 'agent' | 'structure_manager', extra: { organisationId?: string; structureId?: string } = {}) =>
      (await g.user({ territoryId: s.territoryId, role, ...extra })).email;
    app = await createTestApp(tdb);
    emails.admin = await mk('admin');
    emails.agent = await mk('agent', { organisationId: s.organisations.lens });
    emails.auditor = await mk('auditor');
    emails.manager = await mk('structure_manager', { structureId: s.structures.s1.id });
    await signIn();
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('gives the funnel of a campaign: quota, handed out, first used, all used, by commune and organisation', async () => {
    const res = await admin.get(`/api/dashboards/funnel?campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({ quota: 360, handedOut: 4, firstUsed: 3, allUsed: 1, firstUsedPercent: 75, allUsedPercent: 25 });
    const lens = body.byCommune.find((c: { inseeCode: string }) => c.inseeCode === '62498');
    const lievin = body.byCommune.find((c: { inseeCode: string }) => c.inseeCode === '62510');
    expect(lens).toMatchObject({ name: 'Lens', quota: 10, handedOut: 2, firstUsed: 2, allUsed: 1 });
    expect(lievin).toMatchObject({ name: 'Liévin', quota: 10, handedOut: 2, firstUsed: 1, allUsed: 0 });
    expect(body.byCommune).toHaveLength(36);
    expect(body.byOrganisation).toEqual([
      expect.objectContaining({ name: 'Mairie de Lens', handedOut: 2, firstUsed: 2, allUsed: 1 }),
      expect.objectContaining({ name: 'Mairie de Liévin', handedOut: 2, firstUsed: 1, allUsed: 0 }),
    ]);
    // Days to first use: D 0, A 3, B 10 → median 3, average 4.3.
    expect(body.timeToFirstUse).toMatchObject({ people: 3, medianDays: 3, averageDays: 4.3 });
    expect(body.timeToFirstUse.bands.map((b: { people: number }) => b.people)).toEqual([1, 1, 1, 0, 0]);
  });

  it('filters the funnel by hand-out period and counts every campaign without filter', async () => {
    const march = (await admin.get(`/api/dashboards/funnel?campaignId=${s.campaign.id}&from=2026-03-01&to=2026-03-31`)).json();
    expect(march.totals).toMatchObject({ handedOut: 2, firstUsed: 1, allUsed: 0 });
    expect(march.scope).toMatchObject({ level: 'territory', from: '2026-03-01', to: '2026-03-31' });
    const all = (await admin.get('/api/dashboards/funnel')).json();
    // E (campaign 2025) adds one person, first use after 31 days: days 0, 3, 10, 31 → median 3.
    expect(all.totals).toMatchObject({ quota: 720, handedOut: 5, firstUsed: 4, allUsed: 1 });
    expect(all.timeToFirstUse).toMatchObject({ people: 4, medianDays: 3, averageDays: 11 });
  });

  it('counts people trained, sessions by theme, format and duration, the priority public and autonomy', async () => {
    const res = await admin.get(`/api/dashboards/people?campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ trainedPeople: 3, handedOutPeople: 4, trainedPercent: 75 });
    expect(body.sessions).toMatchObject({ sessions: 6, tickets: 8 });
    const themes = Object.fromEntries(body.sessions.byTheme.map((t: { id: string; sessions: number }) => [t.id, t.sessions]));
    expect(themes).toEqual({ Email: 3, AideAuxDemarchesAdministratives: 3, NavigationSurInternet: 1, Bureautique: 1 });
    expect(body.sessions.byTheme.find((t: { id: string }) => t.id === 'Email').label).toBe('E-mail');
    const formats = Object.fromEntries(body.sessions.byFormat.map((t: { id: string; sessions: number }) => [t.id, t.sessions]));
    expect(formats).toEqual({ individuel: 4, collectif: 2 });
    expect(body.sessions.byDuration.map((d: { sessions: number }) => d.sessions)).toEqual([1, 2, 2, 1]);
    expect(body.priorityPublic.handedOut).toMatchObject({ people: 4, priorityPeople: 2, priorityPercent: 50 });
    expect(body.priorityPublic.handedOut.byMarker).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'senior', people: 1 }), expect.objectContaining({ id: 'qpv', people: 1 }), expect.objectContaining({ id: 'rsa', people: 1 })]),
    );
    expect(body.priorityPublic.trained).toMatchObject({ people: 3, priorityPeople: 1, priorityPercent: 33.3 });
    const profiles = Object.fromEntries(body.autonomy.profiles.map((p: { id: string; intake: number; followup: number }) => [p.id, [p.intake, p.followup]]));
    expect(profiles).toEqual({ sans_autonomie: [1, 1], debutant: [2, 0], intermediaire: [1, 1], autonome: [0, 0] });
    expect(body.autonomy).toMatchObject({ peopleWithIntake: 4, peopleWithFollowup: 2, improved: 1, same: 1, declined: 0 });
  });

  it('gives the money: budget, issued, redeemed, claimed, approved, paid, unused', async () => {
    const c = (await admin.get(`/api/dashboards/money?campaignId=${s.campaign.id}`)).json();
    expect(c).toMatchObject({
      budgetCents: 10_000_000, issuedCents: 20_000, redeemedCents: 8_000, claimedCents: 5_000, approvedCents: 4_000, rejectedCents: 1_000,
      paidCents: 3_000, unusedCents: 12_000, unusedValidCents: 12_000, unusedExpiredCents: 0, notIssuedCents: 9_980_000, redeemedPercentOfIssued: 40,
    });
    const all = (await admin.get('/api/dashboards/money')).json();
    expect(all).toMatchObject({ budgetCents: 15_000_000, issuedCents: 25_000, redeemedCents: 10_000, unusedExpiredCents: 3_000, paidCents: 3_000 });
    // Period: redemptions, claims, reviews and payments dated in February only.
    const feb = (await admin.get(`/api/dashboards/money?campaignId=${s.campaign.id}&from=2026-02-01&to=2026-02-28`)).json();
    expect(feb).toMatchObject({ issuedCents: 10_000, redeemedCents: 6_000, claimedCents: 0, paidCents: 0 });
  });

  it('scopes an agent to their organisation and a structure to itself', async () => {
    const funnel = (await agentLens.get(`/api/dashboards/funnel?campaignId=${s.campaign.id}`)).json();
    expect(funnel.scope).toMatchObject({ level: 'organisation', label: 'Mairie de Lens — Campagne 2026' });
    expect(funnel.totals).toMatchObject({ quota: 10, handedOut: 2, firstUsed: 2, allUsed: 1 });
    expect(funnel.byOrganisation).toHaveLength(1);
    const money = (await agentLens.get(`/api/dashboards/money?campaignId=${s.campaign.id}`)).json();
    expect(money).toMatchObject({ budgetCents: null, issuedCents: 10_000, redeemedCents: 6_000, claimedCents: 5_000, paidCents: 3_000 });
    const people = (await manager.get(`/api/dashboards/people?campaignId=${s.campaign.id}`)).json();
    expect(people).toMatchObject({ trainedPeople: 2, handedOutPeople: null });
    expect(people.sessions.sessions).toBe(5);
    const sMoney = (await manager.get(`/api/dashboards/money?campaignId=${s.campaign.id}`)).json();
    expect(sMoney).toMatchObject({ budgetCents: null, issuedCents: 0, redeemedCents: 6_000, claimedCents: 5_000, approvedCents: 4_000, paidCents: 3_000 });
    const refused = await manager.get('/api/dashboards/funnel');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/réservé aux mairies/);
  });

  it('refuses a campaign of another territory, a bad period and anonymous access in French', async () => {
    const unknown = await admin.get('/api/dashboards/funnel?campaignId=nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Cette campagne est introuvable sur votre territoire.');
    const reversed = await admin.get('/api/dashboards/money?from=2026-03-10&to=2026-03-01');
    expect(reversed.statusCode).toBe(422);
    const badDate = await admin.get('/api/dashboards/money?from=2026-02-30');
    expect(badDate.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/dashboards/people' })).statusCode).toBe(401);
  });

  it('lists who to call when unused tickets expire within 30 days, scoped, with phone', async () => {
    const before = (await admin.get('/api/dashboards/action-list')).json();
    expect(before.total).toBe(0);
    tdb.clock.set('2027-01-10T09:00:00.000Z');
    await signIn();
    const res = await admin.get(`/api/dashboards/action-list?campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ until: '2027-02-09', total: 3 });
    expect(body.people.map((p: { lastName: string }) => p.lastName)).toEqual(['Bernard', 'Caron', 'Dupont']);
    expect(body.people[0]).toMatchObject({
      firstName: 'Bruno', phone: '0321000000', unusedTickets: 4, unusedCents: 4_000, usedTickets: 1, validUntil: '2027-01-31', daysLeft: 21,
      organisation: { name: 'Mairie de Lens' }, commune: { inseeCode: '62498', name: 'Lens' },
    });
    expect(body.people[1]).toMatchObject({ firstName: 'Chloé', unusedTickets: 5, usedTickets: 0, phone: null });
    expect(body.people[1].advice).toMatch(/première séance/);
    const agent = (await agentLens.get('/api/dashboards/action-list')).json();
    expect(agent.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Bruno']);
    const paged = (await admin.get('/api/dashboards/action-list?limit=1&offset=1')).json();
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Chloé']);
    expect((await auditor.get('/api/dashboards/action-list')).statusCode).toBe(403);
    expect((await manager.get('/api/dashboards/action-list')).statusCode).toBe(403);
    tdb.clock.set('2026-03-15T10:00:00.000Z');
    await signIn();
  });

  it('lists sleeping booklets too: handed out over 30 days ago, no ticket used', async () => {
    expect((await admin.get('/api/dashboards/action-list')).json().dormant).toMatchObject({ handedOutBefore: '2026-02-13', total: 0 });
    tdb.clock.set('2026-04-15T09:00:00.000Z');
    await signIn();
    const body = (await admin.get('/api/dashboards/action-list')).json();
    expect(body).toMatchObject({ total: 0, people: [] });
    expect(body.dormant).toMatchObject({ handedOutBefore: '2026-03-16', total: 1 });
    expect(body.dormant.people[0]).toMatchObject({ firstName: 'Chloé', lastName: 'Caron', usedTickets: 0, unusedTickets: 5, handedOutAt: '2026-03-01T14:00:00.000Z', organisation: { name: 'Mairie de Liévin' } });
    expect(body.dormant.people[0].advice).toMatch(/première séance/);
    expect((await agentLens.get('/api/dashboards/action-list')).json().dormant.total).toBe(0);
    tdb.clock.set('2026-03-15T10:00:00.000Z');
    await signIn();
  });

  it('lets an auditor read the territory dashboards', async () => {
    const res = await auditor.get(`/api/dashboards/people?campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().trainedPeople).toBe(3);
  });
});
