import type { Actor } from '../domain/actor.ts';
import { checkAnswers, PROFILE_LABELS, scoreDiagnostic, servicesFor, type Answers } from '../domain/diagnostic.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { touchBeneficiary } from '../repositories/beneficiaries.ts';
import { insertDiagnostic, latestDiagnostic } from '../repositories/diagnostics.ts';
import { listOpenCampaigns } from '../repositories/issuance.ts';
import { inTransaction } from '../repositories/tx.ts';
import { loadOwnBeneficiary } from './support/agent-scope.ts';
import { audit } from './support/audit.ts';
import type { Deps } from './support/deps.ts';
import { loadModel } from './support/diagnostic-model.ts';
import { checkEligibility } from './support/eligibility-facts.ts';
import { eligibilityView } from './support/eligibility-view.ts';
import { withStats } from '../repositories/stats.ts';

export interface RecordDiagnosticInput {
  version: string;
  answers: Answers;
  needs: string[];
  /** 'followup' after training: linked to the latest initial diagnostic. */
  kind?: 'initial' | 'followup';
}

/** Records a diagnostic (all answers kept), scores it and tells the eligibility for the open campaigns. */
export async function recordDiagnostic(deps: Deps, actor: Actor, beneficiaryId: string, input: RecordDiagnosticInput) {
  const beneficiary = await loadOwnBeneficiary(deps.db, actor, beneficiaryId);
  const model = await loadModel(deps.db, input.version);
  const needs = [...new Set(input.needs)];
  const problems = checkAnswers(model, input.answers, needs);
  if (problems.length) throw new DomainError('validation_failed', problems[0].message, { field: problems[0].field, problems });
  const kind = input.kind ?? 'initial';
  let previousId: string | null = null;
  if (kind === 'followup') {
    const initial = await latestDiagnostic(deps.db, beneficiary.id, 'initial');
    if (!initial) throw invalid('kind', 'Un diagnostic de suivi suit un premier diagnostic : faites d’abord le diagnostic initial.');
    previousId = initial.id;
  }
  const result = scoreDiagnostic(model, input.answers);
  const services = servicesFor(model, input.answers, needs);
  const id = deps.newId();
  const now = deps.now();
  await inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { beneficiaryIds: [beneficiary.id] }, async () => {
    await insertDiagnostic(trx, {
      id,
      beneficiary_id: beneficiary.id,
      model_version: model.version,
      kind,
      previous_id: previousId,
      answers: JSON.stringify(input.answers),
      needs: JSON.stringify(needs),
      scores: JSON.stringify({ areas: result.areas, score: result.score, max: result.max, percent: result.percent, services }),
      profile: result.profile,
      created_by: actor.id,
      created_at: now.toISOString(),
    });
    await touchBeneficiary(trx, beneficiary.id, now.toISOString());
    await audit(trx, actor, now, 'diagnostic.recorded', { type: 'beneficiary', id: beneficiary.id }, { diagnosticId: id, kind, profile: result.profile, version: model.version });
  }));

  const campaigns = await listOpenCampaigns(deps.db, actor.territoryId);
  const perCampaign = await Promise.all(
    campaigns.map(async (c) => ({ campaignId: c.id, campaignName: c.name, ...eligibilityView(await checkEligibility(deps.db, { campaign: c, beneficiary, now })) })),
  );
  const rule = model.profiles.find((p) => p.id === result.profile);
  const areaLabel = new Map(model.areas.map((a) => [a.id, a.label]));
  return {
    id,
    kind,
    previousId,
    profile: result.profile,
    profileLabel: PROFILE_LABELS[result.profile],
    percent: result.percent,
    areas: result.areas.map((a) => ({ ...a, label: areaLabel.get(a.areaId) ?? a.areaId })),
    advice: rule?.advice ?? '',
    supportMode: rule?.supportMode ?? null,
    services,
    eligibility: perCampaign[0]
      ? { eligible: perCampaign[0].eligible, reasons: perCampaign[0].reasons, checks: perCampaign[0].checks, campaignId: perCampaign[0].campaignId }
      : { eligible: false, reasons: [{ rule: 'issuance_window' as const, ok: false, code: 'campaign_closed' as const, message: 'Aucune campagne n’est ouverte en ce moment.', details: {} }], checks: [], campaignId: null },
    campaigns: perCampaign,
  };
}
