import type { Actor } from '../../domain/actor.ts';
import { CLAIM_STATUS_LABELS, periodLabel, type ClaimStatus } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { listClaims } from '../../repositories/claims.ts';
import type { Deps } from '../support/deps.ts';
import { claimView, loadClaimFor, totalsByClaim } from './claim-view.ts';

/** Claims an actor may see: a structure its own; finance, admin and auditors the territory's. */
export async function listClaimsFor(deps: Deps, actor: Actor, filter: { structureId?: string; campaignId?: string; status?: ClaimStatus }) {
  let structureId = filter.structureId;
  if (actor.structureId) structureId = actor.structureId;
  else if (!['finance', 'admin', 'auditor'].includes(actor.role)) {
    throw new DomainError('forbidden', 'Votre rôle ne permet pas de consulter les demandes de remboursement.');
  }
  const rows = await listClaims(deps.db, { territoryId: actor.territoryId, structureId, campaignId: filter.campaignId, status: filter.status });
  const totals = await totalsByClaim(deps.db, rows.map((r) => r.id));
  return rows.map((c) => ({
    id: c.id,
    structure: { id: c.structure_id, name: c.structure_name },
    campaign: { id: c.campaign_id, name: c.campaign_name, claimDeadline: c.claim_deadline },
    period: c.period,
    periodLabel: periodLabel(c.period),
    status: c.status,
    statusLabel: CLAIM_STATUS_LABELS[c.status],
    submittedAt: c.submitted_at,
    reviewedAt: c.reviewed_at,
    totals: totals.get(c.id)!,
  }));
}

export async function getClaimFor(deps: Deps, actor: Actor, claimId: string) {
  await loadClaimFor(deps.db, actor, claimId);
  return claimView(deps.db, claimId);
}
