import { hostname } from 'node:os';
import { acquireJobLock, finishJobRun, insertJobRun, releaseJobLock } from '../repositories/jobs.ts';
import { log } from '../logging.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../usecases/support/deps.ts';

/** A daily job: idempotent, returns a small summary (counts) kept in job_runs. */
export interface JobDefinition {
  /** What the job does, in French, for `passnum jobs:run --help` and the logs. */
  description: string;
  /**
   * `signal` aborts when the server stops: a long job checks it between its transactions (its safe
   * points) and returns early with `interrupted: true` first in its summary; the next run goes on.
   */
  run: (deps: Deps, signal: AbortSignal) => Promise<Record<string, unknown>>;
  /** Runs every minute: its successful runs are logged at `debug`, not `info`. */
  frequent?: boolean;
}

export type JobOutcome =
  | { name: string; status: 'done'; runId: string; summary: Record<string, unknown> }
  | { name: string; status: 'skipped'; reason: 'locked' | 'stopping' }
  | { name: string; status: 'failed'; runId: string; error: string };

export interface RunOptions {
  /** Who takes the lock (defaults to host:pid:random). */
  holder?: string;
  /** How long the lock holds if this process dies mid-run (default 1 hour). */
  lockMs?: number;
}

// The jobs running in this process, by database: a stopping server waits for them before it
// closes the database, instead of closing it under a transaction.
interface Activity { running: Map<Promise<JobOutcome>, string>; stop: AbortController; stopped?: Promise<string[]> }
const activities = new WeakMap<Database, Activity>();

function activityOf(db: Database): Activity {
  let activity = activities.get(db);
  if (!activity) activities.set(db, (activity = { running: new Map(), stop: new AbortController() }));
  return activity;
}

/**
 * Runs a job under a database lock so that two instances never run the same job at once (the
 * second one skips), and records the run in job_runs. A failing job is recorded with its error
 * and its lock released; the failure is reported, not thrown, so `all` carries on. Once the server
 * stops (stopJobs), no job starts any more.
 */
export async function runJob(deps: Deps, name: string, job: JobDefinition, opts: RunOptions = {}): Promise<JobOutcome> {
  const activity = activityOf(deps.db);
  if (activity.stop.signal.aborted) {
    log('jobs').info({ job: name }, 'job not started: the server is stopping');
    return { name, status: 'skipped', reason: 'stopping' };
  }
  const run = runLocked(deps, name, job, opts, activity.stop.signal);
  activity.running.set(run, name);
  try {
    return await run;
  } finally {
    activity.running.delete(run);
  }
}

/**
 * The server stops: no job starts any more on this database, the running ones are told to stop at
 * their next safe point, and they are awaited for up to `timeoutMs`. Returns the names of those
 * still running then (the database closes under them: their open transaction rolls back, their
 * lock expires after lockMs). Called again, returns the same answer.
 */
export function stopJobs(db: Database, timeoutMs: number): Promise<string[]> {
  const activity = activityOf(db);
  activity.stop.abort();
  activity.stopped ??= (async () => {
    if (activity.running.size === 0) return [];
    log('jobs').info({ jobs: [...activity.running.values()], timeoutMs }, 'stopping: waiting for the running jobs to finish or reach a safe point');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled(activity.running.keys()), deadline]);
    clearTimeout(timer);
    const left = [...activity.running.values()];
    if (left.length) log('jobs').warn({ jobs: left, timeoutMs }, 'jobs still running after the grace period: the database closes under them');
    else log('jobs').info('running jobs stopped');
    return left;
  })();
  return activity.stopped;
}

async function runLocked(deps: Deps, name: string, job: JobDefinition, opts: RunOptions, signal: AbortSignal): Promise<JobOutcome> {
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
      const summary = await job.run(deps, signal);
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
