import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_MODEL_V1 } from '../src/db/migrations/20261127002000_insert_diagnostic_model.ts';
import { DIAGNOSTIC_MODEL_V2 } from '../src/db/migrations/20261207200000_insert_diagnostic_model_v2.ts';
import { equivalentsOf } from '../src/domain/autonomy.ts';
import { checkAnswers, modelProblems, needsToDoForThem, scoreDiagnostic, type DiagnosticModel } from '../src/domain/diagnostic.ts';
import { rankHelperPlaces, type HelperCandidate } from '../src/domain/orientation.ts';
import { assessEligibility, type EligibilityFacts, type EligibilityRuleKind } from '../src/domain/eligibility.ts';
import { THEMES } from '../src/domain/themes.ts';

// Issue #18, items 1–3 and 6: a level per area (equal weights, « pas concerné » left out), observed
// tasks weighing above self-report, needs in the Coop's words, eligibility as a rule over areas.

const v1 = DIAGNOSTIC_MODEL_V1 as unknown as DiagnosticModel;
const v2 = DIAGNOSTIC_MODEL_V2 as unknown as DiagnosticModel;

/** Every scored question at `option` except those of `lowArea` at `low`; unscored blocks: first option. */
function answers(model: DiagnosticModel, option: string, lowArea?: string, low = 'jamais') {
  return Object.fromEntries(model.questions.map((q) => [q.id, q.areaId === null ? q.options[0].id : q.areaId === lowArea ? low : option]));
}

function facts(model: DiagnosticModel, a: Record<string, string>, needs: string[], rule: EligibilityRuleKind): EligibilityFacts {
  const r = scoreDiagnostic(model, a);
  return {
    today: '2026-03-15',
    campaign: { name: 'Pass 2026', status: 'open', issuanceStart: '2026-01-01', issuanceEnd: '2026-12-31', diagnosticThreshold: 'intermediaire', eligibilityRule: rule },
    commune: { insee: '62510', name: 'Liévin', inTerritory: true },
    quota: { quota: 10, issued: 0 },
    profile: r.profile,
    diagnostic: {
      perArea: model.scoring === 'per_area',
      areas: model.areas.map((x) => ({ id: x.id, label: x.label, level: r.areas.find((y) => y.areaId === x.id)!.level })),
      needs: model.needs.filter((n) => needs.includes(n.id)).map((n) => ({ id: n.id, label: n.label, areas: n.areas ?? [] })),
    },
    override: null,
    existingBooklet: null,
  };
}

describe('diagnostic v2: a level per area', () => {
  it('is a consistent model: areas, needs, Coop themes, pictograms, 4–5 observed tasks', () => {
    expect(modelProblems(v2)).toEqual([]);
    const themeIds = new Set(THEMES.map((t) => t.id));
    for (const n of v2.needs) {
      expect(n.themes?.length, n.id).toBeGreaterThan(0);
      for (const t of n.themes!) expect(themeIds.has(t as never), `${n.id}: ${t}`).toBe(true);
      expect(n.areas?.length, n.id).toBeGreaterThan(0);
      expect(n.services.length, n.id).toBeGreaterThan(0);
    }
    for (const a of v2.areas) expect(a.pictogram && a.digcomp && a.coopThemes?.length, a.id).toBeTruthy();
    const observed = v2.questions.filter((q) => q.kind === 'observed');
    expect(observed.length).toBeGreaterThanOrEqual(4);
    expect(observed.length).toBeLessThanOrEqual(5);
    expect(observed.every((q) => (q.weight ?? 1) > 1)).toBe(true);
  });

  it('writes one action per short question (at most 10 words, one question mark, no « et »)', () => {
    for (const q of v2.questions.filter((x) => x.kind !== 'observed')) {
      const words = q.label.split(/\s+/).length;
      expect(words, q.label).toBeLessThanOrEqual(10);
      expect(q.label.match(/\?/g)?.length, q.label).toBe(1);
      expect(q.label, q.label).not.toMatch(/ et | puis |, /);
    }
  });

  it('v1 averaged score called the person at ease except for online procedures « Autonome »', () => {
    const r = scoreDiagnostic(v1, answers(v1, 'seul', 'demarches'));
    expect(`${r.score}/${r.max}`).toBe('27/33');
    expect(r.profile).toBe('autonome');
  });

  it('v2 gives her a level per area: autonomous everywhere, « Sans autonomie » for online procedures', () => {
    const r = scoreDiagnostic(v2, answers(v2, 'seul', 'demarches'));
    expect(Object.fromEntries(r.areas.map((a) => [a.areaId, a.level]))).toEqual({
      appareil: 'autonome', information: 'autonome', communication: 'autonome', demarches: 'sans_autonomie', securite: 'autonome',
    });
    // Equal weights: the mean of the five areas, whatever their number of questions.
    expect(r.percent).toBe(80);
  });

  it('leaves « pas concerné » out of the level, instead of scoring it as « cannot »', () => {
    const a = { ...answers(v2, 'seul'), comm_appel_video: 'pas_concerne' };
    const r = scoreDiagnostic(v2, a);
    expect(r.areas.find((x) => x.areaId === 'communication')).toMatchObject({ percent: 100, level: 'autonome' });
    const none = Object.fromEntries(v2.questions.map((q) => [q.id, q.areaId === 'securite' ? (q.kind === 'observed' ? 'non_observe' : 'pas_concerne') : q.areaId === null ? q.options[0].id : 'seul']));
    expect(scoreDiagnostic(v2, none).areas.find((x) => x.areaId === 'securite')!.level).toBeNull();
  });

  it('weighs the observed task twice a self-report answer', () => {
    // Says « alone, no help » to both safety questions, but fails the scam task: (3+3+0×2)/(3×4) = 50 %.
    const r = scoreDiagnostic(v2, { ...answers(v2, 'seul'), tache_arnaque: 'jamais' });
    expect(r.areas.find((x) => x.areaId === 'securite')).toMatchObject({ percent: 50, level: 'intermediaire', observed: true });
    expect(checkAnswers(v2, { ...answers(v2, 'seul'), tache_arnaque: 'pas_concerne' }, [])[0].field).toBe('answers.tache_arnaque');
  });

  it('gives the Coop and DigComp equivalents of each level, and claims no Pix level', () => {
    expect(equivalentsOf('debutant')).toMatchObject({ coop: 'EntierementAccompagne', coopLabel: 'Avec guidage' });
    expect(equivalentsOf('intermediaire')).toMatchObject({ coop: 'PartiellementAutonome' });
    expect(equivalentsOf('autonome').digcomp).toMatch(/niveau 3/);
    expect(JSON.stringify(v2)).not.toMatch(/Pix/);
  });
});

