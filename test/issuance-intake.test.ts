import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { answersAt, issuanceScene, LENS, LIEVIN, PERSON, type IssuanceScene } from './helpers/given-issuance.ts';

// Issue #3, items 1–3: intake (bad input refused with the field named, nothing written), search
// tolerant of accents/case/hyphens/apostrophes, scoping by organisation, diagnostic and eligibility.

describe(`intake and diagnostic (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: IssuanceScene;
  let lievin: Client;
  let lens: Client;

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await issuanceScene(tdb.deps);
    app = await createTestApp(tdb);
    lievin = await login(app, scene.agents.lievin.email);
    lens = await login(app, scene.agents.lens.email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const count = async () => Number((await tdb.deps.db.selectFrom('beneficiaries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('serves the current diagnostic model', async () => {
    const res = await lievin.get('/api/diagnostic-models/current');
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.version).toBe('v2');
    expect(m.questions.length).toBeGreaterThanOrEqual(15);
    expect(m.questions[0]).toMatchObject({ id: 'acces_smartphone', label: expect.any(String), options: [{ id: 'oui', label: 'Oui' }, { id: 'non', label: 'Non' }] });
    expect(m.areas.map((a: { label: string }) => a.label)).toEqual(['Utiliser un appareil', 'Trouver une information', 'Communiquer', 'Faire une démarche en ligne', 'Se protéger']);
    expect(m.needs.find((n: { id: string }) => n.id === 'caf')).toMatchObject({ group: 'demarches' });
    expect(m.priorityMarkers.map((p: { id: string }) => p.id)).toContain('qpv');
  });

  it.each([
    ['a birth date in the future', { birthDate: '2099-01-01' }, 422, 'birthDate', /futur/],
    ['an implausible birth date', { birthDate: '1890-01-01' }, 422, 'birthDate', /vraisemblable/],
    ['an impossible date', { birthDate: '2001-02-30' }, 422, 'birthDate', /valide/],
    ['an unknown commune', { communeInsee: '99999' }, 422, 'communeInsee', /Aucune commune/],
    ['a commune outside the CALL', { communeInsee: '59350' }, 422, 'communeInsee', /Lille \(59350\) ne fait pas partie du territoire/],
    ['a postal code instead of INSEE', { communeInsee: '6230' }, 400, 'communeInsee', /communeInsee/],
    ['no consent', { consent: false }, 400, 'consent', /consent/],
    ['an invalid phone', { phone: '12' }, 422, 'phone', /téléphone/],
    ['an invalid e-mail', { email: 'zoe@' }, 422, 'email', /e-mail/],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, status, field, message) => {
    const before = await count();
    const res = await lievin.post('/api/beneficiaries', { ...PERSON, ...change });
    expect(res.statusCode).toBe(status);
    expect(res.json().details.field).toBe(field);
    expect(res.json().message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses the outside-territory commune with its own code', async () => {
    const res = await lievin.post('/api/beneficiaries', { ...PERSON, communeInsee: '59350' });
    expect(res.json().code).toBe('outside_territory');
  });

  let zoeId: string;
  it('registers a resident and finds her whatever the accents, case, hyphens or apostrophes', async () => {
    const res = await lievin.post('/api/beneficiaries', { ...PERSON, usageName: "L'Hôte", phone: '06 12 34 56 78', priorityMarkers: ['senior', 'qpv'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(String), communeName: 'Liévin', existingBooklets: [] });
    zoeId = res.json().id;
    const row = await tdb.deps.db.selectFrom('beneficiaries').selectAll().where('id', '=', zoeId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: '+33612345678', contact_consent: 1, organisation_id: scene.orgs.lievin, person_key: 'zoe|lefevredupont|1958-06-21' });
    for (const q of ['zoe', 'LEFEVRE', 'lefèvre dupont', 'Lefevre-Dupont', "l'hote", 'lhote', 'ZOÉ LEFÈVRE']) {
      const found = await lievin.get(`/api/beneficiaries?q=${encodeURIComponent(q)}`);
      expect(found.statusCode).toBe(200);
      expect(found.json().items.map((b: { id: string }) => b.id), q).toContain(zoeId);
    }
    const byDate = await lievin.get('/api/beneficiaries?q=zoe&birthDate=1958-06-21');
    expect(byDate.json().items).toHaveLength(1);
    expect((await lievin.get('/api/beneficiaries?q=zoe&birthDate=1958-06-22')).json().items).toHaveLength(0);
    expect((await lievin.get('/api/beneficiaries?q=durand')).json().items).toHaveLength(0);
  });

  it('refuses registering the same person twice in one organisation', async () => {
    const res = await lievin.post('/api/beneficiaries', { ...PERSON, firstName: 'ZOE', birthName: 'lefevre dupont' });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.existingId).toBe(zoeId);
  });

  it('hides the beneficiary from another commune’s agent: same 404 as an unknown id', async () => {
    const other = await lens.get(`/api/beneficiaries/${zoeId}`);
    const unknown = await lens.get('/api/beneficiaries/00000000-0000-7000-8000-000000000000');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    expect((await lens.get('/api/beneficiaries?q=zoe')).json().items).toHaveLength(0);
    expect((await lens.post(`/api/beneficiaries/${zoeId}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'jamais'), needs: [] })).statusCode).toBe(404);
  });

  it('refuses an incomplete or unknown diagnostic, naming the question', async () => {
    const answers = answersAt(scene.model, 'avec_aide');
    delete answers.dem_compte;
    const res = await lievin.post(`/api/beneficiaries/${zoeId}/diagnostics`, { version: scene.model.version, answers, needs: ['caf'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.field).toBe('answers.dem_compte');
    const bad = await lievin.post(`/api/beneficiaries/${zoeId}/diagnostics`, { version: 'v9', answers: answersAt(scene.model, 'seul'), needs: [] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.field).toBe('version');
  });

  it('scores the diagnostic, stores every answer and answers the eligibility with its reasons', async () => {
    const answers = { ...answersAt(scene.model, 'avec_aide'), acces_internet: 'non' };
    const res = await lievin.post(`/api/beneficiaries/${zoeId}/diagnostics`, { version: scene.model.version, answers, needs: ['caf', 'proches'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: expect.any(String), profile: 'debutant', profileLabel: 'Débutant', kind: 'initial', previousId: null });
    expect(body.eligibility.eligible).toBe(true);
    expect(body.eligibility.reasons).toEqual([]);
    expect(body.eligibility.checks.map((c: { rule: string }) => c.rule)).toEqual(['issuance_window', 'territory', 'one_booklet', 'profile', 'quota']);
    expect(body.campaigns[0].campaignId).toBe(scene.campaign.id);
    expect(body.services).toContain('Accès internet et matériel informatique');
    const stored = await tdb.deps.db.selectFrom('diagnostics').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers)).toEqual(answers);
    expect(JSON.parse(stored.needs)).toEqual(['caf', 'proches']);
  });

  it('links a follow-up diagnostic to the initial one', async () => {
    const initial = (await lievin.get(`/api/beneficiaries/${zoeId}`)).json().diagnostics[0];
    const res = await lievin.post(`/api/beneficiaries/${zoeId}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'seul_parfois_aide'), needs: [], kind: 'followup' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'followup', previousId: initial.id, profile: 'intermediaire' });
    const details = (await lievin.get(`/api/beneficiaries/${zoeId}`)).json();
    expect(details.diagnostics.map((d: { kind: string }) => d.kind)).toEqual(['initial', 'followup']);
  });

  it('tells an autonomous person is above the threshold, and an override lifts it', async () => {
    const created = await lens.post('/api/beneficiaries', { firstName: 'Karim', birthName: 'Benali', birthDate: '1985-02-11', communeInsee: LENS, consent: true });
    const id = created.json().id;
    const res = await lens.post(`/api/beneficiaries/${id}/diagnostics`, { version: scene.model.version, answers: answersAt(scene.model, 'seul'), needs: ['emploi'] });
    expect(res.json().profile).toBe('autonome');
    expect(res.json().eligibility).toMatchObject({ eligible: false, reasons: [{ rule: 'profile', code: 'not_eligible' }] });
    expect(res.json().eligibility.reasons[0].message).toMatch(/Autonome.*Intermédiaire.*dérogation/);
    const withOverride = await lens.get(`/api/beneficiaries/${id}/eligibility?overrideReason=${encodeURIComponent('Démarches France Travail urgentes')}`);
    expect(withOverride.json()[0]).toMatchObject({ eligible: true, overrideUsed: true });
  });

  it('lists the organisation’s beneficiaries with their profile and booklet status', async () => {
    const list = (await lievin.get('/api/beneficiaries')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: zoeId, communeName: 'Liévin', profile: 'debutant', booklet: null, unusedTickets: 0 });
    expect(LIEVIN).toBe(list.items[0].communeInsee);
  });

  it('refuses intake to roles other than agents', async () => {
    const admin = await login(app, scene.admin.email);
    const res = await admin.post('/api/beneficiaries', PERSON);
    expect(res.statusCode).toBe(403);
  });
});
