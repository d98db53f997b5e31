import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { foldText } from '../../domain/person.ts';
import {
  findSite, insertTrainingSession, listSessionAttendees, listTrainingSessions,
} from '../../repositories/training-sessions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { sessionView } from '../support/session-view.ts';

export interface CreateSessionInput {
  siteId: string;
  title: string;
  theme: string;
  format: 'individuel' | 'collectif';
  startsAt: string;
  durationMinutes: number;
  capacity: number;
}

/** A structure publishes a session (issue #3, item 7): site, date and time, theme, format, capacity. */
export async function createTrainingSession(deps: Deps, actor: Actor, input: CreateSessionInput) {
  requireRole(actor, 'structure_manager', 'structure_token');
  const structureId = requireStructure(actor);
  const site = await findSite(deps.db, input.siteId);
  if (!site || site.structure_id !== structureId) throw invalid('siteId', 'Ce lieu n’appartient pas à votre structure.');
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw invalid('startsAt', 'La date et l’heure de la séance ne sont pas valides.');
  const now = deps.now();
  if (startsAt.getTime() <= now.getTime()) throw invalid('startsAt', 'La séance doit avoir lieu dans le futur.');
  if (input.format === 'individuel' && input.capacity !== 1) throw invalid('capacity', 'Une séance individuelle accueille une seule personne.');
  const title = input.title.trim();
  if (!title) throw invalid('title', 'Donnez un titre à la séance.');
  const id = deps.newId();
  await inTransaction(deps.db, async (trx) => {
    await insertTrainingSession(trx, {
      id,
      structure_id: structureId,
      site_id: site.id,
      title,
      theme: input.theme.trim(),
      format: input.format,
      starts_at: startsAt.toISOString(),
      duration_minutes: input.durationMinutes,
      capacity: input.capacity,
      booked: 0,
      created_at: now.toISOString(),
    });
    await audit(trx, actor, now, 'training_session.created', { type: 'training_session', id }, { siteId: site.id, startsAt: startsAt.toISOString(), capacity: input.capacity });
  });
  return { id };
}

export interface ListSessionsInput {
  from?: string;
  to?: string;
  campaignId?: string;
  communeInsee?: string;
  structureId?: string;
  q?: string;
}

/**
 * Agents and the programme see the territory's upcoming sessions; structure staff see their own
 * structure's sessions with who booked (first name and initial only).
 */
export async function listSessions(deps: Deps, actor: Actor, input: ListSessionsInput) {
  const ownStructure = actor.structureId;
  if (!ownStructure) requireRole(actor, 'agent', 'organisation_token', 'admin', 'auditor');
  const from = input.from ? new Date(input.from) : deps.now();
  if (Number.isNaN(from.getTime())) throw invalid('from', 'Date de début invalide.');
  const rows = await listTrainingSessions(deps.db, {
    territoryId: actor.territoryId,
    from: from.toISOString(),
    to: input.to ? new Date(input.to).toISOString() : undefined,
    structureId: ownStructure ?? input.structureId,
    communeInsee: input.communeInsee,
    accreditedFor: ownStructure ? undefined : input.campaignId,
    limit: 500,
  });
  const words = input.q ? foldText(input.q).split(' ').filter(Boolean) : [];
  const filtered = rows.filter((r) => words.every((w) => foldText(`${r.title} ${r.theme} ${r.structure_name}`).includes(w)));
  return Promise.all(
    filtered.map(async (r) => ({
      ...sessionView(r),
      attendees: ownStructure
        ? (await listSessionAttendees(deps.db, r.id)).map((a) => ({ bookingId: a.id, name: `${a.first_name} ${(a.usage_name ?? a.birth_name).charAt(0).toUpperCase()}.` }))
        : undefined,
    })),
  );
}

export const sessionNotFound = () => new DomainError('not_found', 'Séance introuvable.');
