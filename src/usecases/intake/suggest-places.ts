import type { Actor } from '../../domain/actor.ts';
import { listOpenCampaigns } from '../../repositories/issuance.ts';
import { listTrainingSessions } from '../../repositories/training-sessions.ts';
import { loadOwnBeneficiary } from '../support/agent-scope.ts';
import { needsOf, type NeedsSummary } from '../support/beneficiary-needs.ts';
import type { Deps } from '../support/deps.ts';
import { loadCampaign } from '../support/issuance-guards.ts';
import { helperPlaces, suggestPlaces, type SuggestedPlace } from '../support/places.ts';
import { sessionView } from '../support/session-view.ts';

export interface OrientationInput {
  campaignId?: string;
  /** Accessibility needs asked at the desk, used for this search only (never stored). */
  specificSupport?: string[];
  limit?: number;
}

/**
 * Orientation (issue #3, item 7): from the needs of the latest diagnostic, the accredited places
 * whose services match — the person's commune first — and their upcoming sessions with seats left.
 * Apart from the training (issue #18, item 5): the procedures she wants done for her, with the
 * France Services and Aidants Connect places of the territory. Accessibility needs filter both
 * lists for this answer only; nothing of them is stored.
 */
export async function suggestOrientation(deps: Deps, actor: Actor, beneficiaryId: string, input: OrientationInput) {
  const beneficiary = await loadOwnBeneficiary(deps.db, actor, beneficiaryId);
  const campaign = input.campaignId ? await loadCampaign(deps.db, actor, input.campaignId) : (await listOpenCampaigns(deps.db, actor.territoryId))[0];
  const needs = await needsOf(deps.db, beneficiary.id);
  const base = {
    campaignId: campaign?.id ?? null,
    profile: needs.profile,
    profileLabel: needs.profileLabel,
    advice: needs.advice,
    supportMode: needs.supportMode,
    needs: needs.needs,
    services: needs.services,
    doneForThem: await doneForThem(deps, actor.territoryId, needs.doForThem, beneficiary.commune_insee, input.specificSupport),
  };
  if (!campaign) return { ...base, places: [], sessions: [] };
  const places = await suggestPlaces(deps.db, campaign, {
    services: needs.services,
    communeInsee: beneficiary.commune_insee,
    supportMode: needs.supportMode,
    specificSupport: input.specificSupport,
  }, input.limit ?? 10);
  const now = deps.now().toISOString();
  const structureIds = new Set(places.map((p) => p.structureId));
  const upcoming = await listTrainingSessions(deps.db, { territoryId: actor.territoryId, from: now, accreditedFor: campaign.id, limit: 200 });
  const sessions = upcoming.filter((s) => structureIds.has(s.structure_id) && s.booked < s.capacity).slice(0, 20).map(sessionView);
  return {
    ...base,
    places: places.map((p) => ({ ...placeView(p), services: p.services, matchedServices: p.matchedServices })),
    sessions,
  };
}

async function doneForThem(deps: Deps, territoryId: string, d: NeedsSummary['doForThem'], communeInsee: string, specificSupport: string[] | undefined) {
  const places = d.needs.length ? await helperPlaces(deps.db, territoryId, { communeInsee, specificSupport }, 5) : [];
  return {
    needs: d.needs.map((n) => ({ id: n.id, label: n.label })),
    reason: d.reason,
    urgent: d.urgent,
    places: places.map((p) => ({ ...placeView(p), programmes: p.programmes })),
  };
}

/** What the answer shows of a suggested place (not the ranking's internals). */
function placeView(p: SuggestedPlace | Awaited<ReturnType<typeof helperPlaces>>[number]) {
  return {
    structureId: p.structureId,
    structureName: p.structureName,
    siteId: p.siteId,
    siteName: p.siteName,
    address: p.address,
    postalCode: p.postalCode,
    communeInsee: p.communeInsee,
    communeName: p.communeName,
    phone: p.phone,
    openingHours: p.openingHours,
    openingHoursText: p.openingHoursText,
    inCommune: p.inCommune,
  };
}
