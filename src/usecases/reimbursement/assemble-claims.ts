import type { Actor } from '../../domain/actor.ts';
import { requireRole } from '../../domain/actor.ts';
import { claimPeriod, isBeforeClaimDeadline } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { appendAudit, type AuditEntry } from '../../repositories/audit.ts';
import {
  campaignsOfTerritory, ensureDraftClaim, findClaimableTickets, insertClaimLines, liveRedemptionsOf, markTicketsClaimed,
  structureOf,
} from '../../repositories/claims.ts';
import { inTransaction } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';

export interface AssemblyResult {
  structures: number;
  claimsCreated: number;
  linesAdded: number;
  claimIds: string[];
}

/**
 * Puts a structure's redeemed, unclaimed tickets into the draft claim of their campaign and month
 * (Europe/Paris), creating the draft when missing. Idempotent: a second run finds nothing new.
 * Tickets move redeemed → claimed here (at assembly, not at submission): from then on the
 * redemption can no longer be undone unless the manager withdraws the line from the draft.
 * Campaigns past their claim deadline are left out.
 */
export async function assembleStructureClaims(
  deps: Deps, actor: Actor | null, structureId: string, only?: { campaignIds: string[] },
): Promise<AssemblyResult> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const structure = await structureOf(deps.db, structureId);
  if (!structure) throw new DomainError('not_found', 'Cette structure est introuvable.');
  const campaigns = await campaignsOfTerritory(deps.db, structure.territory_id);
  const open = campaigns
    .filter((c) => isBeforeClaimDeadline(now, c.claim_deadline) && (!only || only.campaignIds.includes(c.id)))
    .map((c) => c.id);
  return inTransaction(deps.db, async (trx) => {
    const candidates = await findClaimableTickets(trx, { structureId, campaignIds: open });
    const result: AssemblyResult = { structures: 1, claimsCreated: 0, linesAdded: 0, claimIds: [] };
    if (candidates.length === 0) return result;
    // The conditional update decides which tickets this run claims; a concurrent run or undo loses.
    const moved = await markTicketsClaimed(trx, structureId, candidates, nowIso);
    const live = await liveRedemptionsOf(trx, moved);
    const groups = new Map<string, typeof live>();
    for (const r of live) {
      const key = `${r.campaign_id}|${claimPeriod(r.redeemed_at)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const entries: AuditEntry[] = [];
    const base = { at: nowIso, territoryId: structure.territory_id, actorId: actor?.id ?? null, actorLabel: actor?.label ?? 'système' };
    for (const [key, rows] of groups) {
      const [campaignId, period] = key.split('|');
      const draft = await ensureDraftClaim(trx, { newId: deps.newId(), structureId, campaignId, period, now: nowIso });
      if (draft.created) result.claimsCreated += 1;
      result.claimIds.push(draft.id);
      await insertClaimLines(
        trx,
        rows.map((r) => ({
          id: deps.newId(), claim_id: draft.id, ticket_id: r.ticket_id, redemption_id: r.redemption_id, amount_cents: r.face_value_cents,
          status: 'pending' as const, reject_reason: null, contest_note: null, created_at: nowIso,
        })),
      );
      result.linesAdded += rows.length;
      entries.push({ ...base, action: 'claim.lines_added', targetType: 'claim', targetId: draft.id, details: { period, campaignId, tickets: rows.length } });
      for (const r of rows) {
        entries.push({ ...base, action: 'ticket.claimed', targetType: 'ticket', targetId: r.ticket_id, details: { claimId: draft.id, from: 'redeemed', to: 'claimed' } });
      }
    }
    await appendAudit(trx, entries);
    return result;
  });
}

/** On demand: a structure manager assembles their own structure's claims; finance or admin any structure of the territory. */
export async function assembleClaimsOnDemand(deps: Deps, actor: Actor, input: { structureId?: string }): Promise<AssemblyResult> {
  requireRole(actor, 'structure_manager', 'finance', 'admin');
  const structureId = actor.role === 'structure_manager' ? actor.structureId : input.structureId;
  if (!structureId) throw new DomainError('validation_failed', 'Précisez la structure.', { field: 'structureId' });
  if (actor.role === 'structure_manager' && input.structureId && input.structureId !== actor.structureId) {
    throw new DomainError('not_found', 'Cette structure est introuvable.');
  }
  const structure = await structureOf(deps.db, structureId);
  if (!structure || structure.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Cette structure est introuvable.');
  return assembleStructureClaims(deps, actor, structureId);
}
