// Opening hours in OpenStreetMap syntax, read for residents: "Ouvert maintenant" / "Prochaine
// ouverture : …" and the week's hours in words. Evaluated on Europe/Paris wall-clock time,
// whatever the time zone of the browser (opening_hours works on local Date fields, so we hand it
// a Date whose local fields are Paris time).
import OpeningHours from 'opening_hours';

// Public holidays (PH) of France; the region only matters for school holidays (SH).
const NOMINATIM = { lat: 50.43, lon: 2.83, address: { country_code: 'fr', state: 'Hauts-de-France' } };

const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** A Date whose local fields (getHours()…) read as the Paris wall clock at `instant`. */
export function parisWallClock(instant: Date): Date {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return new Date(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

const NBSP = '\u00a0';

/** "9 h", "14 h 30" (non-breaking spaces: a time never splits across lines). */
export function frenchTime(d: Date): string {
  const m = d.getMinutes();
  return `${d.getHours()}${NBSP}h${m ? NBSP + String(m).padStart(2, '0') : ''}`;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "aujourd’hui à 14 h", "demain à 9 h", "lundi 12 à 9 h". */
export function frenchMoment(d: Date, now: Date): string {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const day = sameDay(d, now) ? 'aujourd’hui' : sameDay(d, tomorrow) ? 'demain' : `${DAYS[d.getDay()]} ${d.getDate()}`;
  return `${day} à ${frenchTime(d)}`;
}

export type OpeningStatus =
  | { kind: 'open'; text: string }
  | { kind: 'closed'; text: string }
  | { kind: 'unknown'; text: string };

export interface OpeningView {
  status: OpeningStatus;
  /** The next seven days from today, each with its opening intervals in words. */
  week: { day: string; hours: string }[];
}

/** Status and week of an OSM opening_hours value at `instant`; null value: hours not given. */
export function openingView(value: string | null | undefined, instant: Date): OpeningView {
  if (!value || !value.trim()) return { status: { kind: 'unknown', text: 'Horaires non communiqués : appelez avant de vous déplacer.' }, week: [] };
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value, NOMINATIM);
  } catch {
    return { status: { kind: 'unknown', text: 'Horaires non lisibles : appelez avant de vous déplacer.' }, week: [] };
  }
  const now = parisWallClock(instant);
  const horizon = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 8);
  const open = oh.getState(now);
  const next = oh.getNextChange(now, horizon);
  let status: OpeningStatus;
  if (open) status = { kind: 'open', text: next ? `Ouvert maintenant — ferme ${frenchMoment(next, now)}` : 'Ouvert maintenant' };
  else status = { kind: 'closed', text: next ? `Fermé — prochaine ouverture : ${frenchMoment(next, now)}` : 'Fermé — pas d’ouverture prévue dans les 7 prochains jours' };
  const week: OpeningView['week'] = [];
  for (let i = 0; i < 7; i++) {
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() + i);
    const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + i + 1);
    const intervals = oh.getOpenIntervals(from, to);
    const label = i === 0 ? `aujourd’hui (${DAYS[from.getDay()]})` : DAYS[from.getDay()];
    const hours = intervals.length
      ? intervals.map(([a, b]) => `${frenchTime(a)} – ${sameDay(a, b) ? frenchTime(b) : 'minuit'}`).join(', ')
      : 'fermé';
    week.push({ day: label, hours });
  }
  return { status, week };
}
