import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobs } from '../src/jobs/registry.ts';
import { verifyAuditChain } from '../src/repositories/audit.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenFollowup } from './helpers/given-followup.ts';
import { buildFollowupScenario, type FollowupScenario } from './helpers/followup-scenario.ts';
import { pdfText } from './helpers/pdf-tools.ts';

describe(`personal data: copy, erasure and anonymisation that keeps the statistics (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let s: FollowupScenario;
  let admin: Client;
  let agentLens: Client;
  let agentLievin: Client;
  const emails: Record<string, string> = {};
  const signIn = async () => {
    admin = await login(app, emails.admin);
    agentLens = await login(app, emails.lens);
    agentLievin = await login(app, emails.lievin);
  };
  const ben = (id: string) => tdb.deps.db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    s = await buildFollowupScenario(tdb);
    const g = given(tdb.deps);
    // A sent reminder for A, so that the copy lists it and the anonymisation wipes it.
    await tdb.deps.db.insertInto('outbox').values({
      id: tdb.deps.newId(), territory_id: s.territoryId, beneficiary_id: s.people.A.id, channel: 'sms', kind: 'tickets_expiring', dedupe_key: `expiry:${s.people.A.id}:x`,
      recipient: '+33612345678', subject: 'Vos tickets pass numérique', body: 'Bonjour Alice, il vous reste…', status: 'sent', attempts: 1,
      next_attempt_at: '2026-03-01T10:00:00.000Z', sent_at: '2026-03-01T10:00:00.000Z', last_error: null, created_at: '2026-03-01T10:00:00.000Z',
    }).execute();
    app = await createTestApp(tdb);
    emails.admin = (await g.user({ territoryId: s.territoryId, role: 'admin' })).email;
    emails.lens = (await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lens })).email;
    emails.lievin = (await g.user({ territoryId: s.territoryId, role: 'agent', organisationId: s.organisations.lievin })).email;
    await signIn();
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('gives a person a copy of their data as JSON, in French words, to their organisation only', async () => {
    const res = await agentLens.get(`/api/beneficiaries/${s.people.A.id}/personal-data`);
    expect(res.statusCode).toBe(200);
    const copy = res.json();
    expect(copy.personne).toMatchObject({ prenom: 'Alice', nomDeNaissance: 'Arnaud', dateDeNaissance: '1950-04-12', telephone: '06 12 34 56 78', accepteLesRappels: true, publicPrioritaire: ['Personne de 60 ans ou plus'], enregistrePar: 'Mairie de Lens', commune: { codeInsee: '62498', nom: 'Lens' } });
    expect(copy.diagnostics.map((d: { type: string; profil: string }) => [d.type, d.profil])).toEqual([
      ['diagnostic d’accueil', 'Débutant'], ['diagnostic de suivi', 'Débutant'], ['diagnostic de suivi', 'Intermédiaire'],
    ]);
    expect(copy.carnets).toEqual([expect.objectContaining({ campagne: 'Campagne 2026', etat: 'remis', remisPar: 'Mairie de Lens' })]);
    expect(copy.tickets).toHaveLength(5);
    expect(copy.tickets.every((t: { etat: string; utiliseChez: string }) => t.etat === 'utilisé' && t.utiliseChez === 'Médiathèque Robert Cousin')).toBe(true);
    expect(copy.seancesSuivies).toHaveLength(4);
    expect(copy.seancesSuivies[1]).toMatchObject({ format: 'Atelier collectif', themes: ['E-mail', 'Navigation sur internet'], dureeEnMinutes: 90, tickets: 2 });
    expect(copy.messages).toEqual([expect.objectContaining({ canal: 'SMS', type: 'Rappel avant la fin de validité des tickets', destinataire: '+33612345678' })]);
    expect((await agentLievin.get(`/api/beneficiaries/${s.people.A.id}/personal-data`)).statusCode).toBe(404);
    const audited = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', s.people.A.id).execute();
    expect(audited.map((a) => a.action)).toContain('beneficiary.personal_data_exported');
  });

  it('gives the same copy as a readable PDF', async () => {
    const res = await admin.get(`/api/beneficiaries/${s.people.A.id}/personal-data.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    for (const expected of ['Vos données personnelles', 'Alice', 'Arnaud', '12/04/1950', s.people.A.serials[0], 'Médiathèque Robert Cousin', 'Vos droits', 'Profil : Intermédiaire'.toLowerCase()]) {
      expect(text.toLowerCase()).toContain(expected.toLowerCase());
    }
  });

  it('refuses erasure while the person can still use tickets, then erases on request', async () => {
    const refused = await agentLievin.post(`/api/beneficiaries/${s.people.C.id}/erasure`, { reason: 'Demande de la personne du 15 mars' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'erasure_refused' });
    expect(refused.json().message).toBe('Cette personne a encore 5 tickets utilisables (jusqu’au 31/01/2027). Annulez d’abord son carnet avec son accord, puis effacez ses données.');
    expect((await agentLievin.post(`/api/beneficiaries/${s.people.C.id}/erasure`, { reason: '' })).statusCode).toBe(400);
    // Her booklet is cancelled with her agreement: now the data can go.
    await givenFollowup(tdb.deps).setTicketStatus(s.people.C.tickets, 'cancelled');
    await tdb.deps.db.updateTable('booklets').set({ status: 'cancelled' }).where('id', '=', s.people.C.bookletId).execute();
    const funnelBefore = (await admin.get('/api/dashboards/funnel')).json();
    const res = await agentLievin.post(`/api/beneficiaries/${s.people.C.id}/erasure`, { reason: 'Demande de la personne du 15 mars' });
    expect(res.statusCode).toBe(200);
    const c = await ben(s.people.C.id);
    expect(c).toMatchObject({ first_name: 'Anonyme', birth_name: '', birth_date: '', address: null, phone: null, email: null, contact_consent: 0, priority_markers: '["qpv","rsa"]', commune_insee: '62510', age_band: '75 ans et plus' });
    expect(c.person_key).toBe(`anonyme:${c.id}`);
    const booklet = await tdb.deps.db.selectFrom('booklets').select('person_key').where('id', '=', s.people.C.bookletId).executeTakeFirstOrThrow();
    expect(booklet.person_key).toBe(`anonyme:${c.id}`);
    expect((await admin.get('/api/dashboards/funnel')).json()).toEqual(funnelBefore);
    const again = await agentLievin.post(`/api/beneficiaries/${s.people.C.id}/erasure`, { reason: 'encore' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Les données de cette personne ont déjà été effacées.');
  });

  it('anonymises people two years after their last contact and the dashboards\' totals do not move', async () => {
    const g = given(tdb.deps);
    const f = givenFollowup(tdb.deps);
    // Three people who must stay: a recent contact, a recent diagnostic, tickets still usable.
    const recent = await g.beneficiary({ territoryId: s.territoryId, organisationId: s.organisations.lens, firstName: 'Récente' });
    await f.contact(recent.id, { lastContactAt: '2028-09-01T10:00:00.000Z' });
    const diagnosed = await g.beneficiary({ territoryId: s.territoryId, organisationId: s.organisations.lens, firstName: 'Revue' });
    await f.diagnostic({ beneficiaryId: diagnosed.id, kind: 'followup', profile: 'autonome', at: '2028-10-01T10:00:00.000Z' });
    const future = await g.campaign({ territoryId: s.territoryId, name: 'Campagne 2029', year: 2029, validity_end: '2030-01-31' });
    const holder = await g.issuedBooklet({ campaign: future, organisationId: s.organisations.lens });
    await f.handedOutAt(holder.id, '2026-01-10T10:00:00.000Z');

    tdb.clock.set('2029-01-10T09:00:00.000Z');
    await signIn();
    const read = async () => ({
      funnel: (await admin.get('/api/dashboards/funnel')).json(),
      funnelC: (await admin.get(`/api/dashboards/funnel?campaignId=${s.campaign.id}`)).json(),
      people: (await admin.get('/api/dashboards/people')).json(),
      peopleC: (await admin.get(`/api/dashboards/people?campaignId=${s.campaign.id}&from=2026-02-01&to=2026-03-31`)).json(),
      money: (await admin.get('/api/dashboards/money')).json(),
      lensPeople: (await agentLens.get('/api/dashboards/people')).json(),
      stats: (await app.inject({ method: 'GET', url: '/api/open-data/246200364/statistiques.json' })).json().rows,
    });
    const before = await read();
    expect(before.funnel.totals.handedOut).toBe(6);
    expect(before.people.trainedPeople).toBe(4);

    const [outcome] = await runJobs(tdb.deps, ['anonymise']);
    expect(outcome).toMatchObject({ status: 'done', summary: { anonymised: 4, cutoff: '2027-01-10T09:00:00.000Z', retentionMonths: 24 } });
    for (const p of [s.people.A, s.people.B, s.people.D, s.people.E]) {
      const b = await ben(p.id);
      expect(b).toMatchObject({ first_name: 'Anonyme', birth_name: '', birth_date: '', phone: null, email: null, address: null });
      expect(b.anonymised_at).toBe('2029-01-10T09:00:00.000Z');
    }
    expect((await ben(s.people.A.id)).priority_markers).toBe('["senior"]');
    for (const kept of [recent.id, diagnosed.id, holder.beneficiaryId]) expect((await ben(kept)).anonymised_at).toBeNull();
    const messages = await tdb.deps.db.selectFrom('outbox').select(['recipient', 'body']).where('beneficiary_id', '=', s.people.A.id).execute();
    expect(messages).toEqual([{ recipient: '', body: '(message effacé : données anonymisées)' }]);
    const leftovers = await tdb.deps.db.selectFrom('beneficiaries').select('id').where('birth_name', 'in', ['Arnaud', 'Bernard', 'Dupont', 'Evrard']).execute();
    expect(leftovers).toEqual([]);

    expect(await read()).toEqual(before);
    expect((await runJobs(tdb.deps, ['anonymise']))[0]).toMatchObject({ status: 'done', summary: { anonymised: 0 } });
    expect(await verifyAuditChain(tdb.deps.db)).toMatchObject({ ok: true });
    const entries = await tdb.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'beneficiary.anonymised').execute();
    expect(entries).toHaveLength(4);
    for (const e of entries) expect(e.details).not.toMatch(/Alice|Arnaud|1950/);
    // An anonymised person's copy says so and holds no identity.
    const copy = (await admin.get(`/api/beneficiaries/${s.people.A.id}/personal-data`)).json();
    expect(copy.personne).toMatchObject({ prenom: 'Anonyme', nomDeNaissance: '', dateDeNaissance: null, trancheDAge: '75 ans et plus', anonymiseeLe: '2029-01-10T09:00:00.000Z' });
  });
});
