import type { WorkshopTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

export type WorkshopRow = WorkshopTable & { site_name: string };

export async function insertWorkshop(db: Executor, row: WorkshopTable): Promise<void> {
  await db.insertInto('workshops').values(row).execute();
}

function selectWorkshops(db: Executor) {
  return db.selectFrom('workshops').innerJoin('sites', 'sites.id', 'workshops.site_id').selectAll('workshops').select('sites.name as site_name');
}

export function findWorkshop(db: Executor, id: string): Promise<WorkshopRow | undefined> {
  return selectWorkshops(db).where('workshops.id', '=', id).executeTakeFirst();
}

export function listWorkshopsOfDay(db: Executor, structureId: string, day: string): Promise<WorkshopRow[]> {
  return selectWorkshops(db).where('workshops.structure_id', '=', structureId).where('workshops.held_on', '=', day).orderBy('workshops.created_at', 'desc').execute();
}

/**
 * Who came to the given workshops: one row per booklet redeemed there (a redemption request), with
 * its holder's first name and birth or usage name (none for an anonymised person), its live tickets.
 */
export function listWorkshopParticipants(db: Executor, workshopIds: string[]) {
  return db
    .selectFrom('redemption_requests')
    .innerJoin('redemptions', 'redemptions.request_id', 'redemption_requests.id')
    .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .leftJoin('beneficiaries', 'beneficiaries.id', 'booklets.beneficiary_id')
    .select([
      'redemption_requests.workshop_id', 'redemption_requests.id as request_id', 'redemption_requests.created_at', 'booklets.serial as booklet_serial',
      'beneficiaries.first_name', 'beneficiaries.usage_name', 'beneficiaries.birth_name', 'beneficiaries.anonymised_at',
      'redemptions.undone_at', 'tickets.face_value_cents',
    ])
    .where('redemption_requests.workshop_id', 'in', workshopIds.length ? workshopIds : [''])
    .orderBy('redemption_requests.created_at')
    .orderBy('tickets.idx')
    .execute();
}

/**
 * The themes of the structure's latest redemptions (JSON arrays, one per ticket), newest first: what
 * its mediators usually record. Read through redemptions_by_structure_date, the index the day's list uses.
 */
export async function recentThemeLists(db: Executor, structureId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('redemptions')
    .innerJoin('redemption_requests', 'redemption_requests.id', 'redemptions.request_id')
    .select('redemption_requests.themes')
    .where('redemptions.structure_id', '=', structureId)
    .orderBy('redemptions.redeemed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.themes);
}
