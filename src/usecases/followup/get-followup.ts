import { requireStructure, type Actor } from '../../domain/actor.ts';
import type { DiagnosticResult } from '../../domain/diagnostic.ts';
import { DomainError } from '../../domain/errors.ts';
import { countFollowups, latestDiagnostic, redemptionHolder } from '../../repositories/diagnostics.ts';
import { modelDto } from '../intake/get-diagnostic-model.ts';
import { areaViews } from '../intake/record-diagnostic.ts';
import type { Deps } from '../support/deps.ts';
import { loadModel } from '../support/diagnostic-model.ts';
import { loadPersonForDiagnostic } from '../support/diagnostic-access.ts';

/**
 * What the follow-up form needs (issue #18, item 4): the person, their baseline (levels per area,
 * needs) and the questionnaire of the baseline's version — a follow-up is comparable only with it.
 * Open to the person's agents and to the structures that trained them.
 */
export async function getFollowupForm(deps: Deps, actor: Actor, beneficiaryId: string) {
  const person = await loadPersonForDiagnostic(deps.db, actor, beneficiaryId, 'followup');
  const baseline = await latestDiagnostic(deps.db, person.id, 'initial');
  if (!baseline) throw new DomainError('not_found', 'Cette personne n’a pas encore de diagnostic de départ : le suivi se fait après.');
  const model = await loadModel(deps.db, baseline.model_version);
  const needIds = JSON.parse(baseline.needs) as string[];
  return {
    person: { id: person.id, firstName: person.first_name, lastNameInitial: (person.usage_name ?? person.birth_name).slice(0, 1).toUpperCase() },
    baseline: {
      id: baseline.id,
      version: baseline.model_version,
      createdAt: baseline.created_at,
      needs: model.needs.filter((n) => needIds.includes(n.id)).map((n) => ({ id: n.id, label: n.label })),
      areas: areaViews(model, JSON.parse(baseline.scores) as DiagnosticResult),
    },
    followups: await countFollowups(deps.db, person.id),
    model: modelDto(model),
  };
}

/** After a redemption, the mediator's prompt: whose booklet, how many tickets are left, whether a follow-up can be made. */
export async function getRedemptionFollowup(deps: Deps, actor: Actor, requestId: string) {
  const structureId = requireStructure(actor);
  const holder = await redemptionHolder(deps.db, requestId, structureId);
  if (!holder || holder.anonymised_at) throw new DomainError('not_found', 'Utilisation introuvable pour votre structure.');
  const baseline = await latestDiagnostic(deps.db, holder.id, 'initial');
  return { beneficiaryId: holder.id, firstName: holder.first_name, ticketsLeft: holder.tickets_left, hasBaseline: !!baseline, followupSuggested: holder.tickets_left === 0 && !!baseline };
}
