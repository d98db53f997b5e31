import type { listTrainingSessions } from '../../repositories/training-sessions.ts';

type SessionRow = Awaited<ReturnType<typeof listTrainingSessions>>[number];

export function sessionView(s: SessionRow) {
  return {
    id: s.id,
    structureId: s.structure_id,
    structureName: s.structure_name,
    siteId: s.site_id,
    siteName: s.site_name,
    address: s.address,
    postalCode: s.postal_code,
    communeInsee: s.commune_insee,
    communeName: s.commune_name,
    title: s.title,
    theme: s.theme,
    format: s.format,
    startsAt: s.starts_at,
    durationMinutes: s.duration_minutes,
    capacity: s.capacity,
    booked: s.booked,
    seatsLeft: Math.max(0, s.capacity - s.booked),
  };
}
export type SessionView = ReturnType<typeof sessionView>;
