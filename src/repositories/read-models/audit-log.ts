import type { Executor } from '../tx.ts';

export interface AuditFilter {
  territoryId: string;
  /** Part of the actor's label (an e-mail, « système »). */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Instants, from included, until excluded. */
  from?: string;
  until?: string;
}

/** Counting stops here: past it the screen says « plus de 10 000 » instead of scanning the whole log. */
export const AUDIT_COUNT_CAP = 10_000;

function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log').where((eb) => eb.or([eb('territory_id', '=', f.territoryId), eb('territory_id', 'is', null)]));
  // Wildcards dropped (as in the people search); lower() on both sides: PostgreSQL's LIKE is case-sensitive.
  if (f.actor) q = q.where((eb) => eb(eb.fn('lower', ['actor_label']), 'like', `%${f.actor!.replace(/[%_]/g, '').toLowerCase()}%`));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.until) q = q.where('at', '<', f.until);
  return q;
}

/** The territory's entries (and the programme's own, without territory), newest first, one page, and how many (capped). */
export async function listAuditEntries(db: Executor, f: AuditFilter, page: { limit: number; offset: number }) {
  const [rows, counted] = await Promise.all([
    filtered(db, f).select(['seq', 'at', 'actor_label', 'action', 'target_type', 'target_id']).orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom(filtered(db, f).select('seq').limit(AUDIT_COUNT_CAP + 1).as('page')).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n) };
}
