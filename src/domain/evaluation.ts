// Evaluation of the programme (issue #18, item 7; docs/product.md problem 4): for the same people and
// the same questionnaire version, the level of each area at intake and at the latest follow-up,
// the needs they could then do alone, the autonomy observed per theme from their first to their
// last session, and how many reached a follow-up. Pure: the read model gives the rows.
// Counts from 1 to 4 are not shown (secret statistique), as in the open data.
import { coopRank, COOP_AUTONOMY, COOP_AUTONOMY_LABELS, isCoopAutonomy, type CoopAutonomy } from './autonomy.ts';
import { isProfileId, PROFILE_IDS, PROFILE_LABELS, profileRank, type ProfileId } from './diagnostic.ts';
import { publishable } from './open-data.ts';
import { themeLabel } from './themes.ts';

export interface EvaluationInput {
  people: { id: string; communeInsee: string }[];
  diagnostics: { beneficiary_id: string; kind: string; model_version: string; scores: string; needs: string; need_outcomes?: string | null; created_at: string; id: string }[];
  autonomy: { beneficiary_id: string; theme: string; level: string; recorded_at: string }[];
  areaLabels: Map<string, string>;
  communeNames: Map<string, string>;
}

type Levels = Map<string, ProfileId>;
const levelsOf = (scores: string): Levels => {
  const parsed = JSON.parse(scores) as { areas?: { areaId: string; level?: string | null }[] };
  return new Map((parsed.areas ?? []).filter((a) => a.level && isProfileId(a.level)).map((a) => [a.areaId, a.level as ProfileId]));
};

