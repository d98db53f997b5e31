import { sql } from 'kysely';
import type { Executor } from './tx.ts';

/** The territory's structure with this SIRET (one per SIRET and territory, a constraint). */
export function findStructureBySiret(db: Executor, territoryId: string, siret: string) {
  return db.selectFrom('structures').selectAll().where('territory_id', '=', territoryId).where('siret', '=', siret).executeTakeFirst();
}

/** A structure's site at this address and postal code (case and spacing ignored). */
export function findSiteByAddress(db: Executor, structureId: string, address: string, postalCode: string) {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('structure_id', '=', structureId)
    .where('postal_code', '=', postalCode)
    .where(sql`lower(trim(address))`, '=', address.trim().toLowerCase())
    .orderBy('created_at')
    .executeTakeFirst();
}
