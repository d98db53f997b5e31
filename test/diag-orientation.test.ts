import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { issuanceScene, LENS, LIEVIN, type IssuanceScene } from './helpers/given-issuance.ts';

// Issue #18, item 5: learn, or have it done. The procedures a person wants done for her go to the
// territory's France Services and Aidants Connect places (national schema's programmes), apart from
// the training places; accessibility needs filter the search and are never stored.

describe(`learn, or have it done (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let agent: Client;

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await issuanceScene(tdb.deps);
    const g = given(tdb.deps);
    // Not accredited (they take no ticket), in Lens and in Liévin; one counter that signs for deaf people.
    await g.structure({ territoryId: scene.territoryId, name: 'France Services de Lens', national_programmes: 'France Services|Aidants Connect', specific_support: 'Surdité', communeInsee: LENS });
    await g.structure({ territoryId: scene.territoryId, name: 'Aidants de Liévin', national_programmes: 'Aidants Connect', communeInsee: LIEVIN });
    await g.structure({ territoryId: scene.territoryId, name: 'Conseillers seulement', national_programmes: 'Conseillers numériques', communeInsee: LIEVIN });
    app = await createTestApp(tdb);
    agent = await login(app, scene.agents.lievin.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const diagnosed = async (firstName: string, wish: string, needs: string[]) => {
    const res = await agent.post('/api/beneficiaries', { firstName, birthName: 'Vasseur', birthDate: '1957-02-03', communeInsee: LIEVIN, consent: true });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const answers = Object.fromEntries(
      scene.model.questions.map((q) => [q.id, q.id === 'orientation_apprendre' ? wish : q.id === 'orientation_urgence' ? 'oui' : q.areaId === null ? q.options[0].id : 'jamais']),
    );
    const d = await agent.post(`/api/beneficiaries/${id}/diagnostics`, { version: scene.model.version, answers, needs });
    expect(d.statusCode, d.body).toBe(201);
    return id;
  };

  it('routes her « do it for me » procedures to France Services and Aidants Connect places, her commune first, apart from training', async () => {
    const id = await diagnosed('Odette', 'faire_pour_moi', ['caf', 'impots', 'proches']);
    const o = (await agent.get(`/api/beneficiaries/${id}/orientation`)).json();
    expect(o.doneForThem.needs.map((n: { id: string }) => n.id)).toEqual(['caf', 'impots']);
    expect(o.doneForThem).toMatchObject({ reason: 'Elle veut qu’on fasse ces démarches pour elle.', urgent: true });
    expect(o.doneForThem.places.map((p: { structureName: string; programmes: string[]; inCommune: boolean }) => [p.structureName, p.programmes, p.inCommune])).toEqual([
      ['Aidants de Liévin', ['Aidants Connect'], true],
      ['France Services de Lens', ['France Services', 'Aidants Connect'], false],
    ]);
    // The training orientation stays the accredited places.
    const training = o.places.map((p: { structureName: string }) => p.structureName);
    expect(training).not.toContain('France Services de Lens');
    expect(training.length).toBeGreaterThan(0);
  });

  it('filters both lists by the accessibility needs asked at the desk, storing none of them', async () => {
    const id = await diagnosed('Paulette', 'les_deux', ['retraite']);
    const before = await tdb.deps.db.selectFrom('diagnostics').select(['answers', 'needs']).where('beneficiary_id', '=', id).executeTakeFirstOrThrow();
    const o = (await agent.get(`/api/beneficiaries/${id}/orientation?specificSupport=${encodeURIComponent('Surdité')}`)).json();
    expect(o.doneForThem.places.map((p: { structureName: string }) => p.structureName)).toEqual(['France Services de Lens']);
    const after = await tdb.deps.db.selectFrom('diagnostics').select(['answers', 'needs']).where('beneficiary_id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(JSON.stringify(await tdb.deps.db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirstOrThrow())).not.toContain('Surdité');
    expect(JSON.stringify(await tdb.deps.db.selectFrom('audit_log').select('details').execute())).not.toContain('Surdité');
    const bad = await agent.get(`/api/beneficiaries/${id}/orientation?specificSupport=sourd`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toContain('specificSupport');
  });

  it('routes nothing when she wants to learn', async () => {
    const id = await diagnosed('Rose', 'apprendre', ['caf']);
    const o = (await agent.get(`/api/beneficiaries/${id}/orientation`)).json();
    expect(o.doneForThem).toEqual({ needs: [], reason: null, urgent: false, places: [] });
  });
});
