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
  /** National-schema services this answer calls for (e.g. no internet at home → access to equipment). */
  services?: string[];
}

export interface DiagnosticQuestion {
  id: string;
  label: string;
  /** null for the access block (equipment, connection, e-mail), which is recorded but not scored. */
  areaId: string | null;
  options: DiagnosticOption[];
}

export interface DiagnosticArea { id: string; label: string }

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
}

export type Answers = Record<string, string>;

export interface AreaScore { areaId: string; score: number; max: number; percent: number }
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

/** Scores valid answers (see checkAnswers): per area and overall, then the profile. */
export function scoreDiagnostic(model: DiagnosticModel, answers: Answers): DiagnosticResult {
  const areas = model.areas.map((area) => {
    let score = 0;
    let max = 0;
    for (const q of model.questions.filter((x) => x.areaId === area.id)) {
      const scores = q.options.map((o) => o.score ?? 0);
      max += Math.max(...scores);
      score += q.options.find((o) => o.id === answers[q.id])?.score ?? 0;
    }
    return { areaId: area.id, score, max, percent: percentOf(score, max) };
  });
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
    if (q.areaId !== null && q.options.some((o) => typeof o.score !== 'number')) problems.push(`question ${q.id} : réponse sans score`);
  }
  for (const a of model.areas) if (!model.questions.some((q) => q.areaId === a.id)) problems.push(`domaine ${a.id} sans question`);
  return problems;
}
