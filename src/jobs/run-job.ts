import { hostname } from 'node:os';
import { acquireJobLock, finishJobRun, insertJobRun, releaseJobLock } from '../repositories/jobs.ts';
import { log } from '../logging.ts';
import type { Deps } from '../usecases/support/deps.ts';

/** A daily job: idempotent, returns a small summary (counts) kept in job_runs. */
export interface JobDefinition {
  /** What the job does, in French, for `passnum jobs:run --help` and the logs. */
  description: string;
  run: (deps: Deps) => Promise<Record<string, unknown>>;
  /** Runs every minute: its successful runs are logged at `debug`, not `info`. */
  frequent?: boolean;
}

export type JobOutcome =
  | { name: string; status: 'done'; runId: string; summary: Record<string, unknown> }
  | { name: string; status: 'skipped'; reason: 'locked' }
  | { name: string; status: 'failed'; runId: string; error: string };

export interface RunOptions {
  /** Who takes the lock (defaults to host:pid:random). */
  holder?: string;
  /** How long the lock holds if this process dies mid-run (default 1 hour). */
  lockMs?: number;
}

/**
 * Runs a job under a database lock so that two instances never run the same job at once (the
 * second one skips), and records the run in job_runs. A failing job is recorded with its error
 * and its lock released; the failure is reported, not thrown, so `all` carries on.
 */
export async function runJob(deps: Deps, name: string, job: JobDefinition, opts: RunOptions = {}): Promise<JobOutcome> {
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${deps.newId()}`;
  const started = deps.now();
  const clock = Date.now(); // the duration logged: real time, even under a test's fake clock
  const locked = await acquireJobLock(deps.db, {
    name,
    holder,
    now: started.toISOString(),
    until: new Date(started.getTime() + (opts.lockMs ?? 3_600_000)).toISOString(),
  });
  if (!locked) {
    log('jobs').debug({ job: name }, 'job skipped: another instance holds its lock');
    return { name, status: 'skipped', reason: 'locked' };
  }
  const runId = deps.newId();
  log('jobs').debug({ job: name, runId }, 'job started');
  try {
    await insertJobRun(deps.db, { id: runId, name, startedAt: started.toISOString() });
    try {
      const summary = await job.run(deps);
      await finishJobRun(deps.db, { id: runId, finishedAt: deps.now().toISOString(), summary });
      log('jobs')[job.frequent ? 'debug' : 'info']({ job: name, runId, ms: Date.now() - clock, summary }, 'job done');
      return { name, status: 'done', runId, summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log('jobs').error({ job: name, runId, ms: Date.now() - clock, err: error }, 'job failed');
      await finishJobRun(deps.db, { id: runId, finishedAt: deps.now().toISOString(), summary: { error: message } });
      return { name, status: 'failed', runId, error: message };
    }
  } finally {
    await releaseJobLock(deps.db, name, holder);
  }
}
