import { Service } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_MODEL_V1 } from '../src/db/migrations/20261127002000_insert_diagnostic_model.ts';
import { checkAnswers, modelProblems, profileFor, scoreDiagnostic, servicesFor, type DiagnosticModel } from '../src/domain/diagnostic.ts';
import { assessEligibility, type EligibilityFacts } from '../src/domain/eligibility.ts';
import { rankPlaces, type PlaceCandidate } from '../src/domain/orientation.ts';
import { ageOn, personKey, searchTerms, searchText } from '../src/domain/person.ts';
import { answersAt } from './helpers/given-issuance.ts';

const model = DIAGNOSTIC_MODEL_V1 as DiagnosticModel;

describe('person key (duplicate detection)', () => {
  const base = { firstName: 'Zoé', birthName: 'Lefèvre-Dupont', birthDate: '1958-06-21' };
  it.each([
    ['case', { firstName: 'ZOÉ', birthName: 'LEFÈVRE-DUPONT' }],
    ['accents', { firstName: 'Zoe', birthName: 'Lefevre-Dupont' }],
    ['hyphen as space', { firstName: 'zoe', birthName: 'lefevre dupont' }],
    ['no separator', { firstName: 'Zoe ', birthName: ' LefevreDupont' }],
    ['apostrophe and ligature', { firstName: 'Zoé', birthName: 'Lefèvre–Dupont' }],
  ])('is the same across %s', (_label, variant) => {
    expect(personKey({ ...base, ...variant })).toBe(personKey(base));
  });
  it('folds apostrophes and ligatures', () => {
    expect(personKey({ firstName: 'Chloé', birthName: "D'Œuvray", birthDate: '1990-01-02' })).toBe(personKey({ firstName: 'chloe', birthName: 'doeuvray', birthDate: '1990-01-02' }));
  });
  it('differs on another birth date or another first name; ignores the usage name by construction', () => {
    expect(personKey({ ...base, birthDate: '1958-06-22' })).not.toBe(personKey(base));
    expect(personKey({ ...base, firstName: 'Zoa' })).not.toBe(personKey(base));
  });
  it('search text and terms match whatever the accents, case, hyphens or apostrophes', () => {
    const text = searchText({ firstName: 'Zoé', birthName: "L'Hôte-Dupont", usageName: 'Martin' });
    for (const q of ["l'hote", 'LHOTE', 'hôte dupont', 'zoe martin', 'lhote-dupont']) {
      expect(searchTerms(q).every((t) => text.includes(` ${t}`)), q).toBe(true);
    }
    expect(searchTerms('durand').every((t) => text.includes(` ${t}`))).toBe(false);
  });
  it('computes ages in whole years', () => {
    expect(ageOn('1958-06-21', '2026-06-20')).toBe(67);
    expect(ageOn('1958-06-21', '2026-06-21')).toBe(68);
  });
});

