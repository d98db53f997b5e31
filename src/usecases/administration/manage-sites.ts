import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { validateSite, type SiteInput } from '../../domain/structure.ts';
import { findCommune } from '../../repositories/territories.ts';
import {
  countSiteUses, deleteSite as deleteSiteRow, getSite, insertSite, isForeignKeyViolation, listSites, updateSite as updateSiteRow,
} from '../../repositories/structures.ts';
import { inTransaction, type Tx } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { findEditableStructure, findStructure, siteView } from '../support/structure-view.ts';

/** Checks a site against the territory's communes (INSEE code must belong to the territory). */
export async function checkSite(deps: Deps, territoryId: string, input: SiteInput): Promise<SiteInput> {
  const commune = await findCommune(deps.db, territoryId, input.communeInsee);
  return validateSite(input, commune ? (commune.postal_codes ? commune.postal_codes.split(',') : []) : null);
}

export async function addSiteInTx(deps: Deps, trx: Tx, actor: Actor, structureId: string, s: SiteInput): Promise<string> {
  const id = deps.newId();
  await insertSite(trx, {
    id, structure_id: structureId, name: s.name, address: s.address, commune_insee: s.communeInsee, postal_code: s.postalCode,
    opening_hours: s.openingHours, phone: s.phone, latitude: s.latitude, longitude: s.longitude, created_at: deps.now().toISOString(),
  });
  await audit(trx, actor, deps.now(), 'site.created', { type: 'structure', id: structureId }, { siteId: id, name: s.name, communeInsee: s.communeInsee });
  return id;
}

async function siteOf(deps: Deps, structureId: string, siteId: string) {
  const site = await getSite(deps.db, siteId);
  if (!site || site.structure_id !== structureId) throw new DomainError('not_found', 'Ce lieu n’existe pas.');
  return site;
}

export async function listStructureSites(deps: Deps, actor: Actor, structureId: string) {
  await findStructure(deps, actor, structureId);
  return (await listSites(deps.db, [structureId])).map(siteView);
}

async function oneSite(deps: Deps, structureId: string, siteId: string) {
  return siteView((await listSites(deps.db, [structureId])).find((s) => s.id === siteId)!);
}

export async function addSite(deps: Deps, actor: Actor, structureId: string, input: SiteInput) {
  await findEditableStructure(deps, actor, structureId);
  const site = await checkSite(deps, actor.territoryId, input);
  const id = await inTransaction(deps.db, (trx) => addSiteInTx(deps, trx, actor, structureId, site));
  return oneSite(deps, structureId, id);
}

export async function updateSite(deps: Deps, actor: Actor, structureId: string, siteId: string, patch: Partial<SiteInput>) {
  await findEditableStructure(deps, actor, structureId);
  const row = await siteOf(deps, structureId, siteId);
  const current: SiteInput = {
    name: row.name, address: row.address, communeInsee: row.commune_insee, postalCode: row.postal_code, openingHours: row.opening_hours,
    phone: row.phone, latitude: row.latitude, longitude: row.longitude,
  };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<SiteInput>;
  const s = await checkSite(deps, actor.territoryId, { ...current, ...defined });
  await inTransaction(deps.db, async (trx) => {
    await updateSiteRow(trx, siteId, {
      name: s.name, address: s.address, commune_insee: s.communeInsee, postal_code: s.postalCode, opening_hours: s.openingHours,
      phone: s.phone, latitude: s.latitude, longitude: s.longitude,
    });
    await audit(trx, actor, deps.now(), 'site.updated', { type: 'structure', id: structureId }, { siteId, fields: Object.keys(defined) });
  });
  return oneSite(deps, structureId, siteId);
}

/** A site can be removed only while no redemption or session refers to it (history stays intact). */
export async function deleteSite(deps: Deps, actor: Actor, structureId: string, siteId: string): Promise<void> {
  await findEditableStructure(deps, actor, structureId);
  await siteOf(deps, structureId, siteId);
  const used = new DomainError('conflict', 'Ce lieu a déjà servi (tickets encaissés ou séances) : il ne peut plus être supprimé, modifiez-le plutôt.');
  try {
    await inTransaction(deps.db, async (trx) => {
      if ((await countSiteUses(trx, siteId)) > 0) throw used;
      await deleteSiteRow(trx, siteId);
      await audit(trx, actor, deps.now(), 'site.deleted', { type: 'structure', id: structureId }, { siteId });
    });
  } catch (error) {
    // A redemption recorded at the same instant makes the foreign key refuse the delete.
    if (isForeignKeyViolation(error)) throw used;
    throw error;
  }
}
