import {
  DispositifProgrammeNational, Frais, fromSchemaLieuDeMediationNumerique, Itinerance, ModaliteAcces, ModaliteAccompagnement,
  PriseEnChargeSpecifique, PublicSpecifiquementAdresse, Service, Typologie,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenFollowup } from './helpers/given-followup.ts';

// The schema's rules, written here from docs/ecosystem.md §1.1 (not imported from the code under test).
const FIELDS = [
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude', 'typologie',
  'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source', 'itinerance',
  'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique', 'frais_a_charge',
  'dispositif_programmes_nationaux', 'formations_labels', 'autres_formations_labels', 'modalites_acces', 'modalites_accompagnement',
  'fiche_acces_libre', 'prise_rdv',
];
const REQUIRED = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj'];
const PATTERNS: Record<string, RegExp> = {
  pivot: /^[a-zA-Z0-9]{9,14}$/,
  code_postal: /^\d{5}$/,
  code_insee: /^([013-9]\d|2[AB1-9])\d{3}$/,
  telephone: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/,
  date_maj: /^\d{4}-\d{2}-\d{2}$/,
};
const ENUMS: Record<string, string[]> = {
  services: Object.values(Service), publics_specifiquement_adresses: Object.values(PublicSpecifiquementAdresse),
  prise_en_charge_specifique: Object.values(PriseEnChargeSpecifique), frais_a_charge: Object.values(Frais),
  dispositif_programmes_nationaux: Object.values(DispositifProgrammeNational), modalites_acces: Object.values(ModaliteAcces),
  modalites_accompagnement: Object.values(ModaliteAccompagnement), itinerance: Object.values(Itinerance), typologie: Object.values(Typologie),
};
function schemaProblems(r: Record<string, string>): string[] {
  const out: string[] = [];
  for (const f of REQUIRED) if (!r[f]) out.push(`${f} manquant`);
  for (const [f, re] of Object.entries(PATTERNS)) if (r[f] && !re.test(r[f])) out.push(`${f}=${r[f]}`);
  // Multi-valued fields: the schema's pattern is (?:(?:^|\|)(value1|value2…))+$
  for (const [f, values] of Object.entries(ENUMS)) {
    if (!r[f]) continue;
    const re = new RegExp(`^(?:(?:^|\\|)(${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))+$`);
    if (!re.test(r[f])) out.push(`${f}=${r[f]}`);
  }
  if ((r.presentation_resume ?? '').length > 280) out.push('presentation_resume trop long');
  return out;
}

