import type { Executor } from './tx.ts';

export interface CommuneRow { inseeCode: string; name: string; postalCodes: string[]; population: number }

export async function findTerritoryByCode(db: Executor, kind: 'epci' | 'departement', code: string) {
  return db.selectFrom('territories').selectAll().where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
}

export async function getTerritory(db: Executor, id: string) {
  return db.selectFrom('territories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The territory an instance serves when it serves exactly one, for the pages nobody signed in to. */
export async function soleTerritory(db: Executor) {
  const rows = await db.selectFrom('territories').selectAll().limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

/** The programme's help contact and the public pages' logo (null clears a field). */
export async function updateTerritoryContact(
  db: Executor,
  id: string,
  c: Partial<{ help_phone: string | null; help_email: string | null; help_address: string | null; logo_url: string | null }>,
): Promise<boolean> {
  const r = await db.updateTable('territories').set(c).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The territory's payment mode (domain/payment-mode.ts). */
export async function setTerritoryPaymentMode(db: Executor, id: string, mode: 'mandat' | 'sepa'): Promise<boolean> {
  const r = await db.updateTable('territories').set({ payment_mode: mode }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTerritory(
  db: Executor,
  t: { id: string; kind: 'epci' | 'departement'; code: string; name: string; createdAt: string },
  communes: CommuneRow[],
): Promise<void> {
  await db.insertInto('territories').values({ id: t.id, kind: t.kind, code: t.code, name: t.name, created_at: t.createdAt }).execute();
  await db
    .insertInto('communes')
    .values(
      communes.map((c) => ({
        territory_id: t.id,
        insee_code: c.inseeCode,
        name: c.name,
        postal_codes: c.postalCodes.join(','),
        population: c.population,
      })),
    )
    .execute();
}

export async function listCommunes(db: Executor, territoryId: string): Promise<CommuneRow[]> {
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where('territory_id', '=', territoryId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    inseeCode: r.insee_code,
    name: r.name,
    postalCodes: r.postal_codes ? r.postal_codes.split(',') : [],
    population: r.population,
  }));
}

export async function findCommune(db: Executor, territoryId: string, inseeCode: string) {
  return db
    .selectFrom('communes')
    .selectAll()
    .where('territory_id', '=', territoryId)
    .where('insee_code', '=', inseeCode)
    .executeTakeFirst();
}
