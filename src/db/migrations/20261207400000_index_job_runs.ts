import type { Kysely } from 'kysely';

// /metrics reads each job's latest runs (its last success and duration) at every scrape; job_runs
// gains a row per job run (the stats fold runs every minute), so the read needs an index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('job_runs_by_name_started').on('job_runs').columns(['name', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('job_runs_by_name_started').execute();
}
