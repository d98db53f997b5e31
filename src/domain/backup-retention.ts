import { addDays, parisDate } from './paris-time.ts';

/** How many backups to keep: the newest of each of the last N days, ISO weeks and months (Paris). */
export interface RetentionPolicy { daily: number; weekly: number; monthly: number }
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** ISO week of a calendar day `YYYY-MM-DD`, as `YYYY-Www`. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = addDays(date, 3 - day);
  const year = Number(thursday.slice(0, 4));
  // The week holding a year's first Thursday is its week 1.
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = 1 + Math.floor(dayOfYear / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups to delete: every backup that is not the newest of one of the last `daily` days,
 * `weekly` ISO weeks or `monthly` months that have a backup (grandfather-father-son). The newest
 * backup is always kept.
 */
export function backupsToDelete<T extends { takenAt: Date }>(backups: T[], policy: RetentionPolicy = DEFAULT_RETENTION): T[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<T>(newestFirst.slice(0, 1));
  const periods: [(d: string) => string, number][] = [
    [(d) => d, policy.daily],
    [isoWeek, policy.weekly],
    [(d) => d.slice(0, 7), policy.monthly],
  ];
  for (const [periodOf, count] of periods) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const period = periodOf(parisDate(b.takenAt));
      if (seen.has(period)) continue;
      if (seen.size >= count) break;
      seen.add(period);
      keep.add(b);
    }
  }
  return newestFirst.filter((b) => !keep.has(b));
}
