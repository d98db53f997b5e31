import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { bankBody } from './helpers/given-money.ts';
import { given } from './helpers/given.ts';

const newStructure = (over: Record<string, unknown> = {}) => ({
  siret: '81234567800013',
  name: 'EPN des Terrils',
  typology: ['EPN'],
  phone: '03 21 00 00 01',
  services: ['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives'],
  accessModes: ['Se présenter'],
  supportModes: ['Accompagnement individuel'],
  sites: [{ name: 'EPN centre', address: '1 place Jean Jaurès', communeInsee: '62498', postalCode: '62300', openingHours: 'Mo-Fr 09:00-12:00' }],
  ...over,
});

describe(`structures (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let territoryId: string;
  let campaignId: string;
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    territoryId = await g.territory();
    campaignId = (await g.campaign({ territoryId, name: 'Courante' })).id;
    await g.user({ territoryId, role: 'admin', email: 'admin@s.passnum.fr' });
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@s.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('creates a structure with its site, never with bank details (only its manager enters them)', async () => {
    const withBank = await admin.post('/api/structures', newStructure({ bank: { iban: 'FR76 3000 4028 3700 0104 5678 997', bic: 'BNPAFRPP', accountHolder: 'EPN des Terrils' } }));
    expect(withBank.statusCode).toBe(403);
    expect(withBank.json()).toMatchObject({ code: 'forbidden', details: { duty: 'bank.enter' } });
    const res = await admin.post('/api/structures', newStructure());
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ siret: '81234567800013', phone: '+33321000001', typology: ['EPN'], bank: { iban: null, status: 'none' } });
    const row = await tdb.deps.db.selectFrom('structures').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.services).toBe('Maîtrise des outils numériques du quotidien|Aide aux démarches administratives');
    const details = (await admin.get(`/api/structures/${s.id}`)).json();
    expect(details.sites).toEqual([
      expect.objectContaining({ name: 'EPN centre', communeName: 'Lens', openingHours: 'Mo-Fr 09:00-12:00', openingHoursText: 'Du lundi au vendredi, de 9\u00a0h à 12\u00a0h.' }),
    ]);
  });

  it('refuses a bad SIRET, IBAN or opening hours in French, naming the field, and writes nothing', async () => {
    const count = async () => (await tdb.deps.db.selectFrom('structures').select('id').execute()).length;
    const before = await count();
    const siret = await admin.post('/api/structures', newStructure({ siret: '81234567800014', name: 'Autre' }));
    expect(siret.statusCode).toBe(422);
    expect(siret.json()).toEqual({
      code: 'validation_failed',
      message: 'Ce numéro SIRET n’existe pas (la clé de contrôle est fausse). Vérifiez-le sur l’avis de situation INSEE.',
      details: { field: 'siret' },
    });
    const hours = await admin.post('/api/structures', newStructure({
      siret: '79845123600011', sites: [{ name: 'Site', address: '1 rue Basly', communeInsee: '62498', postalCode: '62300', openingHours: 'du lundi au vendredi' }],
    }));
    expect(hours.statusCode).toBe(422);
    expect(hours.json().details.field).toBe('sites.0.openingHours');
    expect(hours.json().message).toMatch(/^Les horaires ne sont pas au format OpenStreetMap/);
    const outside = await admin.post('/api/structures', newStructure({
      siret: '79845123600011', sites: [{ name: 'Site', address: '1 rue de Rivoli', communeInsee: '75056', postalCode: '75001', openingHours: null }],
    }));
    expect(outside.json()).toMatchObject({ message: 'La commune 75056 ne fait pas partie du territoire.' });
    const dup = await admin.post('/api/structures', newStructure({ name: 'Doublon' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Une structure avec le SIRET 81234567800013 existe déjà sur ce territoire.');
    expect(await count()).toBe(before);
  });

  it('lets the manager edit their own profile, sites and bank details, and nothing else', async () => {
    const g = given(tdb.deps);
    const own = await g.structure({ territoryId });
    const other = await g.structure({ territoryId });
    await g.user({ territoryId, role: 'structure_manager', structureId: own.id, email: 'resp@s.passnum.fr' });
    await g.user({ territoryId, role: 'mediator', structureId: own.id, email: 'med@s.passnum.fr' });
    const manager = await login(app, 'resp@s.passnum.fr');
    const mediator = await login(app, 'med@s.passnum.fr');

    const edit = await manager.patch(`/api/structures/${own.id}`, { presentation: 'Ateliers du mercredi', publics: ['Seniors'] });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ presentation: 'Ateliers du mercredi', publics: ['Seniors'] });
    expect((await manager.patch(`/api/structures/${own.id}`, { siret: '79845123600011' })).statusCode).toBe(403);
    expect((await manager.patch(`/api/structures/${other.id}`, { presentation: 'x' })).statusCode).toBe(404);
    expect((await mediator.patch(`/api/structures/${own.id}`, { presentation: 'x' })).statusCode).toBe(403);
    expect((await mediator.get(`/api/structures/${own.id}`)).json().bank).toBeNull();

    const site = await manager.post(`/api/structures/${own.id}/sites`, { name: 'Annexe', address: '5 rue Basly', communeInsee: '62510', postalCode: '62800', openingHours: 'We 14:00-18:00', phone: '0321000099' });
    expect(site.statusCode).toBe(201);
    expect(site.json()).toMatchObject({ communeName: 'Liévin', phone: '+33321000099' });
    const badHours = await manager.patch(`/api/structures/${own.id}/sites/${site.json().id}`, { openingHours: 'Mo 25:00-26:00' });
    expect(badHours.statusCode).toBe(422);
    expect(badHours.json().details.field).toBe('openingHours');
    expect((await manager.post(`/api/structures/${other.id}/sites`, { name: 'X', address: '5 rue Basly', communeInsee: '62510', postalCode: '62800' })).statusCode).toBe(404);
    expect((await manager.delete(`/api/structures/${own.id}/sites/${site.json().id}`)).statusCode).toBe(204);

    await tdb.deps.db.updateTable('structures').set({ bank_status: 'verified', bank_verified_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', own.id).execute();
    const bank = await manager.put(`/api/structures/${own.id}/bank-details`, bankBody('FR7616275001000800123456788', 'CEPAFRPP627', 'Ma structure'));
    expect(bank.statusCode).toBe(200);
    expect(bank.json()).toMatchObject({ iban: 'FR76 1627 5001 0008 0012 3456 788', status: 'pending', verifiedAt: null });
    const badIban = await manager.put(`/api/structures/${own.id}/bank-details`, bankBody('FR7630004028370001045678998', null, 'Ma structure'));
    expect(badIban.json()).toMatchObject({ details: { field: 'iban' }, message: expect.stringMatching(/^L’IBAN est erroné/) });
    const badBic = await manager.put(`/api/structures/${own.id}/bank-details`, bankBody('FR7616275001000800123456788', 'NOPE', 'Ma structure'));
    expect(badBic.json()).toMatchObject({ details: { field: 'bic' } });
    expect((await manager.put(`/api/structures/${other.id}/bank-details`, bankBody('FR7616275001000800123456788', null, 'X Y'))).statusCode).toBe(404);
    const audit = await tdb.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'structure.bank_details_changed').where('target_id', '=', own.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).not.toContain('FR7616275001000800123456788');
  });

  it('moves accreditations through the transition table, audited with who, when and why', async () => {
    const g = given(tdb.deps);
    const s = await g.structure({ territoryId });
    await g.user({ territoryId, role: 'structure_manager', structureId: s.id, email: 'resp2@s.passnum.fr' });
    const manager = await login(app, 'resp2@s.passnum.fr');
    const applied = await manager.post(`/api/structures/${s.id}/accreditations`, { campaignId });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'applied', campaignName: 'Courante' });
    expect((await manager.post(`/api/structures/${s.id}/accreditations`, { campaignId })).statusCode).toBe(409);
    expect((await manager.post(`/api/structures/${s.id}/accreditations/${campaignId}/decision`, { status: 'accredited' })).statusCode).toBe(403);

    const decide = (status: string, reason?: string) => admin.post(`/api/structures/${s.id}/accreditations/${campaignId}/decision`, { status, reason });
    expect((await decide('suspended', 'x')).statusCode).toBe(409);
    expect((await decide('accredited')).json()).toMatchObject({ status: 'accredited', decidedBy: expect.any(String) });
    const noReason = await decide('suspended');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().details.field).toBe('reason');
    expect((await decide('suspended', 'Signalement à vérifier')).json()).toMatchObject({ status: 'suspended', reason: 'Signalement à vérifier' });
    expect((await decide('accredited', 'Vérifié')).json().status).toBe('accredited');
    expect((await decide('withdrawn', 'Fermeture de la structure')).json().status).toBe('withdrawn');
    const after = await decide('accredited', 'Retour');
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ code: 'invalid_transition', message: 'Impossible de passer une habilitation de l’état « retirée » à l’état « habilitée ».' });

    const trail = await tdb.deps.db.selectFrom('audit_log').selectAll().where('target_id', '=', s.id).where('action', 'like', 'accreditation.%').orderBy('seq').execute();
    expect(trail.map((r) => r.action)).toEqual([
      'accreditation.applied', 'accreditation.accredited', 'accreditation.suspended', 'accreditation.accredited', 'accreditation.withdrawn',
    ]);
    expect(trail.every((r) => r.actor_id && r.at)).toBe(true);
    expect(JSON.parse(trail[2].details)).toMatchObject({ from: 'accredited', to: 'suspended', reason: 'Signalement à vérifier' });
    expect((await manager.get(`/api/structures/${s.id}/accreditations`)).json()).toEqual([
      expect.objectContaining({ campaignId, status: 'withdrawn', reason: 'Fermeture de la structure' }),
    ]);
    expect(await verifyAudit(tdb.deps)).toMatchObject({ ok: true });
  });

  it('publishes only places accredited for an open campaign, filtered by commune and service', async () => {
    const g = given(tdb.deps);
    const closed = await g.campaign({ territoryId, name: 'Ancienne', status: 'closed' });
    await g.structure({ territoryId, name: 'Lieu ouvert (test)', accreditedFor: [campaignId], communeInsee: '62510' });
    await g.structure({ territoryId, name: 'Lieu ancien (test)', accreditedFor: [closed.id] });
    await g.structure({ territoryId, name: 'Lieu sans habilitation (test)' });
    const all = (await app.inject({ method: 'GET', url: '/api/public/places' })).json() as { name: string; sites: { communeName: string }[] }[];
    expect(all.map((p) => p.name)).toEqual(['Lieu ouvert (test)']);
    expect(all[0].sites[0].communeName).toBe('Liévin');
    expect(JSON.stringify(all)).not.toMatch(/iban|siret/i);
    expect((await app.inject({ method: 'GET', url: '/api/public/places?commune=62498' })).json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/public/places?commune=62510' })).json()).toHaveLength(1);
    const svc = encodeURIComponent('Loisirs et créations numériques');
    expect((await app.inject({ method: 'GET', url: `/api/public/places?service=${svc}` })).json()).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/public/places?service=Jardinage' });
    expect(bad.statusCode).toBe(400);
  });
});
