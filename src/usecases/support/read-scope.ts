import type { Actor } from '../../domain/actor.ts';
import { scopeOf, type ActorScope } from '../../domain/dashboard.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { addDays, isValidDate, parisStartOfDay } from '../../domain/paris-time.ts';
import { findCampaignInTerritory } from '../../repositories/read-models/action-list.ts';
import type { ReadScope } from '../../repositories/read-models/scope.ts';
import { getOrganisation } from '../../repositories/organisations.ts';
import type { Deps } from './deps.ts';

export interface ReadFilters {
  campaignId?: string | null;
  /** Paris calendar days, inclusive. */
  from?: string | null;
  to?: string | null;
}

export interface ResolvedScope {
  actorScope: ActorScope;
  read: ReadScope;
  label: string;
  filters: { campaignId: string | null; from: string | null; to: string | null };
}

/**
 * The actor's scope (territory, organisation or structure) with the campaign and period filters
 * checked: the campaign must be one of the actor's territory, the period's days valid and in order.
 * Days are turned into instants at midnight Paris time, whatever the server's time zone.
 */
export async function resolveReadScope(deps: Deps, actor: Actor, filters: ReadFilters): Promise<ResolvedScope> {
  const actorScope = scopeOf(actor);
  const from = filters.from ?? null;
  const to = filters.to ?? null;
  if (from && !isValidDate(from)) throw invalid('from', 'La date de début n’est pas une date valide (AAAA-MM-JJ).');
  if (to && !isValidDate(to)) throw invalid('to', 'La date de fin n’est pas une date valide (AAAA-MM-JJ).');
  if (from && to && from > to) throw invalid('to', 'La date de fin doit être postérieure ou égale à la date de début.');
  let campaignName: string | null = null;
  if (filters.campaignId) {
    const campaign = await findCampaignInTerritory(deps.db, filters.campaignId, actor.territoryId);
    if (!campaign) throw new DomainError('not_found', 'Cette campagne est introuvable sur votre territoire.', { field: 'campaignId' });
    campaignName = campaign.name;
  }
  let label = 'Tout le territoire';
  if (actorScope.level === 'organisation') {
    const org = await getOrganisation(deps.db, actorScope.organisationId!);
    label = org ? org.name : 'Votre organisation';
  } else if (actorScope.level === 'structure') {
    label = 'Votre structure';
  }
  if (campaignName) label += ` — ${campaignName}`;
  return {
    actorScope,
    label,
    filters: { campaignId: filters.campaignId ?? null, from, to },
    read: {
      territoryId: actor.territoryId,
      organisationId: actorScope.organisationId,
      structureId: actorScope.structureId,
      campaignId: filters.campaignId ?? null,
      from: from ? parisStartOfDay(from).toISOString() : null,
      to: to ? parisStartOfDay(addDays(to, 1)).toISOString() : null,
      months: wholeMonths(from, to),
    },
  };
}

/** The period as whole months when it starts on a 1st and ends on a month's last day (or is open). */
function wholeMonths(from: string | null, to: string | null): { from: string | null; to: string | null } | null {
  if (from && !from.endsWith('-01')) return null;
  if (to && !addDays(to, 1).endsWith('-01')) return null;
  return { from: from ? from.slice(0, 7) : null, to: to ? to.slice(0, 7) : null };
}

export function scopeBody(s: ResolvedScope) {
  return { level: s.actorScope.level, label: s.label, ...s.filters };
}
