import type { Actor } from '../../domain/actor.ts';
import { listAccreditations, listSites, listStructures as listStructureRows } from '../../repositories/structures.ts';
import type { Deps } from '../support/deps.ts';
import { findStructure, siteView, structureView } from '../support/structure-view.ts';

function ownStructureOnly(actor: Actor): string | undefined {
  const scoped = actor.role === 'structure_manager' || actor.role === 'mediator' || actor.role === 'structure_token';
  return scoped ? (actor.structureId ?? '-') : undefined;
}

/** Structures of the territory with their sites; structure staff see only their own. */
export async function listStructures(deps: Deps, actor: Actor) {
  const rows = await listStructureRows(deps.db, actor.territoryId, { id: ownStructureOnly(actor) });
  const sites = await listSites(deps.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...structureView(r, actor), sites: sites.filter((s) => s.structure_id === r.id).map(siteView) }));
}

/** One structure with its sites and accreditations. */
export async function getStructureDetails(deps: Deps, actor: Actor, id: string) {
  const row = await findStructure(deps, actor, id);
  const sites = await listSites(deps.db, [id]);
  const accreditations = await listAccreditations(deps.db, id);
  return {
    ...structureView(row, actor),
    sites: sites.map(siteView),
    accreditations: accreditations.map((a) => ({ campaignId: a.campaign_id, campaignName: a.campaign_name, status: a.status })),
  };
}
