import type { Commune, DiagnosticModel, DiagnosticResult, ExistingBooklet, IssuedBooklet, OpenCampaign, TrainingSession } from '../../../api/agent.ts';

export const STEPS = [
  { id: 'recherche', label: 'Rechercher la personne' },
  { id: 'identite', label: 'Identité et commune' },
  { id: 'equipement', label: 'Équipement' },
  { id: 'diagnostic', label: 'Diagnostic' },
  { id: 'besoins', label: 'Besoins' },
  { id: 'resultat', label: 'Résultat et éligibilité' },
  { id: 'orientation', label: 'Orientation' },
  { id: 'remise', label: 'Remise du carnet' },
  { id: 'recapitulatif', label: 'Récapitulatif' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export interface Person {
  id: string;
  firstName: string;
  birthName: string;
  usageName: string | null;
  birthDate: string;
  communeInsee: string;
  communeName: string | null;
}

/** Everything gathered during one intake, step after step. */
export interface Intake {
  person: Person | null;
  /** Booklets already handed out to the same person in the territory (shown as soon as known). */
  existingBooklets: ExistingBooklet[];
  answers: Record<string, string>;
  needs: string[];
  /** Where the questions open once all are answered: the first (coming from the equipment, e.g. to edit today's baseline) or the last (back from the needs). */
  questionsFrom: 'first' | 'last';
  result: DiagnosticResult | null;
  campaign: OpenCampaign | null;
  override: string | null;
  booking: TrainingSession | null;
  booklet: IssuedBooklet | null;
}

export const EMPTY_INTAKE: Intake = {
  person: null,
  existingBooklets: [],
  answers: {},
  needs: [],
  questionsFrom: 'first',
  result: null,
  campaign: null,
  override: null,
  booking: null,
  booklet: null,
};

/** Reference data loaded once per intake. */
export interface Reference {
  communes: Commune[];
  model: DiagnosticModel;
  campaigns: OpenCampaign[];
}

export interface StepProps {
  intake: Intake;
  reference: Reference;
  update: (patch: Partial<Intake>) => void;
  go: (step: StepId) => void;
}

export const fullName = (p: { firstName: string; birthName: string; usageName?: string | null }) =>
  `${p.firstName} ${p.usageName ? `${p.usageName} (nom de naissance : ${p.birthName})` : p.birthName}`;
