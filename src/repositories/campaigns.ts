import type { CampaignTable, CommuneQuotaTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export type CampaignRow = CampaignTable;

export async function insertCampaign(db: Executor, row: CampaignTable): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export function getCampaign(db: Executor, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Executor, territoryId: string, status?: CampaignTable['status']) {
  let q = db.selectFrom('campaigns').selectAll().where('territory_id', '=', territoryId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('year', 'desc').orderBy('name').execute();
}

/** Updates a draft campaign; returns false when it is no longer a draft (conditional update). */
export async function updateDraftCampaign(db: Executor, id: string, patch: Partial<CampaignTable>): Promise<boolean> {
  const r = await db.updateTable('campaigns').set(patch).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Budget year and imputation of a campaign's mandats: accounting data, editable whatever the campaign's status. */
export async function setCampaignImputation(
  db: Executor, id: string, territoryId: string, i: { budgetYear: number; nature: string; fonction: string }, now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('campaigns')
    .set({ budget_year: i.budgetYear, imputation_nature: i.nature, imputation_fonction: i.fonction, updated_at: now })
    .where('id', '=', id)
    .where('territory_id', '=', territoryId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a campaign from one status to the next; the affected row count decides. */
export async function transitionCampaign(
  db: Executor, id: string, from: CampaignTable['status'], to: CampaignTable['status'], now: string,
): Promise<boolean> {
  const r = await db.updateTable('campaigns').set({ status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Writes the computed quotas, keeping the `issued` counters of communes already present. */
export async function upsertQuotas(db: Executor, campaignId: string, quotas: { inseeCode: string; weight: number; quota: number }[]): Promise<void> {
  for (let i = 0; i < quotas.length; i += 300) {
    await db
      .insertInto('commune_quotas')
      .values(quotas.slice(i, i + 300).map((q) => ({ campaign_id: campaignId, commune_insee: q.inseeCode, weight: q.weight, quota: q.quota, issued: 0 })))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'commune_insee']).doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight'), quota: eb.ref('excluded.quota') })),
      )
      .execute();
  }
}

export function listQuotas(db: Executor, campaignId: string) {
  return db
    .selectFrom('commune_quotas')
    .innerJoin('campaigns', 'campaigns.id', 'commune_quotas.campaign_id')
    .innerJoin('communes', (j) =>
      j.onRef('communes.territory_id', '=', 'campaigns.territory_id').onRef('communes.insee_code', '=', 'commune_quotas.commune_insee'),
    )
    .select([
      'commune_quotas.commune_insee', 'communes.name as commune_name', 'commune_quotas.weight', 'commune_quotas.quota', 'commune_quotas.issued',
    ])
    .where('commune_quotas.campaign_id', '=', campaignId)
    .orderBy('communes.name')
    .execute();
}

export function getQuota(db: Executor, campaignId: string, inseeCode: string) {
  return db
    .selectFrom('commune_quotas')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('commune_insee', '=', inseeCode)
    .executeTakeFirst();
}

/** Sets one commune's quota unless it would fall below the booklets already issued. */
export async function setQuota(db: Executor, campaignId: string, inseeCode: string, quota: number): Promise<CommuneQuotaTable | undefined> {
  return db
    .updateTable('commune_quotas')
    .set({ quota })
    .where('campaign_id', '=', campaignId)
    .where('commune_insee', '=', inseeCode)
    .where('issued', '<=', quota)
    .returningAll()
    .executeTakeFirst();
}
