import type { Actor } from '../domain/actor.ts';
import { PRIORITY_MARKERS } from '../domain/person.ts';
import { loadCurrentModel } from './support/diagnostic-model.ts';
import type { Deps } from './support/deps.ts';

/** The questionnaire in force, flat (every question with its options) plus areas, needs, profiles. */
export async function getCurrentDiagnosticModel(deps: Deps, _actor: Actor) {
  const model = await loadCurrentModel(deps.db);
  return {
    version: model.version,
    title: model.title,
    accessLabel: model.accessLabel,
    areas: model.areas,
    questions: model.questions.map((q) => ({
      id: q.id,
      label: q.label,
      areaId: q.areaId,
      block: q.areaId === null ? ('access' as const) : ('area' as const),
      options: q.options.map((o) => ({ id: o.id, label: o.label, ...(o.score !== undefined ? { score: o.score } : {}) })),
    })),
    profiles: model.profiles.map((p) => ({ id: p.id, label: p.label, minPercent: p.minPercent, advice: p.advice })),
    needGroups: model.needGroups,
    needs: model.needs.map((n) => ({ id: n.id, label: n.label, group: n.group, services: n.services })),
    priorityMarkers: PRIORITY_MARKERS.map((m) => ({ id: m.id, label: m.label })),
  };
}