describe('eligibility: a rule over areas, per campaign', () => {
  const easyExceptProcedures = answers(v2, 'seul', 'demarches');

  it('need_areas: eligible, naming the area linked to her need', () => {
    const e = assessEligibility(facts(v2, easyExceptProcedures, ['caf'], 'need_areas'));
    expect(e.eligible).toBe(true);
    const check = e.checks.find((c) => c.rule === 'profile')!;
    expect(check.message).toMatch(/Faire une démarche en ligne.*Sans autonomie.*CAF/);
  });

  it('need_areas: not eligible when the areas of her needs are autonomous, the reason listing them', () => {
    const e = assessEligibility(facts(v2, easyExceptProcedures, ['proches'], 'need_areas'));
    expect(e.eligible).toBe(false);
    expect(e.reasons[0]).toMatchObject({ rule: 'profile', code: 'not_eligible' });
    expect(e.reasons[0].message).toMatch(/autonome dans les domaines liés à ses besoins.*Communiquer.*dérogation/);
  });

  it('any_area: a gap in any area is enough (INSEE); overall: the averaged profile refuses her', () => {
    expect(assessEligibility(facts(v2, easyExceptProcedures, ['proches'], 'any_area')).eligible).toBe(true);
    expect(assessEligibility(facts(v2, easyExceptProcedures, ['caf'], 'overall')).eligible).toBe(false);
  });

  it('a v1 diagnostic keeps the v1 rule (its averaged profile)', () => {
    expect(assessEligibility(facts(v1, answers(v1, 'seul', 'demarches'), ['caf'], 'need_areas')).eligible).toBe(false);
  });
});

describe('learn, or have it done (item 5)', () => {
  const base = (wish: string, urgent = 'non') => ({ ...answers(v2, 'seul'), orientation_apprendre: wish, orientation_urgence: urgent });

  it('routes the procedures she wants done for her, and only those someone may do for her', () => {
    const d = needsToDoForThem(v2, base('faire_pour_moi', 'oui'), ['caf', 'impots', 'proches']);
    expect(d.needs.map((n) => n.id)).toEqual(['caf', 'impots']);
    expect(d.reason).toBe('Elle veut qu’on fasse ces démarches pour elle.');
    expect(d.urgent).toBe(true);
    expect(needsToDoForThem(v2, base('les_deux'), ['caf']).reason).toMatch(/d’abord qu’on l’aide/);
  });

  it('routes nothing when she wants to learn, or when no need can be done for her, or in v1', () => {
    expect(needsToDoForThem(v2, base('apprendre', 'oui'), ['caf']).needs).toEqual([]);
    expect(needsToDoForThem(v2, base('faire_pour_moi'), ['proches'])).toEqual({ needs: [], reason: null, urgent: false });
    expect(needsToDoForThem(v1, answers(v1, 'seul'), ['caf']).needs).toEqual([]);
  });

  it('finds France Services and Aidants Connect places, her commune first, meeting every accessibility need', () => {
    const place = (name: string, commune: string, programmes: string[], support: string[] = []): HelperCandidate => ({
      structureId: name, structureName: name, siteId: name, siteName: name, address: '1 rue', postalCode: '62300', communeInsee: commune, communeName: null,
      phone: null, openingHours: null, services: [], supportModes: [], specificSupport: support, nationalProgrammes: programmes,
    });
    const candidates = [
      place('EPN', '62498', ['Conseillers numériques']),
      place('Aidants Liévin', '62510', ['Aidants Connect']),
      place('France Services Lens', '62498', ['France Services', 'Aidants Connect'], ['Surdité']),
      place('Aidants Lens', '62498', ['Aidants Connect']),
    ];
    expect(rankHelperPlaces(candidates, { communeInsee: '62498' }).map((p) => [p.structureName, p.programmes.join('+')])).toEqual([
      ['France Services Lens', 'France Services+Aidants Connect'],
      ['Aidants Lens', 'Aidants Connect'],
      ['Aidants Liévin', 'Aidants Connect'],
    ]);
    expect(rankHelperPlaces(candidates, { communeInsee: '62498', specificSupport: ['Surdité'] }).map((p) => p.structureName)).toEqual(['France Services Lens']);
  });
});
