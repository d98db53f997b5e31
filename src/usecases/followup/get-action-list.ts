import type { Actor } from '../../domain/actor.ts';
import { requireRole } from '../../domain/actor.ts';
import { addDays, parisDate, parisStartOfDay } from '../../domain/paris-time.ts';
import { daysBetweenDates, callAdvice } from '../../domain/reminders.ts';
import { dormantBooklets, expiringUnused, namesFor, type ActionListRow } from '../../repositories/read-models/action-list.ts';
import type { Deps } from '../support/deps.ts';
import { resolveReadScope, scopeBody } from '../support/read-scope.ts';

/** A booklet handed out this many days ago with no ticket used is "asleep": worth a call too. */
export const DORMANT_AFTER_DAYS = 30;

/**
 * Who to call: people whose unused tickets expire within `days` (30 by default), and people whose
 * booklet sleeps (handed out over 30 days ago, no ticket used), for their issuing organisation.
 * Names and phone numbers: agents (their organisation) and the programme's admin only — never
 * auditors nor structures.
 */
export async function getActionList(deps: Deps, actor: Actor, input: { campaignId?: string; days: number; limit: number; offset: number }) {
  requireRole(actor, 'admin', 'agent', 'organisation_token');
  const scope = await resolveReadScope(deps, actor, { campaignId: input.campaignId });
  const today = parisDate(deps.now());
  const until = addDays(today, input.days);
  const handedBefore = addDays(today, -DORMANT_AFTER_DAYS);
  const page = { limit: input.limit, offset: input.offset };
  const [expiring, dormant, names] = await Promise.all([
    expiringUnused(deps.db, scope.read, { today, until }, page),
    dormantBooklets(deps.db, scope.read, { today, until, handedBefore: parisStartOfDay(handedBefore).toISOString() }, page),
    namesFor(deps.db, actor.territoryId),
  ]);
  const person = (r: ActionListRow) => {
    const daysLeft = daysBetweenDates(today, r.validUntil);
    return {
      beneficiaryId: r.beneficiaryId,
      firstName: r.firstName,
      lastName: r.lastName,
      phone: r.phone,
      email: r.email,
      commune: { inseeCode: r.communeInsee, name: names.communes.get(r.communeInsee) ?? r.communeInsee },
      organisation: { id: r.organisationId, name: r.organisationName },
      campaign: { id: r.campaignId, name: r.campaignName },
      unusedTickets: r.unusedTickets,
      unusedCents: r.unusedCents,
      usedTickets: r.usedTickets,
      validUntil: r.validUntil,
      daysLeft,
      handedOutAt: r.handedOutAt,
      lastMessageAt: r.lastMessageAt,
      optedOut: r.optedOut,
      advice: callAdvice({ phone: r.phone, usedTickets: r.usedTickets, daysLeft }),
    };
  };
  return {
    scope: scopeBody(scope),
    until,
    total: expiring.total,
    people: expiring.rows.map(person),
    dormant: { handedOutBefore: handedBefore, total: dormant.total, people: dormant.rows.map(person) },
  };
}
