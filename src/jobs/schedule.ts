import { addDays, parisDate, parisStartOfDay } from '../domain/paris-time.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { runJobs } from './registry.ts';
import type { JobOutcome } from './run-job.ts';

const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant of the Paris wall-clock time `HH:MM` on Paris day `date` (DST-aware). */
function parisTime(date: string, hours: number, minutes: number): Date {
  const guess = new Date(parisStartOfDay(date).getTime() + (hours * 60 + minutes) * 60_000);
  const [h, m] = hm.format(guess).split(':').map(Number);
  // On a DST change day the offset differs from midnight's: shift by the difference once.
  return new Date(guess.getTime() - ((h * 60 + m) - (hours * 60 + minutes)) * 60_000);
}

/** Next run strictly after `now` at `at` (HH:MM, Europe/Paris). */
export function nextDailyRun(now: Date, at = '03:00'): Date {
  const [hours, minutes] = at.split(':').map(Number);
  const today = parisDate(now);
  const candidate = parisTime(today, hours, minutes);
  return candidate.getTime() > now.getTime() ? candidate : parisTime(addDays(today, 1), hours, minutes);
}

export interface Schedule { stop(): void; next(): Date }

/**
 * The embedded setup's daily schedule (`npm start`): runs every job once a day at `at` Paris time.
 * Each run takes the jobs' database locks, so several instances with this schedule are safe.
 * The timer is unref'd: it never keeps the process alive on its own.
 */
export function startDailyJobs(
  deps: Deps,
  opts: { at?: string; log?: (outcomes: JobOutcome[] | Error) => void } = {},
): Schedule {
  let timer: NodeJS.Timeout | null = null;
  let nextRun = nextDailyRun(new Date(), opts.at);
  const arm = () => {
    nextRun = nextDailyRun(new Date(), opts.at);
    // setTimeout cannot wait more than ~24.8 days; a day is well within.
    timer = setTimeout(fire, Math.max(1_000, nextRun.getTime() - Date.now()));
    timer.unref();
  };
  const fire = () => {
    runJobs(deps, 'all')
      .then((outcomes) => opts.log?.(outcomes))
      .catch((error: Error) => opts.log?.(error))
      .finally(() => timer && arm());
  };
  arm();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    next: () => nextRun,
  };
}
