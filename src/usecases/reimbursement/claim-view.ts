import type { Actor } from '../../domain/actor.ts';
import { CLAIM_STATUS_LABELS, LINE_STATUS_LABELS, periodLabel, type ClaimLineStatus, type ClaimStatus } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { themeLabel } from '../../domain/themes.ts';
import { claimLines, claimTotals, getClaim } from '../../repositories/claims.ts';
import type { Executor } from '../../repositories/tx.ts';

export type Totals = Record<ClaimLineStatus, { count: number; amountCents: number }>;

export function emptyTotals(): Totals {
  return {
    pending: { count: 0, amountCents: 0 },
    approved: { count: 0, amountCents: 0 },
    rejected: { count: 0, amountCents: 0 },
    withdrawn: { count: 0, amountCents: 0 },
  };
}

/** Sums by line status, as computed by the database, per claim. */
export async function totalsByClaim(db: Executor, claimIds: string[]): Promise<Map<string, Totals>> {
  const map = new Map<string, Totals>();
  for (const id of claimIds) map.set(id, emptyTotals());
  for (const row of await claimTotals(db, claimIds)) {
    map.get(row.claim_id)![row.status] = { count: Number(row.count), amountCents: Number(row.amount ?? 0) };
  }
  return map;
}

/**
 * The claim an actor may see: finance, admin and auditors within their territory; a structure's
 * staff and tokens only their own structure's claims. Anything else is "not found" (no probing).
 */
export async function loadClaimFor(db: Executor, actor: Actor, claimId: string) {
  const claim = await getClaim(db, claimId);
  const notFound = new DomainError('not_found', 'Cette demande de remboursement est introuvable.');
  if (!claim || claim.territory_id !== actor.territoryId) throw notFound;
  if (actor.role === 'finance' || actor.role === 'admin' || actor.role === 'auditor') return claim;
  if (actor.structureId && actor.structureId === claim.structure_id) return claim;
  if (actor.role === 'agent' || actor.role === 'organisation_token') {
    throw new DomainError('forbidden', 'Votre rôle ne permet pas de consulter les demandes de remboursement.');
  }
  throw notFound;
}

export async function claimView(db: Executor, claimId: string) {
  const claim = await getClaim(db, claimId);
  if (!claim) throw new DomainError('not_found', 'Cette demande de remboursement est introuvable.');
  const [lines, totals] = await Promise.all([claimLines(db, claimId), totalsByClaim(db, [claimId])]);
  const status = claim.status as ClaimStatus;
  return {
    id: claim.id,
    structure: { id: claim.structure_id, name: claim.structure_name, siret: claim.structure_siret },
    campaign: { id: claim.campaign_id, name: claim.campaign_name, claimDeadline: claim.claim_deadline },
    period: claim.period,
    periodLabel: periodLabel(claim.period),
    status,
    statusLabel: CLAIM_STATUS_LABELS[status],
    locked: status !== 'draft',
    attestation: claim.attestation,
    submittedAt: claim.submitted_at,
    reviewedAt: claim.reviewed_at,
    createdAt: claim.created_at,
    totals: totals.get(claimId)!,
    lines: lines.map((l) => ({
      id: l.id,
      ticketId: l.ticket_id,
      ticketSerial: l.ticket_serial,
      redeemedAt: l.redeemed_at,
      service: { format: l.format as 'individuel' | 'collectif', themes: parseThemes(l.themes), durationMinutes: l.duration_minutes },
      siteName: l.site_name,
      amountCents: l.amount_cents,
      status: l.status,
      statusLabel: LINE_STATUS_LABELS[l.status],
      rejectReason: l.reject_reason,
      contestNote: l.contest_note,
      contestedAt: l.contested_at ?? null,
      redemptionUndone: l.undone_at !== null,
    })),
  };
}

export type ClaimView = Awaited<ReturnType<typeof claimView>>;

function parseThemes(raw: string): string[] {
  try {
    const v = JSON.parse(raw) as unknown;
    return (Array.isArray(v) ? v.map(String) : [String(v)]).map(themeLabel);
  } catch {
    return raw ? raw.split('|').map(themeLabel) : [];
  }
}
