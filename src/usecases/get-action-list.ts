import type { Actor } from '../domain/actor.ts';
import { requireRole } from '../domain/actor.ts';
import { addDays, parisDate } from '../domain/paris-time.ts';
import { daysBetweenDates, callAdvice } from '../domain/reminders.ts';
import { expiringUnused, namesFor } from '../repositories/read-models/action-list.ts';
import type { Deps } from './support/deps.ts';
import { resolveReadScope, scopeBody } from './support/read-scope.ts';

/**
 * Who to call: people whose unused tickets expire within `days` (30 by default), for their
 * issuing organisation. Names and phone numbers: agents (their organisation) and the programme's
 * admin only — never auditors nor structures.
 */
export async function getActionList(deps: Deps, actor: Actor, input: { campaignId?: string; days: number; limit: number; offset: number }) {
  requireRole(actor, 'admin', 'agent', 'organisation_token');
  const scope = await resolveReadScope(deps, actor, { campaignId: input.campaignId });
  const today = parisDate(deps.now());
  const until = addDays(today, input.days);
  const [{ rows, total }, names] = await Promise.all([
    expiringUnused(deps.db, scope.read, { today, until }, { limit: input.limit, offset: input.offset }),
    namesFor(deps.db, actor.territoryId),
  ]);
  return {
    scope: scopeBody(scope),
    until,
    total,
    people: rows.map((r) => {
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
        lastMessageAt: r.lastMessageAt,
        optedOut: r.optedOut,
        advice: callAdvice({ phone: r.phone, usedTickets: r.usedTickets, daysLeft }),
      };
    }),
  };
}
