import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mairieName } from '../src/domain/organisation.ts';
import { typologyLabel } from '../src/domain/typology-labels.ts';
import { TYPOLOGIES } from '../src/domain/mediation-enums.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 21, administration 1-2: organisations (one mairie per commune in one step, a CCAS with
// its agent) and a structure's SIRET checked against the territory before it is created.
describe(`organisations and structures set up from the screens (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let communes: number;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-20T10:00:00.000Z' });
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    await g.organisation({ territoryId, communeInsee: '62498', name: 'Mairie de Lens', kind: 'mairie' });
    await g.user({ territoryId, email: 'admin@test.fr', role: 'admin' });
    communes = Number((await tdb.deps.db.selectFrom('communes').select((eb) => eb.fn.countAll<number>().as('n')).where('territory_id', '=', territoryId).executeTakeFirstOrThrow()).n);
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@test.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('names town halls the French way and shows every typology in words', () => {
    expect(mairieName('Lens')).toBe('Mairie de Lens');
    expect(mairieName('Avion')).toBe('Mairie d’Avion');
    expect(mairieName('Hulluch')).toBe('Mairie d’Hulluch');
    expect(mairieName('Les Attaques')).toBe('Mairie des Attaques');
    for (const t of TYPOLOGIES.filter((x) => x !== 'Autre')) expect(typologyLabel(t), t).not.toBe(t);
    expect(typologyLabel('BIB')).toBe('Bibliothèque / Médiathèque');
  });

  it('creates the missing mairies once, even when asked twice at the same time', async () => {
    const [a, b] = await Promise.all([admin.post('/api/organisations/mairies'), admin.post('/api/organisations/mairies')]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().created.length + b.json().created.length).toBe(communes - 1);
    const list = (await admin.get('/api/organisations')).json() as { kind: string; name: string; communeInsee: string; kindLabel: string }[];
    const mairies = list.filter((o) => o.kind === 'mairie');
    expect(mairies).toHaveLength(communes);
    expect(new Set(mairies.map((m) => m.communeInsee)).size).toBe(communes);
    expect(list.find((o) => o.communeInsee === '62065')).toMatchObject({ name: 'Mairie d’Avion', kindLabel: 'Mairie' });
    const again = await admin.post('/api/organisations/mairies');
    expect(again.json()).toEqual({ created: [], alreadyThere: communes });
  });

  it('adds a CCAS with its agent, edits it, and refuses a second mairie in a commune', async () => {
    const ccas = await admin.post('/api/organisations', { kind: 'ccas', name: 'CCAS d’Avion', communeInsee: '62065' });
    expect(ccas.statusCode, ccas.body).toBe(201);
    const id = ccas.json().id as string;
    const agent = await admin.post('/api/users', { email: 'agent@ccas-avion.fr', displayName: 'Inès Agent', role: 'agent', organisationId: id });
    expect(agent.statusCode, agent.body).toBe(201);
    const edited = await admin.put(`/api/organisations/${id}`, { kind: 'ccas', name: 'CCAS de la ville d’Avion', communeInsee: '62065', siret: null });
    expect(edited.json()).toMatchObject({ name: 'CCAS de la ville d’Avion', kindLabel: 'CCAS', communeName: 'Avion', agents: 1 });
    const second = await admin.put(`/api/organisations/${id}`, { kind: 'mairie', name: 'Mairie bis', communeInsee: '62065', siret: null });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ details: { field: 'kind' } });
    expect(second.json().message).toMatch(/Avion a déjà sa mairie/);
  });

  it('checks a SIRET against the territory before a structure is created', async () => {
    expect((await admin.get('/api/structures/siret/12345678901234')).json()).toMatchObject({ valid: false, existing: null });
    const free = (await admin.get('/api/structures/siret/81234567800013')).json();
    expect(free).toMatchObject({ valid: true, existing: null });
    const created = await admin.post('/api/structures', {
      siret: '81234567800013', name: 'Espace numérique d’Avion', typology: ['EPN'], services: ['Maîtrise des outils numériques du quotidien'],
      sites: [{ name: 'Espace numérique', address: '1 place de la mairie', communeInsee: '62065', postalCode: '62210' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const taken = (await admin.get('/api/structures/siret/812 345 678 00013')).json();
    expect(taken).toMatchObject({ valid: true, existing: { id: created.json().id, name: 'Espace numérique d’Avion' } });
  });
});