export function summariseEvaluation(input: EvaluationInput) {
  const byPerson = new Map<string, EvaluationInput['diagnostics']>();
  for (const d of input.diagnostics) byPerson.set(d.beneficiary_id, [...(byPerson.get(d.beneficiary_id) ?? []), d]);
  const areaCells = new Map<string, { version: string; areaId: string; intake: Map<ProfileId, number>; followup: Map<ProfileId, number>; progressed: number; people: number }>();
  let withBaseline = 0;
  let withFollowup = 0;
  let needsTotal = 0;
  let needsDoneAlone = 0;
  let peopleWithNeeds = 0;
  let peopleDoneAlone = 0;
  const communes = new Map<string, { people: number; followup: number; progressed: number }>();
  for (const p of input.people) {
    const c = communes.get(p.communeInsee) ?? { people: 0, followup: 0, progressed: 0 };
    communes.set(p.communeInsee, c);
    const ds = (byPerson.get(p.id) ?? []).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    const baseline = ds.find((d) => d.kind === 'initial');
    if (!baseline) continue;
    withBaseline += 1;
    c.people += 1;
    // The latest follow-up made with the baseline's version: the only comparable one.
    const follow = [...ds].reverse().find((d) => d.kind === 'followup' && d.model_version === baseline.model_version);
    if (!follow) continue;
    withFollowup += 1;
    c.followup += 1;
    const before = levelsOf(baseline.scores);
    const after = levelsOf(follow.scores);
    let up = false;
    for (const [areaId, b] of before) {
      const a = after.get(areaId);
      if (!a) continue;
      const key = `${baseline.model_version}:${areaId}`;
      const cell = areaCells.get(key) ?? { version: baseline.model_version, areaId, intake: new Map(), followup: new Map(), progressed: 0, people: 0 };
      areaCells.set(key, cell);
      cell.people += 1;
      cell.intake.set(b, (cell.intake.get(b) ?? 0) + 1);
      cell.followup.set(a, (cell.followup.get(a) ?? 0) + 1);
      if (profileRank(a) > profileRank(b)) {
        cell.progressed += 1;
        up = true;
      }
    }
    if (up) c.progressed += 1;
    const needs = JSON.parse(baseline.needs) as string[];
    const outcomes = JSON.parse(follow.need_outcomes ?? '{}') as Record<string, string>;
    if (needs.length) {
      peopleWithNeeds += 1;
      needsTotal += needs.length;
      const alone = needs.filter((n) => outcomes[n] === 'oui').length;
      needsDoneAlone += alone;
      if (alone > 0) peopleDoneAlone += 1;
    }
  }

  // Autonomy per theme: each person's first and last recorded level on the theme.
  const sessions = new Map<string, { level: CoopAutonomy; at: string }[]>();
  for (const r of input.autonomy) {
    if (!isCoopAutonomy(r.level)) continue;
    const key = `${r.theme}\u0000${r.beneficiary_id}`;
    sessions.set(key, [...(sessions.get(key) ?? []), { level: r.level, at: r.recorded_at }]);
  }
  const themes = new Map<string, { people: number; twoOrMore: number; improved: number; first: Map<CoopAutonomy, number>; last: Map<CoopAutonomy, number> }>();
  for (const [key, list] of sessions) {
    const theme = key.split('\u0000')[0];
    const t = themes.get(theme) ?? { people: 0, twoOrMore: 0, improved: 0, first: new Map(), last: new Map() };
    themes.set(theme, t);
    list.sort((a, b) => a.at.localeCompare(b.at));
    t.people += 1;
    if (list.length < 2) continue;
    const first = list[0].level;
    const last = list[list.length - 1].level;
    t.twoOrMore += 1;
    t.first.set(first, (t.first.get(first) ?? 0) + 1);
    t.last.set(last, (t.last.get(last) ?? 0) + 1);
    if (coopRank(last) > coopRank(first)) t.improved += 1;
  }

  const share = (n: number, d: number) => (d > 0 && publishable(n) !== null && publishable(d) !== null ? Math.round((n * 1000) / d) / 10 : null);
  return {
    peopleWithBaseline: publishable(withBaseline),
    peopleWithFollowup: publishable(withFollowup),
    followupPercent: share(withFollowup, withBaseline),
    needs: {
      peopleWithNeeds: publishable(peopleWithNeeds),
      peopleDoneAlone: publishable(peopleDoneAlone),
      peopleDoneAlonePercent: share(peopleDoneAlone, peopleWithNeeds),
      needsTotal: publishable(needsTotal),
      needsDoneAlone: publishable(needsDoneAlone),
    },
    areas: [...areaCells.values()].map((c) => ({
      version: c.version,
      areaId: c.areaId,
      label: input.areaLabels.get(`${c.version}:${c.areaId}`) ?? c.areaId,
      people: publishable(c.people),
      progressed: publishable(c.progressed),
      progressedPercent: share(c.progressed, c.people),
      levels: PROFILE_IDS.map((l) => ({ level: l, label: PROFILE_LABELS[l], intake: publishable(c.intake.get(l) ?? 0), followup: publishable(c.followup.get(l) ?? 0) })),
    })),
    themes: [...themes.entries()]
      .map(([id, t]) => ({
        id,
        label: themeLabel(id),
        people: publishable(t.people),
        peopleWithTwoSessions: publishable(t.twoOrMore),
        improved: publishable(t.improved),
        improvedPercent: share(t.improved, t.twoOrMore),
        levels: COOP_AUTONOMY.map((l) => ({ level: l, label: COOP_AUTONOMY_LABELS[l], first: publishable(t.first.get(l) ?? 0), last: publishable(t.last.get(l) ?? 0) })),
      }))
      .sort((a, b) => (b.people ?? 0) - (a.people ?? 0)),
    communes: [...communes.entries()]
      .filter(([, c]) => c.people > 0)
      .map(([insee, c]) => ({
        inseeCode: insee,
        name: input.communeNames.get(insee) ?? insee,
        people: publishable(c.people),
        withFollowup: publishable(c.followup),
        followupPercent: share(c.followup, c.people),
        progressed: publishable(c.progressed),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}
