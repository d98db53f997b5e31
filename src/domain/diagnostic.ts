// The diagnostic of digital autonomy (issue #3, item 2). The questionnaire is data (a versioned
// model stored in `diagnostic_models`); this file holds the rules that read it: which answers are
// acceptable, how they are scored, which autonomy profile and which services follow.

export const PROFILE_IDS = ['sans_autonomie', 'debutant', 'intermediaire', 'autonome'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export const PROFILE_LABELS: Record<ProfileId, string> = {
  sans_autonomie: 'Sans autonomie',
  debutant: 'Débutant',
  intermediaire: 'Intermédiaire',
  autonome: 'Autonome',
};

export interface DiagnosticOption {
  id: string;
  label: string;
  /** Scored questions only: 0 (never done) .. 3 (alone, without difficulty). */
  score?: number;
  /** « Pas concerné » / « Non observé » (v2): the answer is recorded but left out of the area's level. */
  notApplicable?: boolean;
  /** National-schema services this answer calls for (e.g. no internet at home → access to equipment). */
  services?: string[];
}

export interface DiagnosticQuestion {
  id: string;
  label: string;
  /** null for the unscored blocks (access; in v2 also orientation), which are recorded but not scored. */
  areaId: string | null;
  options: DiagnosticOption[];
  /** v2: which unscored block the question belongs to (default: access). */
  block?: 'access' | 'orientation';
  /** v2: 'observed' = a short task the agent watches the person do; 'self' (default) = what the person says. */
  kind?: 'self' | 'observed';
  /** v2: weight in the area's level; observed tasks weigh more than self-report (default 1). */
  weight?: number;
  /** v2: a plain-French explanation of the word that could be unknown (read aloud with the question). */
  hint?: string;
  /** v2, observed tasks: what is shown to the person (e.g. three messages), and what counts as success. */
  material?: string[];
  success?: string;
}

export interface DiagnosticArea {
  id: string;
  label: string;
  /** v2: the pictogram drawn beside the area (an inline SVG of the web app, by id). */
  pictogram?: string;
  /** v2: the DigComp 2.2 competences the area covers (equivalence, not a certification). */
  digcomp?: string;
  /** v2: the Coop's thématiques a mediator works on for this area. */
  coopThemes?: string[];
}

export interface ProfileRule {
  id: ProfileId;
  label: string;
  /** The profile applies from this share of the maximum score (0–100), up to the next one. */
  minPercent: number;
  /** Plain-French advice printed with the result. */
  advice: string;
  /** National-schema support mode suggested (modalites_accompagnement). */
  supportMode: string;
}

export interface Need {
  id: string;
  label: string;
  group: string;
  /** National-schema services (schéma des lieux de médiation numérique) that answer this need. */
  services: string[];
  /** v2: the Coop's thématiques (ids of domain/themes.ts) a session on this need records. */
  themes?: string[];
  /** v2: the diagnostic areas this need calls on (eligibility looks at their levels). */
  areas?: string[];
  /** v2: a procedure someone else may do for the person (France Services, Aidants Connect). */
  canBeDoneForThem?: boolean;
}

export interface DiagnosticModel {
  version: string;
  title: string;
  accessLabel: string;
  areas: DiagnosticArea[];
  questions: DiagnosticQuestion[];
  profiles: ProfileRule[];
  needGroups: { id: string; label: string }[];
  needs: Need[];
  /** 'per_area' (v2): a level per area, equal weights, "pas concerné" left out. Absent (v1): one averaged score. */
  scoring?: 'per_area';
}

export type Answers = Record<string, string>;

export interface AreaScore {
  areaId: string;
  score: number;
  max: number;
  percent: number;
  /** The area's level on the profile scale; null when every question was « pas concerné ». */
  level: ProfileId | null;
  /** True when an observed task counted in the level. */
  observed: boolean;
}
export interface DiagnosticResult {
  areas: AreaScore[];
  score: number;
  max: number;
  percent: number;
  profile: ProfileId;
}

export interface AnswerProblem { field: string; message: string }

/** Every question answered with one of its options; needs from the model; nothing else. */
export function checkAnswers(model: DiagnosticModel, answers: Answers, needs: string[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(model.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) problems.push({ field: `answers.${key}`, message: `La question « ${key} » n’existe pas dans le modèle ${model.version}.` });
  }
  for (const q of model.questions) {
    const a = answers[q.id];
    if (a === undefined) problems.push({ field: `answers.${q.id}`, message: `Il manque la réponse à la question « ${q.label} ».` });
    else if (!q.options.some((o) => o.id === a)) {
      problems.push({ field: `answers.${q.id}`, message: `La réponse « ${a} » n’est pas prévue pour la question « ${q.label} ».` });
    }
  }
  const needIds = new Set(model.needs.map((n) => n.id));
  for (const n of needs) {
    if (!needIds.has(n)) problems.push({ field: 'needs', message: `Le besoin « ${n} » n’existe pas dans le modèle ${model.version}.` });
  }
  return problems;
}

const percentOf = (score: number, max: number) => (max === 0 ? 0 : Math.round((score * 1000) / max) / 10);

/** The profile of a percentage: the highest rule whose threshold is reached. */
export function profileFor(model: DiagnosticModel, percent: number): ProfileId {
  const sorted = [...model.profiles].sort((a, b) => a.minPercent - b.minPercent);
  let profile = sorted[0].id;
  for (const rule of sorted) if (percent >= rule.minPercent) profile = rule.id;
  return profile;
}

/**
 * Scores valid answers (see checkAnswers): per area and overall, then the profile.
 * v1: points summed per area and overall (the device area weighs more: it has more questions).
 * v2 (`scoring: 'per_area'`): each area's level is the weighted mean of its applicable answers
 * (observed tasks weigh `weight`, 2 in v2), « pas concerné » left out; the overall percentage is
 * the plain mean of the areas that have a level (equal weights), kept for v1 comparisons only.
 */
export function scoreDiagnostic(model: DiagnosticModel, answers: Answers): DiagnosticResult {
  const perArea = model.scoring === 'per_area';
  const areas = model.areas.map((area): AreaScore => {
    let score = 0;
    let max = 0;
    let observed = false;
    for (const q of model.questions.filter((x) => x.areaId === area.id)) {
      const option = q.options.find((o) => o.id === answers[q.id]);
      if (perArea && (!option || option.notApplicable)) continue;
      const weight = perArea ? (q.weight ?? 1) : 1;
      const scores = q.options.filter((o) => !o.notApplicable).map((o) => o.score ?? 0);
      max += Math.max(...scores) * weight;
      score += (option?.score ?? 0) * weight;
      if (q.kind === 'observed') observed = true;
    }
    const percent = percentOf(score, max);
    return { areaId: area.id, score, max, percent, level: max === 0 ? null : profileFor(model, percent), observed };
  });
  if (perArea) {
    const scored = areas.filter((a) => a.level !== null);
    const percent = scored.length ? Math.round((scored.reduce((s, a) => s + a.percent, 0) * 10) / scored.length) / 10 : 0;
    return { areas, score: scored.reduce((s, a) => s + a.score, 0), max: scored.reduce((s, a) => s + a.max, 0), percent, profile: profileFor(model, percent) };
  }
  const score = areas.reduce((s, a) => s + a.score, 0);
  const max = areas.reduce((s, a) => s + a.max, 0);
  const percent = percentOf(score, max);
  return { areas, score, max, percent, profile: profileFor(model, percent) };
}

/** Position of a profile on the autonomy scale (0 = sans autonomie). */
export function profileRank(profile: string): number {
  return PROFILE_IDS.indexOf(profile as ProfileId);
}

export function isProfileId(value: string): value is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(value);
}

