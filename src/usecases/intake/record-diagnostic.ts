import type { Actor } from '../../domain/actor.ts';
import { equivalentsOf, NEED_OUTCOMES, type NeedOutcome } from '../../domain/autonomy.ts';
import { checkAnswers, PROFILE_LABELS, scoreDiagnostic, servicesFor, type Answers, type DiagnosticModel, type DiagnosticResult as Scores } from '../../domain/diagnostic.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { touchBeneficiary } from '../../repositories/beneficiaries.ts';
import { insertDiagnostic, latestDiagnostic, updateBaseline } from '../../repositories/diagnostics.ts';
import { listOpenCampaigns } from '../../repositories/issuance.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { withStats } from '../../repositories/stats.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { loadModel } from '../support/diagnostic-model.ts';
import { loadPersonForDiagnostic } from '../support/diagnostic-access.ts';
import { checkEligibility } from '../support/eligibility-facts.ts';
import { eligibilityView } from '../support/eligibility-view.ts';

export interface RecordDiagnosticInput {
  version: string;
  answers: Answers;
  needs: string[];
  /** 'followup' after training: compared with the person's baseline (same questionnaire version). */
  kind?: 'initial' | 'followup';
  /** Follow-ups: per need of the baseline, « Avez-vous pu le faire vous-même ? ». */
  needOutcomes?: Record<string, string>;
}

/** created: the person's baseline; edited: the baseline re-done the same day; followup: compared with the baseline. */
export type RecordedAs = 'created' | 'edited' | 'followup';

/**
 * Records a diagnostic (all answers kept), scores it and tells the eligibility for the open
 * campaigns (issue #18, item 4). A person has one baseline, their first initial diagnostic: an
 * intake re-done the same day edits it; on a later day it is recorded as a follow-up. A follow-up
 * uses the baseline's questionnaire version, or the two could not be compared.
 */
export async function recordDiagnostic(deps: Deps, actor: Actor, beneficiaryId: string, input: RecordDiagnosticInput) {
  const beneficiary = await loadPersonForDiagnostic(deps.db, actor, beneficiaryId, input.kind ?? 'initial');
  const model = await loadModel(deps.db, input.version);
  const needs = [...new Set(input.needs)];
  const baseline = (await latestDiagnostic(deps.db, beneficiary.id, 'initial')) ?? null;
  // A follow-up asks the scored questions again; equipment and orientation default to the baseline's answers.
  const answers = input.kind === 'followup' && baseline?.model_version === model.version ? { ...unscoredAnswers(model, baseline.answers), ...input.answers } : input.answers;
  const problems = checkAnswers(model, answers, needs);
  if (problems.length) throw new DomainError('validation_failed', problems[0].message, { field: problems[0].field, problems });
  const now = deps.now();
  let recordedAs: RecordedAs;
  if (input.kind === 'followup') {
    if (!baseline) throw invalid('kind', 'Un diagnostic de suivi suit un premier diagnostic : faites d’abord le diagnostic de départ.');
    recordedAs = 'followup';
  } else if (!baseline) recordedAs = 'created';
  else recordedAs = parisDate(new Date(baseline.created_at)) === parisDate(now) ? 'edited' : 'followup';
  if (recordedAs === 'followup' && baseline!.model_version !== model.version) {
    throw new DomainError(
      'validation_failed',
      `Le diagnostic de départ de cette personne a été fait avec le questionnaire ${baseline!.model_version} : le suivi doit utiliser le même questionnaire pour être comparable.`,
      { field: 'version', baselineVersion: baseline!.model_version },
    );
  }
  const outcomes = recordedAs === 'followup' ? checkOutcomes(input.needOutcomes ?? {}, JSON.parse(baseline!.needs) as string[]) : {};
  const result = scoreDiagnostic(model, answers);
  const services = servicesFor(model, answers, needs);
  const id = recordedAs === 'edited' ? baseline!.id : deps.newId();
  const kind: 'initial' | 'followup' = recordedAs === 'followup' ? 'followup' : 'initial';
  const columns = {
    model_version: model.version,
    answers: JSON.stringify(answers),
    needs: JSON.stringify(needs),
    scores: JSON.stringify({ areas: result.areas, score: result.score, max: result.max, percent: result.percent, services }),
    profile: result.profile,
  };
  try {
    await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { beneficiaryIds: [beneficiary.id] }, async () => {
        if (recordedAs === 'edited') {
          if (!(await updateBaseline(trx, id, { ...columns, updated_at: now.toISOString() }))) throw baselineMoved();
        } else {
          await insertDiagnostic(trx, {
            id, beneficiary_id: beneficiary.id, kind, previous_id: kind === 'followup' ? baseline!.id : null, ...columns,
            need_outcomes: JSON.stringify(outcomes), updated_at: null, created_by: actor.id, created_at: now.toISOString(),
          });
        }
        await touchBeneficiary(trx, beneficiary.id, now.toISOString());
        const action = recordedAs === 'edited' ? 'diagnostic.edited' : 'diagnostic.recorded';
        await audit(trx, actor, now, action, { type: 'beneficiary', id: beneficiary.id }, { diagnosticId: id, kind, profile: result.profile, version: model.version });
      }),
    );
  } catch (error) {
    // Two intakes of the same person at the same instant: the database keeps one baseline.
    if (isUniqueViolation(error)) throw baselineMoved();
    throw error;
  }

  const perCampaign = await campaignsFor(deps, actor, beneficiary, now);
  const rule = model.profiles.find((p) => p.id === result.profile);
  return {
    id,
    kind,
    recordedAs,
    version: model.version,
    previousId: kind === 'followup' ? baseline!.id : null,
    profile: result.profile,
    profileLabel: PROFILE_LABELS[result.profile],
    percent: result.percent,
    perArea: model.scoring === 'per_area',
    areas: areaViews(model, result),
    baselineAreas: kind === 'followup' ? areaViews(model, JSON.parse(baseline!.scores) as Scores) : null,
    needOutcomes: outcomes,
    advice: rule?.advice ?? '',
    supportMode: rule?.supportMode ?? null,
    services,
    eligibility: perCampaign[0]
      ? { eligible: perCampaign[0].eligible, reasons: perCampaign[0].reasons, checks: perCampaign[0].checks, campaignId: perCampaign[0].campaignId }
      : { eligible: false, reasons: [{ rule: 'issuance_window' as const, ok: false, code: 'campaign_closed' as const, message: 'Aucune campagne n’est ouverte en ce moment.', details: {} }], checks: [], campaignId: null },
    campaigns: perCampaign,
  };
}

