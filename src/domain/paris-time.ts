// Calendar dates are YYYY-MM-DD in Europe/Paris (docs/product.md). These helpers convert between
// instants and Paris calendar days whatever the server's time zone, across DST changes.

const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): Record<string, string> {
  return Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** The Paris calendar day of an instant, as YYYY-MM-DD. */
export function parisDate(instant: Date): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const p = parts(instant);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** An instant as Paris local time with its offset, "2026-03-20T10:00:00+01:00" (ISO 8601). */
export function parisIsoWithOffset(instant: Date): string {
  const p = parts(instant);
  const offset = parisOffsetMinutes(instant);
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** The instant at which a Paris calendar day starts (00:00:00 Europe/Paris). */
export function parisStartOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d));
  const offset = parisOffsetMinutes(new Date(guess.getTime() - 120 * 60000));
  const candidate = new Date(guess.getTime() - offset * 60000);
  // Re-check with the offset in force at the candidate instant (midnight is never in a DST gap in Paris).
  return new Date(guess.getTime() - parisOffsetMinutes(candidate) * 60000);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** True while `instant` is on or before the inclusive Paris calendar day `lastDay`. */
export function isOnOrBeforeParisDay(instant: Date, lastDay: string): boolean {
  return instant.getTime() < parisStartOfDay(addDays(lastDay, 1)).getTime();
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** "31/01/2023" */
export function frenchDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The Paris calendar month ('YYYY-MM') of an ISO-8601 UTC instant. Paris is 1 or 2 hours ahead of
 * UTC, so the month differs from the UTC one only in the last two hours of a month's last UTC day:
 * only those instants go through the time-zone database (the dashboards call this per row).
 */
export function parisMonthOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(iso);
  if (m) {
    const [, y, mo, d, h] = m;
    const lastDay = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < lastDay || Number(h) < 22) return `${y}-${mo}`;
  }
  return parisDate(new Date(iso)).slice(0, 7);
}
