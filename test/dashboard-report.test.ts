import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { buildFollowupScenario, type FollowupScenario } from './helpers/followup-scenario.ts';
import { given } from './helpers/given.ts';
import { pdfToText } from './helpers/pdf-text.ts';

// The dashboards' report for a council (issue 22, point 3): a PDF with the same scope and the same
// checks as the JSON dashboards (same use cases), open to the roles of the "Tableaux de bord"
// screen only, and its download recorded in the security log.

/** The PDF's text on one line with plain spaces (pdftotext keeps the no-break spaces). */
const flat = (pdf: Buffer) => pdfToText(pdf).replace(/[\s\u00a0\u202f]+/g, ' ');

describe(`dashboards report (PDF) (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let s: FollowupScenario;
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    s = await buildFollowupScenario(tdb);
    const g = given(tdb.deps);
    app = await createTestApp(tdb);
    const users = {
      admin: await g.user({ territoryId: s.territoryId, role: 'admin' }),
      auditor: await g.user({ territoryId: s.territoryId, role: 'auditor' }),
      agent: await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lens }),
      manager: await g.user({ territoryId: s.territoryId, role: 'structure_manager', structureId: s.structures.s1.id }),
      mediator: await g.user({ territoryId: s.territoryId, role: 'mediator', structureId: s.structures.s1.id }),
    };
    for (const [k, u] of Object.entries(users)) c[k] = await login(app, u.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('gives the auditor the territory’s report of a campaign: title, territory, campaign, date, funnel with rates', async () => {
    const res = await c.auditor.get(`/api/dashboards/report.pdf?campaignId=${s.campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rapport-pass-numerique-2026-2026-03-15.pdf"');
    const text = flat(res.rawPayload);
    const territory = await tdb.deps.db.selectFrom('territories').select('name').where('id', '=', s.territoryId).executeTakeFirstOrThrow();
    expect(text).toContain('Rapport du pass numérique');
    expect(text).toContain(`Territoire : ${territory.name}`);
    expect(text).toContain('Ce que couvrent ces chiffres : Tout le territoire');
    expect(text).toContain('Campagne « Campagne 2026 »');
    expect(text).toContain('Rapport établi le 15/03/2026');
    // Quota 360, 4 handed out (1,1 % of the quota), 3 with a ticket used (75 %), 1 all used (25 %).
    expect(text).toContain('4 carnets remis — 1,1 % du quota');
    expect(text).toContain('3 avec au moins un ticket utilisé — 75 % des carnets remis');
    expect(text).toContain('1 avec tous les tickets utilisés — 25 % des carnets remis');
    expect(text).toContain('La moitié des personnes ont utilisé leur premier ticket dans les 3 jours');
    expect(text).toContain('Personnes formées');
    expect(text).toContain('L’argent');
    expect(text).toContain('Évaluation');
    expect(text).not.toMatch(/médian|p50/i);
  });

  it('scopes an agent to their organisation and a structure manager to the structure (no funnel), as the JSON dashboards', async () => {
    const agent = flat((await c.agent.get(`/api/dashboards/report.pdf?campaignId=${s.campaign.id}`)).rawPayload);
    expect(agent).toContain('Ce que couvrent ces chiffres : Mairie de Lens');
    // The organisation's quota (10) and its 2 booklets, not the territory's 4.
    expect(agent).toContain('2 carnets remis — 20 % du quota');
    expect(agent).not.toContain('4 carnets remis');
    const manager = await c.manager.get(`/api/dashboards/report.pdf?campaignId=${s.campaign.id}`);
    expect(manager.statusCode).toBe(200);
    const text = flat(manager.rawPayload);
    expect(text).toContain('Ce que couvrent ces chiffres : Votre structure');
    expect(text).not.toContain('Carnets remis et utilisés');
    expect(text).toContain('Personnes formées');
  });

  it('refuses a mediator, anonymous access, another territory’s campaign and a bad period, in French', async () => {
    const mediator = await c.mediator.get('/api/dashboards/report.pdf');
    expect(mediator.statusCode).toBe(403);
    expect(mediator.json().message).toBe('Votre rôle ne permet pas cette action.');
    expect((await app.inject({ method: 'GET', url: '/api/dashboards/report.pdf' })).statusCode).toBe(401);
    const elsewhere = await given(tdb.deps).campaign({ territoryId: await given(tdb.deps).territory('59'), name: 'Ailleurs' });
    const unknown = await c.admin.get(`/api/dashboards/report.pdf?campaignId=${elsewhere.id}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Cette campagne est introuvable sur votre territoire.');
    expect((await c.admin.get('/api/dashboards/report.pdf?from=2026-03-10&to=2026-03-01')).statusCode).toBe(422);
  });

  it('covers every campaign without a filter, and records each download in the security log', async () => {
    const all = await c.admin.get('/api/dashboards/report.pdf');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-disposition']).toContain('rapport-pass-numerique-toutes-campagnes-2026-03-15.pdf');
    expect(flat(all.rawPayload)).toContain('Toutes les campagnes');
    await app.securityLog.flush();
    const lines = await tdb.deps.db.selectFrom('security_log').selectAll().where('action', '=', 'dashboard_report.downloaded').execute();
    expect(lines.some((l) => l.target_type === 'campaign' && l.target_id === s.campaign.id && l.status === 200 && l.actor_role === 'auditor')).toBe(true);
    expect(lines.some((l) => l.target_id === null && l.status === 200 && l.actor_role === 'admin')).toBe(true);
    expect(lines.some((l) => l.status === 403 && l.actor_role === 'mediator')).toBe(true);
  });
});