/** A Luhn-valid SIRET from 13 digits. */
function siret(prefix13: string): string {
  for (let d = 0; d < 10; d++) {
    const s = prefix13 + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let n = Number(s[13 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

describe(`open data: places in the national schema, anonymised statistics (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let territoryId: string;
  const csvUrl = '/api/open-data/246200364/lieux-de-mediation-numerique.csv';
  const jsonUrl = '/api/open-data/246200364/lieux-de-mediation-numerique.json';
  const snapshot = async () => ({
    structures: await tdb.deps.db.selectFrom('structures').selectAll().orderBy('id').execute(),
    sites: await tdb.deps.db.selectFrom('sites').selectAll().orderBy('id').execute(),
  });
  const importFile = (body: string, contentType = 'text/csv') =>
    app.inject({ method: 'POST', url: '/api/open-data/places/import', payload: body, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType } });

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    const g = given(tdb.deps);
    territoryId = await g.territory();
    const open = await g.campaign({ territoryId, name: 'Campagne 2026' });
    const closed = await g.campaign({ territoryId, name: 'Campagne 2025', status: 'closed', year: 2025 });
    const media = await g.structure({
      territoryId, accreditedFor: [open.id], siret: siret('2162049820001'), name: 'Réseau des médiathèques de Lens', typology: 'BIB|MUNI',
      phone: '03 21 11 22 33', email: 'mediatheques@lens.example', website: 'https://mediatheques.lens.example',
      presentation: 'Des ateliers gratuits pour apprendre, à votre rythme, à utiliser un smartphone, une tablette ou un ordinateur. '.repeat(4).trim(),
      publics: 'Seniors|Familles et/ou enfants', national_programmes: 'Conseillers numériques', fees: 'Gratuit sous condition',
    });
    await tdb.deps.db.updateTable('sites').set({ name: 'Médiathèque Robert Cousin', address: '8 rue de la Paix', latitude: 50.4322, longitude: 2.8277 }).where('id', '=', media.siteId).execute();
    await tdb.deps.db.insertInto('sites').values({ id: tdb.deps.newId(), structure_id: media.id, name: 'Antenne de la Grande Résidence', address: '12 rue Voltaire', commune_insee: '62498', postal_code: '62300', opening_hours: 'We 14:00-17:00', phone: '+33321998877', latitude: null, longitude: null, created_at: tdb.deps.now().toISOString() }).execute();
    const epn = await g.structure({ territoryId, accreditedFor: [open.id], siret: siret('3399887766554'), name: 'EPN de Liévin', communeInsee: '62510', typology: 'EPN', support_modes: 'Dans un atelier collectif' });
    await tdb.deps.db.updateTable('sites').set({ name: 'EPN de Liévin', postal_code: '62800' }).where('id', '=', epn.siteId).execute();
    await g.structure({ territoryId, siret: siret('4400000000001'), name: 'Association pas encore habilitée' });
    await g.structure({ territoryId, accreditedFor: [closed.id], siret: siret('5500000000001'), name: 'Habilitée seulement en 2025' });
    app = await createTestApp(tdb);
    admin = await login(app, (await g.user({ territoryId, role: 'admin' })).email);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('publishes the accredited places as CSV: 32 columns in order, comma-separated, | for multiple values, valid against the schema', async () => {
    const res = await app.inject({ method: 'GET', url: csvUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="2026-03-15_246200364_lieux-de-mediation-numerique_\w+\.csv"/);
    expect(res.rawPayload[0]).not.toBe(0xef);
    expect(res.body.split('\r\n')[0]).toBe(FIELDS.join(','));
    const records = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.nom).sort()).toEqual(['Antenne de la Grande Résidence', 'EPN de Liévin', 'Médiathèque Robert Cousin']);
    for (const r of records) {
      expect(schemaProblems(r)).toEqual([]);
      // The ANCT library reads a CSV line with its empty cells left out and coordinates as numbers.
      const filled = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '').map(([k, v]) => [k, k === 'latitude' || k === 'longitude' ? Number(v) : v]));
      expect(() => fromSchemaLieuDeMediationNumerique(filled as never)).not.toThrow();
    }
    const robert = records.find((r) => r.nom === 'Médiathèque Robert Cousin')!;
    expect(robert).toMatchObject({
      commune: 'Lens', code_postal: '62300', code_insee: '62498', adresse: '8 rue de la Paix', latitude: '50.4322', longitude: '2.8277',
      typologie: 'BIB|MUNI', telephone: '+33321112233', structure_parente: 'Réseau des médiathèques de Lens', date_maj: '2026-03-15',
      services: 'Maîtrise des outils numériques du quotidien|Aide aux démarches administratives', publics_specifiquement_adresses: 'Seniors|Familles et/ou enfants',
      frais_a_charge: 'Gratuit sous condition', itinerance: 'Fixe',
    });
    expect(robert.presentation_resume.length).toBeLessThanOrEqual(280);
    expect(robert.presentation_detail.length).toBeGreaterThan(280);
    expect(records.find((r) => r.nom === 'EPN de Liévin')).toMatchObject({ commune: 'Liévin', code_postal: '62800', structure_parente: '' });
  });

  it('publishes the same places as JSON accepted by the ANCT library', async () => {
    const res = await app.inject({ method: 'GET', url: jsonUrl });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    for (const p of list) {
      const lieu = fromSchemaLieuDeMediationNumerique(p as never);
      expect(lieu.pivot).toMatch(/^\d{14}$/);
    }
    expect(list.find((p) => p.nom === 'Médiathèque Robert Cousin')).toMatchObject({ latitude: 50.4322, longitude: 2.8277 });
  });

  it('re-imports its own CSV and JSON to the same data: every line unchanged, nothing written', async () => {
    const before = await snapshot();
    const csv = await importFile((await app.inject({ method: 'GET', url: csvUrl })).body);
    expect(csv.statusCode).toBe(200);
    expect(csv.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(csv.json().lines.map((l: { line: number }) => l.line)).toEqual([2, 3, 4]);
    const json = await importFile((await app.inject({ method: 'GET', url: jsonUrl })).body, 'application/json');
    expect(json.json()).toMatchObject({ unchanged: 3, refused: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('creates, updates or refuses each line of another file, with the reasons', async () => {
    const records = parse((await app.inject({ method: 'GET', url: csvUrl })).body, { columns: true }) as Record<string, string>[];
    const robert = records.find((r) => r.nom === 'Médiathèque Robert Cousin')!;
    const edited = { ...robert, telephone: '+33321000001', horaires: 'Mo-Sa 09:00-18:00' };
    const blank = Object.fromEntries(FIELDS.map((f) => [f, '']));
    const fresh = { ...blank, id: 'siilab-42', pivot: siret('7788990011223'), nom: 'Fablab de Liévin', commune: 'Liévin', code_postal: '62800', adresse: '5 rue Jean Jaurès', date_maj: '2026-02-01', typologie: 'FABLAB', services: 'Loisirs et créations numériques', telephone: '+33321445566' };
    const badPostcode = { ...fresh, id: 'x1', pivot: siret('7788990011224'), code_postal: '6280' };
    const rna = { ...fresh, id: 'x2', pivot: 'W621000123' };
    const paris = { ...fresh, id: 'x3', pivot: siret('7788990011225'), commune: 'Paris', code_postal: '75001', code_insee: '75056' };
    const badService = { ...fresh, id: 'x4', pivot: siret('7788990011226'), services: 'Cours de cuisine' };
    const rows: Record<string, string>[] = [edited, fresh, badPostcode, rna, paris, badService];
    const file = [FIELDS.join(','), ...rows.map((r) => FIELDS.map((f) => `"${(r[f] ?? '').replace(/"/g, '""')}"`).join(','))].join('\r\n');
    const res = await importFile(file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0, refused: 4 });
    const [l1, l2, l3, l4, l5, l6] = report.lines;
    expect(l1).toMatchObject({ line: 2, status: 'updated', changes: ['horaires', 'telephone'] });
    expect(l2).toMatchObject({ line: 3, status: 'created', nom: 'Fablab de Liévin' });
    expect(l2.notes[0]).toMatch(/sans habilitation/);
    expect(l3).toMatchObject({ status: 'refused' });
    expect(l3.reasons[0]).toMatch(/^code_postal : « 6280 » n’a pas le format attendu/);
    expect(l4.reasons[0]).toMatch(/SIRET/);
    expect(l5.reasons[0]).toMatch(/ne fait pas partie du territoire/);
    expect(l6.reasons).toEqual(['services : « Cours de cuisine » n’est pas une valeur admise pour « services »']);
    const site = await tdb.deps.db.selectFrom('sites').selectAll().where('id', '=', robert.id).executeTakeFirstOrThrow();
    expect(site).toMatchObject({ phone: '+33321000001', opening_hours: 'Mo-Sa 09:00-18:00' });
    const fablab = await tdb.deps.db.selectFrom('structures').selectAll().where('siret', '=', fresh.pivot).executeTakeFirstOrThrow();
    expect(fablab).toMatchObject({ name: 'Fablab de Liévin', typology: 'FABLAB', services: 'Loisirs et créations numériques', phone: '+33321445566' });
    const fablabSite = await tdb.deps.db.selectFrom('sites').selectAll().where('structure_id', '=', fablab.id).executeTakeFirstOrThrow();
    expect(fablabSite).toMatchObject({ commune_insee: '62510', postal_code: '62800', address: '5 rue Jean Jaurès' });
    for (const refused of [badPostcode, paris, badService]) {
      expect(await tdb.deps.db.selectFrom('structures').select('id').where('siret', '=', refused.pivot).executeTakeFirst()).toBeUndefined();
    }
    // Not accredited yet: the new place is not published.
    const published = parse((await app.inject({ method: 'GET', url: csvUrl })).body, { columns: true }) as Record<string, string>[];
    expect(published.map((r) => r.nom)).not.toContain('Fablab de Liévin');
    // The same file again: the update is now unchanged, the fablab is found by its address.
    const again = (await importFile(file)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 4 });
  });

  it('accepts the file as a multipart upload, and only from the programme admin', async () => {
    const csv = (await app.inject({ method: 'GET', url: csvUrl })).body;
    const boundary = '----passnum-test';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="lieux.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const res = await importFile(body, `multipart/form-data; boundary=${boundary}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unchanged: 3, refused: 0 });
    const agent = await login(app, (await given(tdb.deps).user({ territoryId, role: 'agent', organisationId: await given(tdb.deps).organisation({ territoryId }) })).email);
    const refused = await app.inject({ method: 'POST', url: '/api/open-data/places/import', payload: csv, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'text/csv' } });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/open-data/places/import', payload: csv, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(401);
    const noColumns = await importFile('nom,ville\r\nA,B\r\n');
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.json().message).toMatch(/Il manque des colonnes obligatoires/);
    expect((await app.inject({ method: 'GET', url: '/api/open-data/200000172/lieux-de-mediation-numerique.csv' })).statusCode).toBe(404);
  });
});

