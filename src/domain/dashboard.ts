// Shaping the dashboards' SQL aggregates into what people read: the funnel, the people trained,
// the money. Pure functions over the rows the read models return (sums and counts stay in SQL).
import type { Actor } from './actor.ts';
import { PROFILE_IDS, PROFILE_LABELS, profileRank } from './diagnostic.ts';
import { DomainError } from './errors.ts';
import { PRIORITY_MARKERS } from './person.ts';
import { themeLabel, SERVICE_FORMAT_LABELS } from './themes.ts';

export type ScopeLevel = 'territory' | 'organisation' | 'structure';
export interface ActorScope {
  level: ScopeLevel;
  territoryId: string;
  organisationId: string | null;
  structureId: string | null;
}

/**
 * Who sees what (docs/product.md "Access is scoped"): the programme's admin, finance and auditors see
 * the territory, an agent their organisation, structure staff their structure.
 */
export function scopeOf(actor: Actor): ActorScope {
  const base = { territoryId: actor.territoryId, organisationId: null, structureId: null };
  switch (actor.role) {
    case 'admin':
    case 'finance':
    case 'auditor':
      return { ...base, level: 'territory' };
    case 'agent':
    case 'organisation_token':
      if (!actor.organisationId) break;
      return { ...base, level: 'organisation', organisationId: actor.organisationId };
    case 'structure_manager':
    case 'mediator':
    case 'structure_token':
      if (!actor.structureId) break;
      return { ...base, level: 'structure', structureId: actor.structureId };
  }
  throw new DomainError('forbidden', 'Votre compte n’a accès à aucun tableau de bord.');
}

// ---------------------------------------------------------------------------------------------
// Funnel

/** People handed out a booklet in one commune by one organisation, and how far they went. */
export interface FunnelGroupIn {
  communeInsee: string;
  organisationId: string;
  people: number;
  firstUsed: number;
  allUsed: number;
}
/** How many people used their first ticket so many days after the hand-out. */
export interface FirstUseIn {
  days: number;
  people: number;
}
export interface FunnelStep {
  handedOut: number;
  firstUsed: number;
  allUsed: number;
}

/** Median of a histogram { value → count } (the lower middle value for an even count). */
export function histogramMedian(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= middle) return value;
  }
  return null;
}

export const DAY_BANDS = [
  { max: 0, label: 'Le jour même' },
  { max: 7, label: '1 à 7 jours' },
  { max: 30, label: '8 à 30 jours' },
  { max: 90, label: '31 à 90 jours' },
  { max: Infinity, label: 'Plus de 90 jours' },
] as const;

export function summariseFunnel(groups: FunnelGroupIn[], firstUse: FirstUseIn[]) {
  const byCommune = new Map<string, FunnelStep>();
  const byOrganisation = new Map<string, FunnelStep>();
  const totals: FunnelStep = { handedOut: 0, firstUsed: 0, allUsed: 0 };
  const add = (map: Map<string, FunnelStep>, key: string, g: FunnelGroupIn) => {
    const s = map.get(key) ?? { handedOut: 0, firstUsed: 0, allUsed: 0 };
    s.handedOut += g.people;
    s.firstUsed += g.firstUsed;
    s.allUsed += g.allUsed;
    map.set(key, s);
  };
  for (const g of groups) {
    add(byCommune, g.communeInsee, g);
    add(byOrganisation, g.organisationId, g);
    totals.handedOut += g.people;
    totals.firstUsed += g.firstUsed;
    totals.allUsed += g.allUsed;
  }
  const histogram = new Map<number, number>();
  let daysSum = 0;
  let people = 0;
  for (const f of firstUse) {
    histogram.set(f.days, (histogram.get(f.days) ?? 0) + f.people);
    daysSum += f.days * f.people;
    people += f.people;
  }
  const bands = DAY_BANDS.map((b) => ({ label: b.label, people: 0 }));
  for (const [days, n] of histogram) {
    bands[DAY_BANDS.findIndex((b) => days <= b.max)].people += n;
  }
  return {
    totals,
    byCommune,
    byOrganisation,
    timeToFirstUse: {
      people,
      medianDays: histogramMedian(histogram),
      averageDays: people ? Math.round((daysSum / people) * 10) / 10 : null,
      bands,
    },
  };
}

