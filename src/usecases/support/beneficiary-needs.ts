import type { DiagnosticTable } from '../../db/schema.ts';
import { needsToDoForThem, PROFILE_LABELS, servicesFor, type Answers, type DiagnosticModel, type DoForThem, type ProfileId } from '../../domain/diagnostic.ts';
import { latestDiagnostic } from '../../repositories/diagnostics.ts';
import type { Executor } from '../../repositories/tx.ts';
import { loadModel } from './diagnostic-model.ts';

export interface NeedsSummary {
  diagnostic: DiagnosticTable | null;
  model: DiagnosticModel | null;
  needs: { id: string; label: string }[];
  services: string[];
  profile: ProfileId | null;
  profileLabel: string | null;
  supportMode: string | null;
  advice: string | null;
  /** Needs the person wants done for her (France Services, Aidants Connect), apart from the training. */
  doForThem: DoForThem;
}

/** What the latest initial diagnostic says a person needs (labels, national-schema services, support mode). */
export async function needsOf(db: Executor, beneficiaryId: string): Promise<NeedsSummary> {
  const diagnostic = (await latestDiagnostic(db, beneficiaryId, 'initial')) ?? null;
  if (!diagnostic) return { diagnostic: null, model: null, needs: [], services: [], profile: null, profileLabel: null, supportMode: null, advice: null, doForThem: { needs: [], reason: null, urgent: false } };
  const model = await loadModel(db, diagnostic.model_version);
  const ids = JSON.parse(diagnostic.needs) as string[];
  const answers = JSON.parse(diagnostic.answers) as Answers;
  const profile = diagnostic.profile as ProfileId;
  const rule = model.profiles.find((p) => p.id === profile);
  return {
    diagnostic,
    model,
    needs: model.needs.filter((n) => ids.includes(n.id)).map((n) => ({ id: n.id, label: n.label })),
    services: servicesFor(model, answers, ids),
    profile,
    profileLabel: PROFILE_LABELS[profile] ?? profile,
    supportMode: rule?.supportMode ?? null,
    advice: rule?.advice ?? null,
    doForThem: needsToDoForThem(model, answers, ids),
  };
}
