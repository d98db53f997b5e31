import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { addDays, isValidDate, parisDate, parisStartOfDay } from '../../domain/paris-time.ts';
import { listRedemptionRequests } from '../../repositories/redemptions.ts';
import type { Deps } from '../support/deps.ts';
import { loadRedemptionViews, type RedemptionView } from '../support/redemption-view.ts';

export interface RedemptionDay {
  date: string;
  redemptions: RedemptionView[];
  /** Tickets still redeemed that day, and their face value. */
  ticketCount: number;
  totalCents: number;
}

/** The structure's redemptions of one Paris calendar day (today by default), newest first. */
export async function listRedemptions(deps: Deps, actor: Actor, input: { date?: string }): Promise<RedemptionDay> {
  requireRole(actor, 'mediator', 'structure_manager', 'structure_token');
  const structureId = requireStructure(actor);
  const date = input.date ?? parisDate(deps.now());
  if (!isValidDate(date)) throw invalid('date', 'La date doit être au format AAAA-MM-JJ.');
  const from = parisStartOfDay(date).toISOString();
  const to = parisStartOfDay(addDays(date, 1)).toISOString();
  const requests = await listRedemptionRequests(deps.db, structureId, from, to);
  const redemptions = await loadRedemptionViews(deps, requests);
  const live = redemptions.flatMap((r) => r.tickets.filter((t) => !t.undoneAt));
  return { date, redemptions, ticketCount: live.length, totalCents: live.reduce((s, t) => s + t.faceValueCents, 0) };
}