/** A share in percent with one decimal, null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

// ---------------------------------------------------------------------------------------------
// People

export const DURATION_BANDS: { id: string; label: string }[] = [
  { id: 'jusqu_30', label: '30 minutes ou moins' },
  { id: '31_60', label: '31 minutes à 1 heure' },
  { id: '61_120', label: '1 à 2 heures' },
  { id: 'plus_120', label: 'Plus de 2 heures' },
];

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Sessions in total, by format, duration band and theme. The themes come either with each group
 * (a JSON array: the detail rows) or counted apart (`themeCounts`: the maintained aggregates).
 */
export function summariseSessions(
  groups: { themes?: string; format: string; durationBand: string; sessions: number; tickets: number }[],
  themeCounts?: { theme: string; sessions: number }[],
) {
  const themes = new Map<string, number>();
  const formats = new Map<string, number>();
  const bands = new Map<string, number>();
  let sessions = 0;
  let tickets = 0;
  for (const t of themeCounts ?? []) themes.set(t.theme, (themes.get(t.theme) ?? 0) + t.sessions);
  for (const g of groups) {
    sessions += g.sessions;
    tickets += g.tickets;
    if (!themeCounts) for (const t of new Set(parseList(g.themes ?? '[]'))) themes.set(t, (themes.get(t) ?? 0) + g.sessions);
    formats.set(g.format, (formats.get(g.format) ?? 0) + g.sessions);
    bands.set(g.durationBand, (bands.get(g.durationBand) ?? 0) + g.sessions);
  }
  return {
    sessions,
    tickets,
    byTheme: [...themes]
      .map(([id, n]) => ({ id, label: themeLabel(id), sessions: n }))
      .sort((a, b) => b.sessions - a.sessions || a.label.localeCompare(b.label, 'fr')),
    byFormat: [...formats].map(([id, n]) => ({ id, label: SERVICE_FORMAT_LABELS[id as keyof typeof SERVICE_FORMAT_LABELS] ?? id, sessions: n })),
    byDuration: DURATION_BANDS.map((b) => ({ id: b.id, label: b.label, sessions: bands.get(b.id) ?? 0 })),
  };
}

const MARKER_LABELS = new Map<string, string>(PRIORITY_MARKERS.map((m) => [m.id, m.label]));

/** People by priority marker (a person may carry several) and the share with at least one. */
export function summariseMarkers(groups: { markers: string; people: number }[]) {
  let total = 0;
  let priority = 0;
  const byMarker = new Map<string, number>();
  for (const g of groups) {
    total += g.people;
    const markers = [...new Set(parseList(g.markers))];
    if (markers.length) priority += g.people;
    for (const m of markers) byMarker.set(m, (byMarker.get(m) ?? 0) + g.people);
  }
  return {
    people: total,
    priorityPeople: priority,
    priorityPercent: percent(priority, total),
    byMarker: [...byMarker].map(([id, n]) => ({ id, label: MARKER_LABELS.get(id) ?? id, people: n })).sort((a, b) => b.people - a.people),
  };
}

export function profileLabel(id: string): string {
  return PROFILE_LABELS[id as keyof typeof PROFILE_LABELS] ?? id;
}

/** Autonomy at intake and at follow-up, and how many progressed (latest diagnostics of each kind). */
export function summariseProfiles(transitions: { initial: string | null; followup: string | null; people: number }[]) {
  const intake = new Map<string, number>();
  const followup = new Map<string, number>();
  let withFollowup = 0;
  let improved = 0;
  let same = 0;
  let declined = 0;
  for (const t of transitions) {
    if (t.initial) intake.set(t.initial, (intake.get(t.initial) ?? 0) + t.people);
    if (!t.followup) continue;
    followup.set(t.followup, (followup.get(t.followup) ?? 0) + t.people);
    withFollowup += t.people;
    if (!t.initial) continue;
    const delta = profileRank(t.followup) - profileRank(t.initial);
    if (delta > 0) improved += t.people;
    else if (delta < 0) declined += t.people;
    else same += t.people;
  }
  const ids = [...PROFILE_IDS, ...[...intake.keys(), ...followup.keys()].filter((k) => !(PROFILE_IDS as readonly string[]).includes(k))];
  return {
    profiles: [...new Set(ids)].map((id) => ({ id, label: profileLabel(id), intake: intake.get(id) ?? 0, followup: followup.get(id) ?? 0 })),
    peopleWithIntake: [...intake.values()].reduce((a, b) => a + b, 0),
    peopleWithFollowup: withFollowup,
    improved,
    same,
    declined,
  };
}