describe('diagnostic model v1 and scoring', () => {
  it('is consistent and maps needs to services of the national schema', () => {
    expect(modelProblems(model)).toEqual([]);
    expect(model.areas).toHaveLength(5);
    expect(model.profiles.map((p) => p.label)).toEqual(['Sans autonomie', 'Débutant', 'Intermédiaire', 'Autonome']);
    const national = new Set<string>(Object.values(Service));
    const used = [...model.needs.flatMap((n) => n.services), ...model.questions.flatMap((q) => q.options.flatMap((o) => o.services ?? []))];
    for (const s of used) expect(national.has(s), s).toBe(true);
    expect(model.questions.filter((q) => q.areaId === null).map((q) => q.id)).toEqual(
      ['acces_smartphone', 'acces_ordinateur', 'acces_tablette', 'acces_internet', 'acces_email', 'acces_mots_de_passe'],
    );
  });
  it.each([
    ['jamais', 'sans_autonomie', 0],
    ['avec_aide', 'debutant', 33.3],
    ['seul_parfois_aide', 'intermediaire', 66.7],
    ['seul', 'autonome', 100],
  ] as const)('all answers "%s" → %s', (option, profile, percent) => {
    const r = scoreDiagnostic(model, answersAt(model, option));
    expect(r.profile).toBe(profile);
    expect(r.percent).toBe(percent);
    expect(r.areas).toHaveLength(5);
  });
  it.each([
    [0, 'sans_autonomie'], [24.9, 'sans_autonomie'], [25, 'debutant'], [49.9, 'debutant'], [50, 'intermediaire'], [79.9, 'intermediaire'], [80, 'autonome'],
  ] as const)('profile thresholds: %s %% → %s', (percent, profile) => {
    expect(profileFor(model, percent)).toBe(profile);
  });
  it('lists every problem of incomplete or unknown answers and needs', () => {
    const answers = answersAt(model, 'seul');
    delete answers.comm_email;
    answers.secu_arnaque = 'peut-etre';
    answers.inconnue = 'oui';
    const problems = checkAnswers(model, answers, ['caf', 'astrologie']);
    expect(problems.map((p) => p.field).sort()).toEqual(['answers.comm_email', 'answers.inconnue', 'answers.secu_arnaque', 'needs']);
    expect(checkAnswers(model, answersAt(model, 'seul'), ['caf'])).toEqual([]);
  });
  it('derives services from needs and from the access answers', () => {
    const answers = { ...answersAt(model, 'avec_aide'), acces_internet: 'non' };
    expect(servicesFor(model, answers, ['caf', 'emploi']).sort()).toEqual(
      ['Accès internet et matériel informatique', 'Acquisition de matériel informatique à prix solidaire', 'Aide aux démarches administratives', 'Insertion professionnelle via le numérique'],
    );
  });
});

describe('eligibility rules', () => {
  const ok: EligibilityFacts = {
    today: '2026-03-15',
    campaign: { name: 'Pass 2026', status: 'open', issuanceStart: '2026-01-01', issuanceEnd: '2026-12-31', diagnosticThreshold: 'intermediaire' },
    commune: { insee: '62510', name: 'Liévin', inTerritory: true },
    quota: { quota: 10, issued: 3 },
    profile: 'debutant',
    override: null,
    existingBooklet: null,
  };
  const existing = { organisationName: 'Mairie de Lens', issuedAt: '2026-02-03T09:00:00.000Z', serial: '2026-62498-000001' };
  it.each<[string, Partial<EligibilityFacts>, string[]]>([
    ['everything in order', {}, []],
    ['profile exactly at the threshold', { profile: 'intermediaire' }, []],
    ['campaign draft', { campaign: { ...ok.campaign, status: 'draft' } }, ['campaign_closed']],
    ['campaign closed', { campaign: { ...ok.campaign, status: 'closed' } }, ['campaign_closed']],
    ['before the issuance window', { today: '2025-12-31' }, ['campaign_closed']],
    ['after the issuance window', { today: '2027-01-01' }, ['campaign_closed']],
    ['last day of the window', { today: '2026-12-31' }, []],
    ['outside the territory', { commune: { insee: '59350', name: 'Lille', inTerritory: false }, quota: null }, ['outside_territory', 'quota_exhausted']],
    ['already has a booklet', { existingBooklet: existing }, ['duplicate_beneficiary']],
    ['no diagnostic', { profile: null }, ['not_eligible']],
    ['too autonomous', { profile: 'autonome' }, ['not_eligible']],
    ['too autonomous with an override', { profile: 'autonome', override: { reason: 'Parent isolé, démarches CAF urgentes' } }, []],
    ['override reason too short', { profile: 'autonome', override: { reason: 'urgent' } }, ['not_eligible']],
    ['quota exhausted', { quota: { quota: 10, issued: 10 } }, ['quota_exhausted']],
    ['everything wrong at once', { campaign: { ...ok.campaign, status: 'closed' }, existingBooklet: existing, profile: 'autonome', quota: { quota: 5, issued: 5 } }, ['campaign_closed', 'duplicate_beneficiary', 'not_eligible', 'quota_exhausted']],
  ])('%s', (_label, change, codes) => {
    const e = assessEligibility({ ...ok, ...change });
    expect(e.reasons.map((r) => r.code)).toEqual(codes);
    expect(e.eligible).toBe(codes.length === 0);
    expect(e.checks).toHaveLength(5);
    for (const r of e.reasons) expect(r.message.length).toBeGreaterThan(20);
  });
  it('names the organisation and the date of the existing booklet, and marks override use', () => {
    const dup = assessEligibility({ ...ok, existingBooklet: existing });
    expect(dup.reasons[0].message).toBe('Cette personne a déjà reçu un carnet pour cette campagne : remis par Mairie de Lens le 03/02/2026 (carnet 2026-62498-000001).');
    expect(dup.reasons[0].details).toMatchObject({ organisationName: 'Mairie de Lens', issuedOn: '2026-02-03' });
    const over = assessEligibility({ ...ok, profile: 'autonome', override: { reason: 'Parent isolé, démarches CAF urgentes' } });
    expect(over.overrideUsed).toBe(true);
    expect(assessEligibility(ok).overrideUsed).toBe(false);
  });
});

