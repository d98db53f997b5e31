import { requireRole, type Actor } from '../../domain/actor.ts';
import { assertTransition, type AccreditationDecision, type AccreditationStatus } from '../../domain/accreditation.ts';
import { DomainError } from '../../domain/errors.ts';
import { getAccreditation, insertAccreditation, listAccreditations, transitionAccreditation } from '../../repositories/structures.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { findCampaign } from './get-campaign.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { findStructure } from '../support/structure-view.ts';

function view(a: { campaign_id: string; status: AccreditationStatus; applied_at: string; decided_at: string | null; decided_by: string | null; reason: string | null }, campaign?: { name: string; year: number; status: string }) {
  return {
    campaignId: a.campaign_id,
    campaignName: campaign?.name ?? null,
    campaignYear: campaign?.year ?? null,
    campaignStatus: campaign?.status ?? null,
    status: a.status,
    appliedAt: a.applied_at,
    decidedAt: a.decided_at,
    decidedBy: a.decided_by,
    reason: a.reason,
  };
}

export async function listStructureAccreditations(deps: Deps, actor: Actor, structureId: string) {
  await findStructure(deps, actor, structureId);
  const rows = await listAccreditations(deps.db, structureId);
  return rows.map((r) => view(r, { name: r.campaign_name, year: r.campaign_year, status: r.campaign_status }));
}

/** A structure applies for a campaign (its manager, or the admin on its behalf). */
export async function applyForAccreditation(deps: Deps, actor: Actor, structureId: string, campaignId: string) {
  requireRole(actor, 'admin', 'structure_manager');
  await findStructure(deps, actor, structureId);
  if (actor.role === 'structure_manager' && actor.structureId !== structureId) throw new DomainError('not_found', 'Cette structure n’existe pas.');
  const campaign = await findCampaign(deps, actor, campaignId);
  if (campaign.status === 'closed') throw new DomainError('campaign_closed', `La campagne « ${campaign.name} » est close : plus aucune candidature.`);
  const now = deps.now().toISOString();
  const row = { structure_id: structureId, campaign_id: campaignId, status: 'applied' as const, applied_at: now, decided_at: null, decided_by: null, reason: null };
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertAccreditation(trx, row);
      await audit(trx, actor, deps.now(), 'accreditation.applied', { type: 'structure', id: structureId }, { campaignId });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', `Cette structure a déjà une habilitation (ou une candidature) pour la campagne « ${campaign.name} ».`, { field: 'campaignId' });
    }
    throw error;
  }
  return view(row, campaign);
}

/**
 * The programme admin decides: accredit, suspend, reinstate or withdraw. The transition table is in
 * the domain; the conditional update on the current status makes concurrent decisions safe.
 */
export async function decideAccreditation(
  deps: Deps, actor: Actor, structureId: string, campaignId: string, decision: { status: AccreditationDecision; reason?: string | null },
) {
  requireRole(actor, 'admin');
  await findStructure(deps, actor, structureId);
  const campaign = await findCampaign(deps, actor, campaignId);
  const current = await getAccreditation(deps.db, structureId, campaignId);
  if (!current) throw new DomainError('not_found', `Cette structure n’a pas candidaté pour la campagne « ${campaign.name} ».`);
  const reason = decision.reason?.trim() || null;
  assertTransition(current.status, decision.status, reason);
  if (decision.status === 'accredited' && campaign.status === 'closed') {
    throw new DomainError('campaign_closed', `La campagne « ${campaign.name} » est close : on ne peut plus y habiliter de structure.`);
  }
  const decidedAt = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const moved = await transitionAccreditation(trx, { structureId, campaignId }, current.status, decision.status, { decidedAt, decidedBy: actor.id, reason });
    if (!moved) throw new DomainError('invalid_transition', 'L’habilitation a changé entre-temps. Rechargez la page.');
    await audit(trx, actor, deps.now(), `accreditation.${decision.status}`, { type: 'structure', id: structureId }, {
      campaignId, from: current.status, to: decision.status, reason,
    });
  });
  return view({ ...current, status: decision.status, decided_at: decidedAt, decided_by: actor.id, reason }, campaign);
}
