import type { DiagnosticTable } from '../../db/schema.ts';
import { isProfileId, type DiagnosticModel } from '../../domain/diagnostic.ts';
import type { DiagnosticFacts } from '../../domain/eligibility.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { getCurrentDiagnosticModel, getDiagnosticModel } from '../../repositories/diagnostics.ts';
import type { Executor } from '../../repositories/tx.ts';

/** The diagnostic model in force (a row of `diagnostic_models`, inserted by a migration). */
export async function loadCurrentModel(db: Executor): Promise<DiagnosticModel> {
  const row = await getCurrentDiagnosticModel(db);
  if (!row) throw new DomainError('not_found', 'Aucun modèle de diagnostic n’est en vigueur.');
  return JSON.parse(row.model) as DiagnosticModel;
}

export async function loadModel(db: Executor, version: string): Promise<DiagnosticModel> {
  const row = await getDiagnosticModel(db, version);
  if (!row) throw invalid('version', `Le modèle de diagnostic « ${version} » n’existe pas.`);
  return JSON.parse(row.model) as DiagnosticModel;
}

/** What the eligibility rule reads of a stored diagnostic: its levels per area and its needs' areas. */
export async function diagnosticFacts(db: Executor, d: Pick<DiagnosticTable, 'model_version' | 'scores' | 'needs'>): Promise<DiagnosticFacts> {
  const model = await loadModel(db, d.model_version);
  const scores = JSON.parse(d.scores) as { areas?: { areaId: string; level?: string | null }[] };
  const levels = new Map((scores.areas ?? []).map((a) => [a.areaId, a.level ?? null]));
  const needIds = JSON.parse(d.needs) as string[];
  return {
    perArea: model.scoring === 'per_area',
    areas: model.areas.map((a) => {
      const level = levels.get(a.id) ?? null;
      return { id: a.id, label: a.label, level: level && isProfileId(level) ? level : null };
    }),
    needs: model.needs.filter((n) => needIds.includes(n.id)).map((n) => ({ id: n.id, label: n.label, areas: n.areas ?? [] })),
  };
}
