// Opening hours as people write them. A site's hours are stored in OpenStreetMap syntax (the
// national places schema's `horaires`); managers fill a day-by-day grid (closed, or one or two
// ranges a day, plus closures on given dates) and everyone reads French sentences: « du mardi au
// samedi, de 10 h à 12 h 30 et de 14 h à 18 h ». The grid and the sentences cover the subset the
// grid writes and the common hand-written forms; anything else is shown as written.

export const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const FR_DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const NBSP = '\u00a0';

export interface TimeRange { from: string; to: string }
/** One entry per day, Monday first: its ranges (none = closed). Exceptions: dates (YYYY-MM-DD) closed all day. */
export interface WeekGrid { days: TimeRange[][]; closedDates: string[]; closedOnPublicHolidays: boolean }

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** « 10 h », « 12 h 30 » (non-breaking spaces: a time never splits across lines). */
export function frenchHour(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${h}${NBSP}h${m ? `${NBSP}${String(m).padStart(2, '0')}` : ''}`;
}

function rangesKey(r: TimeRange[]): string {
  return r.map((x) => `${x.from}-${x.to}`).join(',');
}

/** The grid as an OSM value: consecutive days with the same ranges grouped (Tu-Sa), closed days left out. */
export function gridToOsm(grid: WeekGrid): string | null {
  const rules: string[] = [];
  let i = 0;
  while (i < 7) {
    const key = rangesKey(grid.days[i]);
    let j = i;
    while (j + 1 < 7 && rangesKey(grid.days[j + 1]) === key) j++;
    if (key) rules.push(`${j === i ? OSM_DAYS[i] : j === i + 1 ? `${OSM_DAYS[i]},${OSM_DAYS[j]}` : `${OSM_DAYS[i]}-${OSM_DAYS[j]}`} ${key}`);
    i = j + 1;
  }
  if (rules.length === 0) return null;
  if (grid.closedOnPublicHolidays) rules.push('PH off');
  for (const d of [...grid.closedDates].sort()) {
    const [y, m, day] = d.split('-').map(Number);
    rules.push(`${y} ${MONTHS_OSM[m - 1]} ${String(day).padStart(2, '0')} off`);
  }
  return rules.join('; ');
}

const MONTHS_OSM = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function parseDays(spec: string): number[] | null {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-');
    const ia = OSM_DAYS.indexOf(a as (typeof OSM_DAYS)[number]);
    const ib = b === undefined ? ia : OSM_DAYS.indexOf(b as (typeof OSM_DAYS)[number]);
    if (ia < 0 || ib < 0 || ib < ia) return null;
    for (let k = ia; k <= ib; k++) out.push(k);
  }
  return out;
}

function parseRanges(spec: string): TimeRange[] | null {
  const out: TimeRange[] = [];
  for (const part of spec.split(',')) {
    const [from, to] = part.split('-');
    if (!TIME.test(from ?? '') || !TIME.test(to ?? '') || from >= to) return null;
    out.push({ from, to });
  }
  return out;
}

/** Reads an OSM value into the grid; null when it uses more than the grid can show (then it is kept as written). */
export function osmToGrid(value: string | null): WeekGrid | null {
  const grid: WeekGrid = { days: Array.from({ length: 7 }, () => []), closedDates: [], closedOnPublicHolidays: false };
  if (!value || !value.trim()) return grid;
  for (const rule of value.split(';').map((r) => r.trim()).filter(Boolean)) {
    if (rule === 'PH off') {
      grid.closedOnPublicHolidays = true;
      continue;
    }
    const date = /^(\d{4}) ([A-Z][a-z]{2}) (\d{1,2}) off$/.exec(rule);
    if (date && MONTHS_OSM.includes(date[2])) {
      grid.closedDates.push(`${date[1]}-${String(MONTHS_OSM.indexOf(date[2]) + 1).padStart(2, '0')}-${date[3].padStart(2, '0')}`);
      continue;
    }
    const m = /^([A-Za-z,-]+)\s+(.+)$/.exec(rule);
    if (!m) return null;
    const days = parseDays(m[1]);
    const ranges = m[2].trim() === 'off' ? [] : parseRanges(m[2].replace(/\s/g, ''));
    if (!days || !ranges || ranges.length > 2) return null;
    for (const d of days) grid.days[d] = ranges;
  }
  return grid;
}

function daysPhrase(days: number[]): string {
  const consecutive = days.every((d, k) => k === 0 || d === days[k - 1] + 1);
  if (days.length === 1) return `le ${FR_DAYS[days[0]]}`;
  if (consecutive && days.length > 2) return `du ${FR_DAYS[days[0]]} au ${FR_DAYS[days[days.length - 1]]}`;
  const names = days.map((d) => FR_DAYS[d]);
  return `le ${names.slice(0, -1).join(', le ')} et le ${names[names.length - 1]}`;
}

function rangesPhrase(r: TimeRange[]): string {
  return r.map((x) => `de ${frenchHour(x.from)} à ${frenchHour(x.to)}`).join(' et ');
}

/**
 * Opening hours in French sentences: « du mardi au samedi, de 10 h à 12 h 30 et de 14 h à 18 h ;
 * le mercredi, de 14 h à 18 h. Fermé les jours fériés. » Days with the same hours are grouped.
 * Null when no hours are given; the value as written when it is outside what the grid handles.
 */
export function openingHoursSentence(value: string | null): string | null {
  if (!value || !value.trim()) return null;
  const grid = osmToGrid(value);
  if (!grid) return value;
  const groups = new Map<string, number[]>();
  grid.days.forEach((r, d) => {
    if (r.length) groups.set(rangesKey(r), [...(groups.get(rangesKey(r)) ?? []), d]);
  });
  if (groups.size === 0) return 'Fermé';
  const parts = [...groups.values()].map((days) => `${daysPhrase(days)}, ${rangesPhrase(grid.days[days[0]])}`);
  let text = parts.join(' ; ');
  text = text.charAt(0).toUpperCase() + text.slice(1) + '.';
  if (grid.closedOnPublicHolidays) text += ' Fermé les jours fériés.';
  if (grid.closedDates.length) {
    const dates = grid.closedDates.map((d) => {
      const [y, m, day] = d.split('-').map(Number);
      return `${day === 1 ? '1er' : day}${NBSP}${FR_MONTHS[m - 1]} ${y}`;
    });
    text += ` Fermé exceptionnellement le ${dates.join(', le ')}.`;
  }
  return text;
}
