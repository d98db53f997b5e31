import type { Executor } from './tx.ts';

/**
 * Takes the named lock for `holder` until `until`, unless another holder has it and it has not
 * lapsed. One conditional upsert: the row returned says who holds the lock, so two instances
 * racing for it never both win (the primary key serialises them).
 */
export async function acquireJobLock(db: Executor, p: { name: string; holder: string; now: string; until: string }): Promise<boolean> {
  const row = await db
    .insertInto('job_locks')
    .values({ name: p.name, holder: p.holder, locked_until: p.until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: p.holder, locked_until: p.until })
        .where('job_locks.locked_until', '<', p.now),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === p.holder;
}

export async function releaseJobLock(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_locks').where('name', '=', name).where('holder', '=', holder).execute();
}

export function findJobLock(db: Executor, name: string) {
  return db.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertJobRun(db: Executor, p: { id: string; name: string; startedAt: string }): Promise<void> {
  await db.insertInto('job_runs').values({ id: p.id, name: p.name, started_at: p.startedAt, finished_at: null, summary: null }).execute();
}

export async function finishJobRun(db: Executor, p: { id: string; finishedAt: string; summary: Record<string, unknown> }): Promise<void> {
  await db.updateTable('job_runs').set({ finished_at: p.finishedAt, summary: JSON.stringify(p.summary) }).where('id', '=', p.id).execute();
}

export function listJobRuns(db: Executor, p: { name?: string; limit: number }) {
  let q = db.selectFrom('job_runs').selectAll().orderBy('started_at', 'desc').limit(p.limit);
  if (p.name) q = q.where('name', '=', p.name);
  return q.execute();
}