function unscoredAnswers(model: DiagnosticModel, stored: string): Answers {
  const all = JSON.parse(stored) as Answers;
  return Object.fromEntries(model.questions.filter((q) => q.areaId === null && all[q.id] !== undefined).map((q) => [q.id, all[q.id]]));
}

const baselineMoved = () =>
  new DomainError('conflict', 'Le diagnostic de cette personne vient d’être enregistré par ailleurs. Rechargez la page pour le voir.');

function checkOutcomes(given: Record<string, string>, baselineNeeds: string[]): Record<string, NeedOutcome> {
  for (const [need, outcome] of Object.entries(given)) {
    if (!baselineNeeds.includes(need)) throw invalid('needOutcomes', `Le besoin « ${need} » ne fait pas partie des besoins du diagnostic de départ.`);
    if (!(NEED_OUTCOMES as readonly string[]).includes(outcome)) throw invalid('needOutcomes', `La réponse « ${outcome} » n’est pas prévue (oui, avec_aide, non, pas_encore).`);
  }
  return given as Record<string, NeedOutcome>;
}

/** Each area with its level and the level's Coop and DigComp equivalents. */
export function areaViews(model: DiagnosticModel, result: Pick<Scores, 'areas'>) {
  const byId = new Map(result.areas.map((a) => [a.areaId, a]));
  return model.areas.map((area) => {
    const a = byId.get(area.id);
    const level = a?.level ?? null;
    const eq = level ? equivalentsOf(level) : null;
    return {
      areaId: area.id,
      label: area.label,
      pictogram: area.pictogram ?? null,
      score: a?.score ?? 0,
      max: a?.max ?? 0,
      percent: a?.percent ?? 0,
      level,
      levelLabel: eq ? eq.label : 'Pas concerné',
      coopLabel: eq ? eq.coopLabel : null,
      digcomp: eq ? eq.digcomp : null,
      digcompArea: area.digcomp ?? null,
      observed: a?.observed ?? false,
    };
  });
}

/** Eligibility is the agent's business: a mediator recording a follow-up does not see it. */
async function campaignsFor(deps: Deps, actor: Actor, beneficiary: { id: string; commune_insee: string; person_key: string }, now: Date) {
  if (actor.role !== 'agent' && actor.role !== 'organisation_token') return [];
  const campaigns = await listOpenCampaigns(deps.db, actor.territoryId);
  return Promise.all(
    campaigns.map(async (c) => ({ campaignId: c.id, campaignName: c.name, ...eligibilityView(await checkEligibility(deps.db, { campaign: c, beneficiary, now, viewerOrganisationId: actor.organisationId })) })),
  );
}