/** Services suggested by the needs chosen and by the access answers (no connection → equipment). */
export function servicesFor(model: DiagnosticModel, answers: Answers, needs: string[]): string[] {
  const services = new Set<string>();
  for (const need of model.needs) if (needs.includes(need.id)) need.services.forEach((s) => services.add(s));
  for (const q of model.questions) {
    const option = q.options.find((o) => o.id === answers[q.id]);
    option?.services?.forEach((s) => services.add(s));
  }
  return [...services];
}

/** A model that the rules above can use: the four profiles, areas and options consistent. */
export function modelProblems(model: DiagnosticModel): string[] {
  const problems: string[] = [];
  const ids = new Set(model.profiles.map((p) => p.id));
  for (const p of PROFILE_IDS) if (!ids.has(p)) problems.push(`profil ${p} absent`);
  const areaIds = new Set(model.areas.map((a) => a.id));
  const seen = new Set<string>();
  for (const q of model.questions) {
    if (seen.has(q.id)) problems.push(`question ${q.id} en double`);
    seen.add(q.id);
    if (q.areaId !== null && !areaIds.has(q.areaId)) problems.push(`question ${q.id} : domaine ${q.areaId} inconnu`);
    if (q.options.length < 2) problems.push(`question ${q.id} : moins de deux réponses`);
    if (q.areaId !== null && q.options.some((o) => typeof o.score !== 'number' && !o.notApplicable)) problems.push(`question ${q.id} : réponse sans score`);
  }
  for (const a of model.areas) if (!model.questions.some((q) => q.areaId === a.id)) problems.push(`domaine ${a.id} sans question`);
  for (const n of model.needs) for (const a of n.areas ?? []) if (!areaIds.has(a)) problems.push(`besoin ${n.id} : domaine ${a} inconnu`);
  return problems;
}

/**
 * Learn, or have it done (issue #18, item 5): the v2 orientation block asks whether the person
 * wants to learn (`orientation_apprendre`) and whether a procedure is urgent
 * (`orientation_urgence`); the ids are the v2 model's (migration 20261207200000). v1 asked neither.
 */
export const DO_FOR_THEM_WISHES: Record<string, string> = {
  faire_pour_moi: 'Elle veut qu’on fasse ces démarches pour elle.',
  les_deux: 'Elle veut d’abord qu’on l’aide à les faire, puis apprendre.',
};

export interface DoForThem {
  /** The needs someone may do for the person (France Services, Aidants Connect), when she asked for it. */
  needs: Pick<Need, 'id' | 'label'>[];
  /** Why, in plain French; null when nothing is to be done for her. */
  reason: string | null;
  urgent: boolean;
}

/** The needs to route to a place that does the procedure for the person, apart from the training. */
export function needsToDoForThem(model: { needs: Pick<Need, 'id' | 'label' | 'canBeDoneForThem'>[] }, answers: Answers, needs: string[]): DoForThem {
  const urgent = answers.orientation_urgence === 'oui';
  const wish = DO_FOR_THEM_WISHES[answers.orientation_apprendre ?? ''];
  const chosen = wish ? model.needs.filter((n) => n.canBeDoneForThem && needs.includes(n.id)) : [];
  return { needs: chosen, reason: chosen.length ? wish : null, urgent: chosen.length > 0 && urgent };
}
