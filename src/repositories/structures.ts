import type { AccreditationTable, SiteTable, StructureTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export type StructureRow = StructureTable;
export type SiteRow = SiteTable;

export async function insertStructure(db: Executor, row: StructureTable): Promise<void> {
  await db.insertInto('structures').values(row).execute();
}

export function getStructure(db: Executor, id: string) {
  return db.selectFrom('structures').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listStructures(db: Executor, territoryId: string, filter: { id?: string } = {}) {
  let q = db.selectFrom('structures').selectAll().where('territory_id', '=', territoryId);
  if (filter.id) q = q.where('id', '=', filter.id);
  return q.orderBy('name').execute();
}

export async function updateStructure(db: Executor, id: string, patch: Partial<StructureTable>): Promise<void> {
  await db.updateTable('structures').set(patch).where('id', '=', id).execute();
}

export async function insertSite(db: Executor, row: SiteTable): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export function getSite(db: Executor, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSite(db: Executor, id: string, patch: Partial<SiteTable>): Promise<void> {
  await db.updateTable('sites').set(patch).where('id', '=', id).execute();
}

/** Sites of the given structures, with their commune's name. */
export function listSites(db: Executor, structureIds: string[]) {
  if (structureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sites')
    .innerJoin('structures', 'structures.id', 'sites.structure_id')
    .leftJoin('communes', (j) => j.onRef('communes.territory_id', '=', 'structures.territory_id').onRef('communes.insee_code', '=', 'sites.commune_insee'))
    .selectAll('sites')
    .select('communes.name as commune_name')
    .where('sites.structure_id', 'in', structureIds)
    .orderBy('sites.name')
    .execute();
}

export async function countSiteUses(db: Executor, siteId: string): Promise<number> {
  const a = await db.selectFrom('redemption_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirst();
  const b = await db.selectFrom('training_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirst();
  return Number(a?.n ?? 0) + Number(b?.n ?? 0);
}

export async function deleteSite(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sites').where('id', '=', id).execute();
}

// --- accreditations ---

export function listAccreditations(db: Executor, structureId: string) {
  return db
    .selectFrom('accreditations')
    .innerJoin('campaigns', 'campaigns.id', 'accreditations.campaign_id')
    .selectAll('accreditations')
    .select(['campaigns.name as campaign_name', 'campaigns.year as campaign_year', 'campaigns.status as campaign_status'])
    .where('accreditations.structure_id', '=', structureId)
    .orderBy('campaigns.year', 'desc')
    .execute();
}

export function getAccreditation(db: Executor, structureId: string, campaignId: string) {
  return db
    .selectFrom('accreditations')
    .selectAll()
    .where('structure_id', '=', structureId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
}

export async function insertAccreditation(db: Executor, row: AccreditationTable): Promise<void> {
  await db.insertInto('accreditations').values(row).execute();
}

/** Moves an accreditation from `from` to `to`; the affected row count decides. */
export async function transitionAccreditation(
  db: Executor,
  key: { structureId: string; campaignId: string },
  from: AccreditationTable['status'],
  to: AccreditationTable['status'],
  decision: { decidedAt: string; decidedBy: string; reason: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('accreditations')
    .set({ status: to, decided_at: decision.decidedAt, decided_by: decision.decidedBy, reason: decision.reason })
    .where('structure_id', '=', key.structureId)
    .where('campaign_id', '=', key.campaignId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True when an error is a foreign-key violation (a row still refers to the one being deleted). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
