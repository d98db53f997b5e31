// Pure shaping for the structure manager's screens.

function parisWall(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** "2026-03-24" + "14:30" in Paris → the ISO UTC instant ("2026-03-24T13:30:00.000Z"); null if not a date and time. */
export function parisLocalToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const asUtc = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  if (Number.isNaN(asUtc) || +t[1] > 23 || +t[2] > 59) return null;
  let instant = asUtc - (parisWall(new Date(asUtc)) - asUtc);
  instant = asUtc - (parisWall(new Date(instant)) - instant);
  return new Date(instant).toISOString();
}

export interface SessionDraft {
  siteId: string;
  title: string;
  theme: string;
  format: string;
  date: string;
  time: string;
  durationMinutes: string;
  capacity: string;
}

/** Field errors of the "Publier une séance" form, keyed by field id. */
export function sessionErrors(d: SessionDraft, nowIso: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.siteId) e['seance-lieu'] = 'Choisissez le lieu de la séance.';
  if (!d.title.trim()) e['seance-titre'] = 'Donnez un titre à la séance, par exemple « Premiers pas sur smartphone ».';
  if (!d.theme.trim()) e['seance-theme'] = 'Indiquez le thème de la séance.';
  if (!d.format) e['seance-format'] = 'Choisissez le format.';
  const at = parisLocalToIso(d.date, d.time);
  if (!at) e['seance-date'] = 'Saisissez la date et l’heure de début.';
  else if (at <= nowIso) e['seance-date'] = 'La séance doit commencer dans le futur.';
  const capacity = Number(d.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 200) e['seance-places'] = 'Indiquez un nombre de places entre 1 et 200.';
  return e;
}

/** "5 places sur 8 restantes" / "complet". */
export function seatsWords(booked: number, capacity: number): string {
  const left = capacity - booked;
  if (left <= 0) return `Complet (${capacity} places)`;
  return `${booked} inscrit${booked > 1 ? 's' : ''} — ${left} place${left > 1 ? 's' : ''} libre${left > 1 ? 's' : ''} sur ${capacity}`;
}
