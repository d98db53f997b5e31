// One autonomy vocabulary for the diagnostic, the sessions and the evaluation (issue #18).
// The diagnostic gives a level per area on the four-step profile scale; a mediator records, at each
// session, the person's autonomy on the themes worked, on the three-step scale of La Coop de la
// médiation numérique (its `Autonomie` enum). The table below is how the two scales line up, and
// how they read in DigComp 2.2's proficiency levels (an equivalence, never a certification: the
// diagnostic is not a Pix test and claims no Pix level).
import { PROFILE_LABELS, profileRank, type ProfileId } from './diagnostic.ts';

export const COOP_AUTONOMY = ['EntierementAccompagne', 'PartiellementAutonome', 'Autonome'] as const;
export type CoopAutonomy = (typeof COOP_AUTONOMY)[number];

/** The Coop's labels (three stars: one, two, three). */
export const COOP_AUTONOMY_LABELS: Record<CoopAutonomy, string> = {
  EntierementAccompagne: 'Avec guidage',
  PartiellementAutonome: 'Autonome avec guidage en cas de besoin',
  Autonome: 'Autonome',
};

export function isCoopAutonomy(value: string): value is CoopAutonomy {
  return (COOP_AUTONOMY as readonly string[]).includes(value);
}

/** Rank on the Coop scale, 1..3 (the stars). */
export function coopRank(level: CoopAutonomy): number {
  return COOP_AUTONOMY.indexOf(level) + 1;
}

export interface LevelEquivalents {
  level: ProfileId;
  label: string;
  coop: CoopAutonomy;
  coopLabel: string;
  /** DigComp 2.2 proficiency level, in words. */
  digcomp: string;
}

const EQUIVALENTS: Record<ProfileId, { coop: CoopAutonomy; digcomp: string }> = {
  sans_autonomie: { coop: 'EntierementAccompagne', digcomp: 'Avant le niveau 1 de DigComp' },
  debutant: { coop: 'EntierementAccompagne', digcomp: 'DigComp niveau 1 (fondamental : tâches simples, avec de l’aide)' },
  intermediaire: { coop: 'PartiellementAutonome', digcomp: 'DigComp niveau 2 (fondamental : tâches simples, seul avec de l’aide si besoin)' },
  autonome: { coop: 'Autonome', digcomp: 'DigComp niveau 3 (intermédiaire : tâches courantes, seul)' },
};

export function equivalentsOf(level: ProfileId): LevelEquivalents {
  const e = EQUIVALENTS[level];
  return { level, label: PROFILE_LABELS[level], coop: e.coop, coopLabel: COOP_AUTONOMY_LABELS[e.coop], digcomp: e.digcomp };
}

/** Below "autonome" on the diagnostic scale: the person still needs support in that area. */
export function belowAutonomous(level: ProfileId): boolean {
  return profileRank(level) < profileRank('autonome');
}

/** The follow-up question per need: « Avez-vous pu le faire vous-même ? ». */
export const NEED_OUTCOMES = ['oui', 'avec_aide', 'non', 'pas_encore'] as const;
export type NeedOutcome = (typeof NEED_OUTCOMES)[number];
export const NEED_OUTCOME_LABELS: Record<NeedOutcome, string> = {
  oui: 'Oui, seul ou seule',
  avec_aide: 'Oui, avec de l’aide',
  non: 'Non',
  pas_encore: 'Je n’ai pas encore essayé',
};
/** A need counts as progressed when the person did it alone at follow-up. */
export const needProgressed = (o: NeedOutcome): boolean => o === 'oui';
