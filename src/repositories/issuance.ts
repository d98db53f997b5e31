import type { BookletStatus } from '../db/schema.ts';
import type { Executor, Tx } from './tx.ts';

// Reads and guarded writes of the agent's desk (issue #3): campaigns open for issuance, commune
// quotas, live booklets of a person, stock activation, cancellation. Every write that must happen
// once is a conditional UPDATE whose affected row count the caller checks.

export function findCampaign(db: Executor, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOpenCampaigns(db: Executor, territoryId: string) {
  return db.selectFrom('campaigns').selectAll().where('territory_id', '=', territoryId).where('status', '=', 'open').orderBy('year', 'desc').orderBy('name').execute();
}

export function findCommuneQuota(db: Executor, campaignId: string, communeInsee: string) {
  return db.selectFrom('commune_quotas').select(['quota', 'issued']).where('campaign_id', '=', campaignId).where('commune_insee', '=', communeInsee).executeTakeFirst();
}

/** Takes one place of the commune's quota; false when none is left (issued < quota decides). */
export function takeQuotaPlace(trx: Tx, campaignId: string, communeInsee: string): Promise<boolean> {
  return takeQuotaPlaces(trx, campaignId, communeInsee, 1);
}

/**
 * Takes `count` places of the commune's quota at once, all or nothing: one conditional UPDATE
 * (`issued + count <= quota` decides, in the database, under the row's write lock), so a batch of
 * booklets costs one statement instead of one per booklet. False when fewer than `count` are left
 * (nothing is taken then).
 */
export async function takeQuotaPlaces(trx: Tx, campaignId: string, communeInsee: string, count: number): Promise<boolean> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`takeQuotaPlaces: count must be a positive integer (${count})`);
  const r = await trx
    .updateTable('commune_quotas')
    .set((eb) => ({ issued: eb('issued', '+', count) }))
    .where('campaign_id', '=', campaignId)
    .where('commune_insee', '=', communeInsee)
    .where((eb) => eb(eb('issued', '+', count), '<=', eb.ref('quota')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The booklet of a person for a campaign in one of the statuses, with who handed it out. */
export function findPersonBooklet(db: Executor, campaignId: string, personKey: string, statuses: BookletStatus[]) {
  return db
    .selectFrom('booklets')
    .leftJoin('organisations', 'organisations.id', 'booklets.organisation_id')
    .select(['booklets.id', 'booklets.serial', 'booklets.status', 'booklets.issued_at', 'booklets.organisation_id', 'organisations.name as organisation_name'])
    .where('booklets.campaign_id', '=', campaignId)
    .where('booklets.person_key', '=', personKey)
    .where('booklets.status', 'in', statuses)
    .orderBy('booklets.issued_at', 'desc')
    .executeTakeFirst();
}

export function findBooklet(db: Executor, id: string) {
  return db.selectFrom('booklets').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBookletBySerial(db: Executor, serial: string) {
  return db.selectFrom('booklets').selectAll().where('serial', '=', serial).executeTakeFirst();
}

export function listBookletTickets(db: Executor, bookletIds: string[]) {
  if (bookletIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tickets')
    .select(['id', 'booklet_id', 'idx', 'serial', 'status', 'code_encrypted', 'face_value_cents', 'valid_until', 'redeemed_at'])
    .where('booklet_id', 'in', bookletIds)
    .orderBy('booklet_id')
    .orderBy('idx')
    .execute();
}

/** Hands out a stock booklet: in_stock → issued, linked to the person (status decides). */
export async function activateStockBooklet(
  trx: Tx,
  a: { bookletId: string; beneficiaryId: string; personKey: string; organisationId: string; issuedBy: string; issuedAt: string; overrideReason: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('booklets')
    .set({
      status: 'issued',
      beneficiary_id: a.beneficiaryId,
      person_key: a.personKey,
      organisation_id: a.organisationId,
      issued_by: a.issuedBy,
      issued_at: a.issuedAt,
      override_reason: a.overrideReason,
    })
    .where('id', '=', a.bookletId)
    .where('status', '=', 'in_stock')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a booklet's tickets from one status to another; returns how many moved. */
export async function moveBookletTickets(trx: Tx, bookletId: string, from: 'in_stock' | 'issued', to: 'issued' | 'cancelled', at: string): Promise<number> {
  const r = await trx
    .updateTable('tickets')
    .set({ status: to, updated_at: at, ...(to === 'issued' ? { issued_at: at } : {}) })
    .where('booklet_id', '=', bookletId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** issued → cancelled | replaced, with the reason (status decides). */
export async function closeBooklet(trx: Tx, bookletId: string, to: 'cancelled' | 'replaced', reason: string): Promise<boolean> {
  const r = await trx.updateTable('booklets').set({ status: to, cancel_reason: reason }).where('id', '=', bookletId).where('status', '=', 'issued').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Booklets handed out to a person (any campaign), newest first, with ticket counts. */
export function listBeneficiaryBooklets(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('booklets')
    .innerJoin('campaigns', 'campaigns.id', 'booklets.campaign_id')
    .leftJoin('organisations', 'organisations.id', 'booklets.organisation_id')
    .select([
      'booklets.id', 'booklets.serial', 'booklets.status', 'booklets.issued_at', 'booklets.campaign_id', 'booklets.replaces_booklet_id',
      'booklets.override_reason', 'booklets.cancel_reason', 'booklets.organisation_id', 'campaigns.name as campaign_name',
      'campaigns.validity_end', 'campaigns.allow_replacement', 'organisations.name as organisation_name',
    ])
    .where('booklets.beneficiary_id', '=', beneficiaryId)
    .orderBy('booklets.issued_at', 'desc')
    .execute();
}

export function getOrganisationName(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'commune_insee', 'territory_id']).where('id', '=', id).executeTakeFirst();
}

export function findTerritoryCommune(db: Executor, territoryId: string, insee: string) {
  return db.selectFrom('communes').select(['insee_code', 'name']).where('territory_id', '=', territoryId).where('insee_code', '=', insee).executeTakeFirst();
}

/** Live booklets of a person in a territory's campaigns. */
export function listPersonBookletsInTerritory(db: Executor, territoryId: string, personKey: string) {
  return db
    .selectFrom('booklets')
    .innerJoin('campaigns', 'campaigns.id', 'booklets.campaign_id')
    .leftJoin('organisations', 'organisations.id', 'booklets.organisation_id')
    .select(['booklets.campaign_id', 'campaigns.name as campaign_name', 'organisations.name as organisation_name', 'booklets.organisation_id', 'booklets.issued_at', 'booklets.serial'])
    .where('campaigns.territory_id', '=', territoryId)
    .where('booklets.person_key', '=', personKey)
    .where('booklets.status', '=', 'issued')
    .orderBy('booklets.issued_at', 'desc')
    .execute();
}