describe('orientation ranking', () => {
  const place = (p: Partial<PlaceCandidate>): PlaceCandidate => ({
    structureId: p.structureName ?? 's', structureName: 'S', siteId: 'x', siteName: 'Site', address: '1 rue', postalCode: '62300', communeInsee: '62498',
    communeName: 'Lens', phone: null, openingHours: null, services: [], supportModes: [], specificSupport: [], ...p,
  });
  const admin = 'Aide aux démarches administratives';
  const daily = 'Maîtrise des outils numériques du quotidien';
  const candidates = [
    place({ structureName: 'B Lens démarches', services: [admin] }),
    place({ structureName: 'A Liévin tout', communeInsee: '62510', services: [admin, daily] }),
    place({ structureName: 'C Lens tout', services: [admin, daily], specificSupport: ['Déficience visuelle'] }),
    place({ structureName: 'D Lens loisirs', services: ['Loisirs et créations numériques'] }),
  ];
  it('keeps matching places, the person’s commune first, then the best match', () => {
    const ranked = rankPlaces(candidates, { services: [admin, daily], communeInsee: '62498' });
    expect(ranked.map((p) => p.structureName)).toEqual(['C Lens tout', 'B Lens démarches', 'A Liévin tout']);
    expect(ranked[0]).toMatchObject({ inCommune: true, matchedServices: [admin, daily] });
    expect(rankPlaces(candidates, { services: [admin], communeInsee: '62510' })[0].structureName).toBe('A Liévin tout');
  });
  it('looks only for the services the campaign pays for', () => {
    const ranked = rankPlaces(candidates, { services: [admin, daily], communeInsee: '62498', eligibleServices: [daily] });
    expect(ranked.map((p) => p.structureName)).toEqual(['C Lens tout', 'A Liévin tout']);
    expect(ranked.every((p) => p.matchedServices.join() === daily)).toBe(true);
    // None of the person's services is paid for: the places offering one that is.
    expect(rankPlaces(candidates, { services: [admin], communeInsee: '62498', eligibleServices: ['Loisirs et créations numériques'] }).map((p) => p.structureName)).toEqual(['D Lens loisirs']);
    // A campaign without a list pays for every service.
    expect(rankPlaces(candidates, { services: [admin], communeInsee: '62498', eligibleServices: [] })).toHaveLength(3);
  });
  it('filters on accessibility needs asked at the desk', () => {
    expect(rankPlaces(candidates, { services: [admin], communeInsee: '62510', specificSupport: ['Déficience visuelle'] }).map((p) => p.structureName)).toEqual(['C Lens tout']);
  });
});
