import type { DiagnosticModel } from '../../domain/diagnostic.ts';
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
