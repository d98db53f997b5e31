import type { Actor } from '../../domain/actor.ts';
import { PRIORITY_MARKERS } from '../../domain/person.ts';
import type { DiagnosticModel } from '../../domain/diagnostic.ts';
import { loadCurrentModel, loadModel } from '../support/diagnostic-model.ts';
import type { Deps } from '../support/deps.ts';

/** The questionnaire in force, flat (every question with its options) plus areas, needs, profiles. */
export async function getCurrentDiagnosticModel(deps: Deps, _actor: Actor) {
  return modelDto(await loadCurrentModel(deps.db));
}

/** One version of the questionnaire (a follow-up uses its baseline's). */
export async function getDiagnosticModelVersion(deps: Deps, _actor: Actor, version: string) {
  return modelDto(await loadModel(deps.db, version));
}

export function modelDto(model: DiagnosticModel) {
  return {
    version: model.version,
    title: model.title,
    accessLabel: model.accessLabel,
    scoring: model.scoring ?? ('overall' as const),
    areas: model.areas.map((a) => ({ id: a.id, label: a.label, pictogram: a.pictogram ?? null, digcomp: a.digcomp ?? null, coopThemes: a.coopThemes ?? [] })),
    questions: model.questions.map((q) => ({
      id: q.id,
      label: q.label,
      areaId: q.areaId,
      block: q.areaId === null ? (q.block ?? ('access' as const)) : ('area' as const),
      kind: q.kind ?? ('self' as const),
      weight: q.weight ?? 1,
      hint: q.hint ?? null,
      material: q.material ?? [],
      success: q.success ?? null,
      options: q.options.map((o) => ({ id: o.id, label: o.label, ...(o.score !== undefined ? { score: o.score } : {}), ...(o.notApplicable ? { notApplicable: true } : {}) })),
    })),
    profiles: model.profiles.map((p) => ({ id: p.id, label: p.label, minPercent: p.minPercent, advice: p.advice })),
    needGroups: model.needGroups,
    needs: model.needs.map((n) => ({ id: n.id, label: n.label, group: n.group, services: n.services, themes: n.themes ?? [], areas: n.areas ?? [], canBeDoneForThem: n.canBeDoneForThem ?? false })),
    priorityMarkers: PRIORITY_MARKERS.map((m) => ({ id: m.id, label: m.label })),
  };
}
