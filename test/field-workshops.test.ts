import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usualThemes } from '../src/domain/themes.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

// Collective workshops (one session, then each participant's booklet redeemed on its own, all or
// nothing, exactly once) and what the mediator's screen reads on arrival (usual themes,
// accreditation for the open campaigns, the programme's contact).
describe(`workshops and the mediator's context (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  let mediator: Client;
  let outsider: Client;
  let outsiderSite: string;

  const booklet = async (firstName: string) => {
    const g = given(tdb.deps);
    const person = await g.beneficiary({ territoryId: scene.territoryId, organisationId: scene.organisationId, firstName });
    return g.issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId, beneficiaryId: person.id });
  };

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    const g = given(tdb.deps);
    const other = await g.structure({ territoryId: scene.territoryId, name: 'Association non habilitée' });
    outsiderSite = other.siteId;
    await g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: other.id, email: 'outsider@test.passnum.fr' });
    await tdb.deps.db.updateTable('territories').set({ help_phone: '03 21 00 00 00', help_address: '1 place de la Mairie, 62300 Lens' }).where('id', '=', scene.territoryId).execute();
    app = await createTestApp(tdb);
    mediator = await login(app, scene.mediator.email);
    outsider = await login(app, 'outsider@test.passnum.fr', undefined, '10.0.0.9');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('records one workshop, redeems each participant’s booklet on its own, and lists who came', async () => {
    const created = await mediator.post('/api/workshops', { title: 'Atelier smartphone', themes: ['PrendreEnMainDuMateriel', 'Email'], durationMinutes: 120, siteId: scene.structure.siteId });
    expect(created.statusCode, created.body).toBe(201);
    const workshop = created.json() as { id: string; participants: unknown[] };
    expect(workshop.participants).toEqual([]);

    const [a, b, c] = [await booklet('Hélène'), await booklet('Marcel'), await booklet('Aïcha')];
    for (const [bk, n] of [[a, 2], [b, 1], [c, 3]] as const) {
      const res = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: bk.tickets.slice(0, n).map((t) => t.code), workshopId: workshop.id });
      expect(res.statusCode, res.body).toBe(201);
      // The service recorded is the workshop's: collective, its themes and duration.
      expect(res.json().service).toMatchObject({ format: 'collectif', durationMinutes: 120 });
      expect(res.json().service.themes.map((t: { id: string }) => t.id)).toEqual(['PrendreEnMainDuMateriel', 'Email']);
    }
    // All or nothing per booklet: one used ticket with a fresh one refuses both, and changes nothing.
    const mixed = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [a.tickets[0].code, a.tickets[3].code], workshopId: workshop.id });
    expect(mixed.statusCode).toBe(409);

    const shown = (await mediator.get(`/api/workshops/${workshop.id}`)).json() as { participants: { holder: string; ticketCount: number; totalCents: number }[] };
    expect(shown.participants.map((p) => [p.holder.split(' ')[0], p.ticketCount])).toEqual([['Hélène', 2], ['Marcel', 1], ['Aïcha', 3]]);
    const day = (await mediator.get('/api/workshops')).json() as { id: string }[];
    expect(day.map((w) => w.id)).toContain(workshop.id);
    // Another structure neither sees the workshop nor redeems into it.
    expect((await outsider.get(`/api/workshops/${workshop.id}`)).statusCode).toBe(404);
  });

  it('refuses a workshop at another structure’s site, and a redemption with neither a service nor a workshop, in French', async () => {
    const res = await mediator.post('/api/workshops', { themes: ['Email'], durationMinutes: 60, siteId: outsiderSite });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(/lieu/);
    const bk = await booklet('Paul');
    const none = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [bk.tickets[0].code] });
    expect(none.statusCode).toBe(422);
    expect(none.json().message).toMatch(/accompagnement/);
    const ok = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [bk.tickets[0].code], service: { ...SERVICE, siteId: scene.structure.siteId } });
    expect(ok.statusCode).toBe(201);
  });

  it('tells the mediator on arrival whether the structure is accredited, what to do next and whom to contact', async () => {
    const mine = (await mediator.get('/api/redemption-context')).json();
    expect(mine.accreditation.accredited).toBe(true);
    // Counted per ticket: Email in all seven, the workshop's other theme in six.
    expect(mine.usualThemes.slice(0, 2)).toEqual(['Email', 'PrendreEnMainDuMateriel']);
    const theirs = (await outsider.get('/api/redemption-context')).json();
    expect(theirs.accreditation.accredited).toBe(false);
    expect(theirs.accreditation.items[0]).toMatchObject({ status: 'none', statusLabel: 'pas de candidature' });
    expect(theirs.accreditation.items[0].nextStep).toMatch(/candidater depuis « Ma structure »/);
    expect(theirs.contact).toMatchObject({ phone: '03 21 00 00 00', address: '1 place de la Mairie, 62300 Lens' });
  });

  it('ranks a structure’s usual themes by use and completes a new structure’s list', () => {
    expect(usualThemes([['Email', 'Sante'], ['Sante'], ['Sante', 'Logement']], 3)).toEqual(['Sante', 'Email', 'Logement']);
    expect(usualThemes([], 3)).toEqual(['DiagnosticNumerique', 'PrendreEnMainDuMateriel', 'MaintenanceDeMateriel']);
    expect(usualThemes([['inconnu']], 1)).toEqual(['DiagnosticNumerique']);
  });
});
