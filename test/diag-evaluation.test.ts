import { describe, expect, it } from 'vitest';
import { summariseEvaluation } from '../src/domain/evaluation.ts';

// Issue #18, item 7: same people, same version; needs done alone; autonomy per theme; under 5 hidden.

const scores = (levels: Record<string, string>) => JSON.stringify({ areas: Object.entries(levels).map(([areaId, level]) => ({ areaId, level })) });

function people(count: number) {
  const ids = Array.from({ length: count }, (_, i) => `p${i}`);
  return {
    people: ids.map((id) => ({ id, communeInsee: '62510' })),
    diagnostics: ids.flatMap((id, i) => [
      { id: `${id}-a`, beneficiary_id: id, kind: 'initial', model_version: 'v2', scores: scores({ demarches: 'sans_autonomie', appareil: 'autonome' }), needs: '["caf"]', need_outcomes: '{}', created_at: '2026-03-01T09:00:00Z' },
      { id: `${id}-b`, beneficiary_id: id, kind: 'followup', model_version: i === 0 ? 'v1' : 'v2', scores: scores({ demarches: 'intermediaire', appareil: 'autonome' }), needs: '["caf"]', need_outcomes: '{"caf":"oui"}', created_at: '2026-04-01T09:00:00Z' },
    ]),
    autonomy: ids.flatMap((id) => [
      { beneficiary_id: id, theme: 'AideAuxDemarchesAdministratives', level: 'EntierementAccompagne', recorded_at: '2026-03-10T09:00:00Z' },
      { beneficiary_id: id, theme: 'AideAuxDemarchesAdministratives', level: 'Autonome', recorded_at: '2026-03-20T09:00:00Z' },
    ]),
    areaLabels: new Map([['v2:demarches', 'Faire une démarche en ligne']]),
    communeNames: new Map([['62510', 'Liévin']]),
  };
}

describe('evaluation', () => {
  it('compares the same people with the same version, and counts needs done alone and autonomy per theme', () => {
    const e = summariseEvaluation(people(7));
    // p0's follow-up used v1: not comparable, so not followed up for this measure.
    expect(e).toMatchObject({ peopleWithBaseline: 7, peopleWithFollowup: 6, followupPercent: 85.7 });
    expect(e.needs).toMatchObject({ peopleWithNeeds: 6, peopleDoneAlone: 6, peopleDoneAlonePercent: 100 });
    const demarches = e.areas.find((a) => a.areaId === 'demarches')!;
    expect(demarches).toMatchObject({ label: 'Faire une démarche en ligne', people: 6, progressed: 6 });
    expect(demarches.levels.find((l) => l.level === 'sans_autonomie')).toMatchObject({ intake: 6, followup: 0 });
    expect(e.themes[0]).toMatchObject({ id: 'AideAuxDemarchesAdministratives', peopleWithTwoSessions: 7, improved: 7, improvedPercent: 100 });
    expect(e.communes).toEqual([{ inseeCode: '62510', name: 'Liévin', people: 7, withFollowup: 6, followupPercent: 85.7, progressed: 6 }]);
  });

  it('hides counts from 1 to 4 and the shares built on them', () => {
    const e = summariseEvaluation(people(3));
    expect(e).toMatchObject({ peopleWithBaseline: null, peopleWithFollowup: null, followupPercent: null });
    expect(e.themes[0]).toMatchObject({ improved: null, improvedPercent: null });
    expect(e.communes[0]).toMatchObject({ people: null, withFollowup: null });
  });
});
