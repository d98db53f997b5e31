import { requireRole, type Actor } from '../../domain/actor.ts';
import { checkpointLine } from '../../domain/audit-checkpoint.ts';
import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, auditActionLabel, auditTargetLabel } from '../../domain/audit-labels.ts';
import { DomainError } from '../../domain/errors.ts';
import { addDays, parisStartOfDay } from '../../domain/paris-time.ts';
import { lastCheckpoint, verifyAuditChain } from '../../repositories/audit.ts';
import { AUDIT_COUNT_CAP, listAuditEntries } from '../../repositories/read-models/audit-log.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Paris days, both included. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The audit log for the administrator and the auditor (issue 21, point 5): who, what, when, which object. */
export async function listAuditLog(deps: Deps, actor: Actor, q: AuditQuery) {
  requireRole(actor, 'admin', 'auditor');
  if (q.from && q.to && q.from > q.to) throw new DomainError('validation_failed', 'La date de début doit précéder la date de fin.', { field: 'from' });
  const { rows, total } = await listAuditEntries(deps.db, {
    territoryId: actor.territoryId,
    actor: q.actor?.trim() || undefined,
    action: q.action || undefined,
    targetType: q.targetType || undefined,
    targetId: q.targetId?.trim() || undefined,
    from: q.from ? parisStartOfDay(q.from).toISOString() : undefined,
    until: q.to ? parisStartOfDay(addDays(q.to, 1)).toISOString() : undefined,
  }, { limit: q.limit, offset: q.offset });
  const checkpoint = await lastCheckpoint(deps.db);
  return {
    total: Math.min(total, AUDIT_COUNT_CAP),
    more: total > AUDIT_COUNT_CAP,
    entries: rows.map((r) => ({
      seq: r.seq, at: r.at, actor: r.actor_label, actionLabel: auditActionLabel(r.action, r.target_type), action: r.action,
      target: { type: r.target_type, typeLabel: auditTargetLabel(r.target_type), id: r.target_id },
    })),
    actions: Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    targetTypes: Object.entries(AUDIT_TARGET_LABELS).map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    lastCheckpoint: checkpoint ? { line: checkpointLine(checkpoint), purpose: checkpoint.purpose, at: checkpoint.at } : null,
  };
}

// One verification at a time per database: a second request while one runs gets its result, so
// repeated clicks cannot pile up walks of the whole chain.
const running = new WeakMap<object, Promise<Awaited<ReturnType<typeof runVerification>>>>();

async function runVerification(deps: Deps) {
  const started = process.hrtime.bigint();
  const r = await verifyAuditChain(deps.db);
  const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return {
    ok: r.ok, entries: r.entries, problem: r.problem ?? null, durationMs, keyedFrom: r.keyedFrom,
    checkpoints: r.checkpoints.length, failedCheckpoints: r.checkpoints.filter((c) => c.problem).map((c) => c.problem!),
  };
}

/** Runs the chain's verification on demand (admin, auditor), audited with its outcome. */
export async function verifyAuditOnDemand(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'auditor');
  let current = running.get(deps.db);
  if (!current) {
    current = runVerification(deps).finally(() => running.delete(deps.db));
    running.set(deps.db, current);
  }
  const result = await current;
  await inTransaction(deps.db, (trx) => audit(trx, actor, deps.now(), 'audit.verified', { type: 'audit', id: 'chain' }, { ok: result.ok, entries: result.entries, durationMs: result.durationMs }));
  return { ...result, checkedAt: deps.now().toISOString() };
}
