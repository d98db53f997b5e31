import { withinSendingHours } from '../domain/reminders.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { runJobs } from './registry.ts';
import type { JobOutcome } from './run-job.ts';

/**
 * Reminder rounds for the embedded setup (`npm start`): every `everyMinutes` during sending hours
 * (9:00–19:00 Paris), so that a reminder planned at night leaves in the morning and a failed send
 * is retried the same day. Each round takes the job's database lock (safe on several instances).
 */
export function startReminderRounds(deps: Deps, opts: { everyMinutes?: number; log?: (o: JobOutcome[] | Error) => void } = {}): { stop(): void } {
  const timer = setInterval(() => {
    if (!withinSendingHours(deps.now())) return;
    runJobs(deps, ['reminders']).then((o) => opts.log?.(o)).catch((e: Error) => opts.log?.(e));
  }, (opts.everyMinutes ?? 30) * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
