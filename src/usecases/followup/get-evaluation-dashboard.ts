import type { Actor } from '../../domain/actor.ts';
import { summariseEvaluation } from '../../domain/evaluation.ts';
import { communeNamesOf, evaluationRows } from '../../repositories/read-models/evaluation.ts';
import type { Deps } from '../support/deps.ts';
import { loadModel } from '../support/diagnostic-model.ts';
import { resolveReadScope, scopeBody, type ReadFilters } from '../support/read-scope.ts';

/** Did people progress? Levels per area at intake and follow-up, needs done alone, autonomy per theme, share followed up. */
export async function getEvaluationDashboard(deps: Deps, actor: Actor, filters: ReadFilters) {
  const scope = await resolveReadScope(deps, actor, filters);
  const [rows, communeNames] = await Promise.all([evaluationRows(deps.db, scope.read), communeNamesOf(deps.db, actor.territoryId)]);
  const areaLabels = new Map<string, string>();
  for (const version of new Set(rows.diagnostics.map((d) => d.model_version))) {
    const model = await loadModel(deps.db, version);
    for (const a of model.areas) areaLabels.set(`${version}:${a.id}`, a.label);
  }
  return { scope: scopeBody(scope), ...summariseEvaluation({ ...rows, areaLabels, communeNames }) };
}
