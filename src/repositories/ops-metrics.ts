import { sql } from 'kysely';
import type { Executor } from './tx.ts';

export interface JobRunStats { name: string; lastSuccessAt: string | null; lastDurationMs: number | null; lastFailed: boolean }

/** Each job's latest successful run and whether its latest run failed (indexed by name, started_at). */
export async function latestJobRuns(db: Executor, names: string[]): Promise<JobRunStats[]> {
  const out: JobRunStats[] = [];
  for (const name of names) {
    const runs = await db
      .selectFrom('job_runs')
      .select(['started_at', 'finished_at', 'summary'])
      .where('name', '=', name)
      .orderBy('started_at', 'desc')
      .limit(50)
      .execute();
    const finished = runs.filter((r) => r.finished_at);
    const failed = (r: { summary: string | null }) => !!r.summary && r.summary.startsWith('{"error"');
    // A run cut short by a stopping server (run-job.ts) did not do the whole work: not a success.
    const interrupted = (r: { summary: string | null }) => !!r.summary && r.summary.startsWith('{"interrupted"');
    const ok = finished.find((r) => !failed(r) && !interrupted(r));
    out.push({
      name,
      lastSuccessAt: ok?.finished_at ?? null,
      lastDurationMs: ok ? Date.parse(ok.finished_at!) - Date.parse(ok.started_at) : null,
      lastFailed: finished.length > 0 && failed(finished[0]),
    });
  }
  return out;
}

/** Messages waiting in the outbox, by status (pending, failed, held). */
export async function outboxDepth(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'failed', 'held'])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The migrations applied to the database (Kysely's table). */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((r) => r.name);
}