describe(`open data: anonymised statistics per commune and month (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-04-02T10:00:00.000Z' });
    const g = given(tdb.deps);
    const f = givenFollowup(tdb.deps);
    const territoryId = await g.territory();
    const lens = await g.organisation({ territoryId, communeInsee: '62498' });
    const campaign = await g.campaign({ territoryId, issuance_start: '2026-01-15' });
    const s = await g.structure({ territoryId, accreditedFor: [campaign.id] });
    // Lens: 6 booklets in February, 5 people trained in March (one of them twice).
    for (let i = 0; i < 6; i++) {
      const b = await g.issuedBooklet({ campaign, organisationId: lens, communeInsee: '62498' });
      await f.handedOutAt(b.id, `2026-02-1${i}T10:00:00.000Z`);
      if (i < 5) await f.redeem({ ticketIds: [b.tickets[0].id], structureId: s.id, siteId: s.siteId, at: `2026-03-0${i + 1}T10:00:00.000Z` });
      if (i === 0) await f.redeem({ ticketIds: [b.tickets[1].id], structureId: s.id, siteId: s.siteId, at: '2026-03-20T10:00:00.000Z' });
    }
    // Liévin: 2 booklets, one handed out at 00:30 Paris time on 1 March (23:30 UTC on 28 February).
    const l1 = await g.issuedBooklet({ campaign, organisationId: lens, communeInsee: '62510' });
    await f.handedOutAt(l1.id, '2026-02-28T23:30:00.000Z');
    const l2 = await g.issuedBooklet({ campaign, organisationId: lens, communeInsee: '62510' });
    await f.handedOutAt(l2.id, '2026-03-05T10:00:00.000Z');
    await f.redeem({ ticketIds: [l2.tickets[0].id], structureId: s.id, siteId: s.siteId, at: '2026-03-06T10:00:00.000Z' });
    app = await createTestApp(tdb);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('publishes counts per commune and Paris month, hiding every count from 1 to 4', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/open-data/246200364/statistiques.json' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rule).toMatch(/de 1 à 4 ne sont pas publiés/);
    const row = (insee: string, mois: string) => body.rows.find((r: { code_insee: string; mois: string }) => r.code_insee === insee && r.mois === mois);
    expect(row('62498', '2026-02')).toEqual({ code_insee: '62498', commune: 'Lens', mois: '2026-02', carnets_remis: 6, personnes_formees: 0, seances: 0, tickets_utilises: 0 });
    expect(row('62498', '2026-03')).toEqual({ code_insee: '62498', commune: 'Lens', mois: '2026-03', carnets_remis: 0, personnes_formees: 5, seances: 6, tickets_utilises: 6 });
    // 00:30 in Paris on 1 March is March, although it is still February in UTC; small counts hidden.
    expect(row('62510', '2026-02')).toBeUndefined();
    expect(row('62510', '2026-03')).toEqual({ code_insee: '62510', commune: 'Liévin', mois: '2026-03', carnets_remis: null, personnes_formees: null, seances: null, tickets_utilises: null });
    for (const r of body.rows) for (const k of ['carnets_remis', 'personnes_formees', 'seances', 'tickets_utilises']) expect(r[k] === null || r[k] === 0 || r[k] >= 5).toBe(true);
    const csv = await app.inject({ method: 'GET', url: '/api/open-data/246200364/statistiques.csv' });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('code_insee,commune,mois,carnets_remis,personnes_formees,seances,tickets_utilises');
    expect(lines).toContain('62510,Liévin,2026-03,,,,');
    expect(lines).toContain('62498,Lens,2026-02,6,0,0,0');
  });
});
