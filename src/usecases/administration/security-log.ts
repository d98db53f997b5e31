import { requireRole, ROLE_LABELS, type Actor, type Role } from '../../domain/actor.ts';
import { retentionCutoff } from '../../domain/personal-data.ts';
import { securityActionLabel, securityDetailText, securityTargetLabel } from '../../domain/security-labels.ts';
import { listSecurityLog, purgeSecurityLog } from '../../repositories/security-log.ts';
import type { Deps } from '../support/deps.ts';

/** Security-log lines are kept one year, then deleted by the daily retention job (jobs/anonymise.ts). */
export const SECURITY_LOG_MONTHS = 12;

/** The admin's read-only view of the territory's latest security-log lines. */
export async function readSecurityLog(deps: Deps, actor: Actor, p: { action?: string; limit?: number }) {
  requireRole(actor, 'admin');
  const rows = await listSecurityLog(deps.db, actor.territoryId, { action: p.action, limit: Math.min(Math.max(p.limit ?? 200, 1), 500) });
  return rows.map((r) => ({
    id: r.id, at: r.at, action: r.action, actionLabel: securityActionLabel(r.action), actorKind: r.actor_kind, actorId: r.actor_id,
    actorName: r.actor_name ?? null,
    actorRole: r.actor_role && r.actor_role in ROLE_LABELS ? ROLE_LABELS[r.actor_role as Role] : r.actor_role,
    targetType: r.target_type, targetLabel: securityTargetLabel(r.target_type), targetId: r.target_id, status: r.status, ip: r.ip,
    ...details(r.detail),
  }));
}

function details(raw: string | null) {
  const detail = raw ? (JSON.parse(raw) as Record<string, string>) : {};
  return { detail, detailText: securityDetailText(detail) };
}

export async function purgeOldSecurityLog(deps: Deps): Promise<{ securityLogPurged: number; securityLogCutoff: string }> {
  const cutoff = retentionCutoff(deps.now(), SECURITY_LOG_MONTHS).toISOString();
  return { securityLogPurged: await purgeSecurityLog(deps.db, cutoff), securityLogCutoff: cutoff };
}
