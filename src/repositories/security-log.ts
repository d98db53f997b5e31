import type { SecurityLogTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

/** A batch of security-log lines, in one statement. */
export async function insertSecurityEvents(db: Executor, rows: SecurityLogTable[]): Promise<void> {
  if (rows.length) await db.insertInto('security_log').values(rows).execute();
}

/** Forgets the lines older than `before` (retention); returns how many. */
export async function purgeSecurityLog(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('security_log').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A territory's latest lines (newest first), with the actor's display name for staff accounts. */
export function listSecurityLog(db: Executor, territoryId: string, p: { limit: number; action?: string }) {
  let q = db
    .selectFrom('security_log as s')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 's.actor_id').on('s.actor_kind', '=', 'user'))
    .select(['s.id', 's.at', 's.action', 's.actor_kind', 's.actor_id', 's.actor_role', 's.target_type', 's.target_id', 's.status', 's.ip', 's.detail'])
    .select('u.display_name as actor_name')
    .where('s.territory_id', '=', territoryId);
  if (p.action) q = q.where('s.action', '=', p.action);
  return q.orderBy('s.at', 'desc').orderBy('s.id', 'desc').limit(p.limit).execute();
}
