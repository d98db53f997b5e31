import type { Executor } from './tx.ts';

export async function insertOrganisation(
  db: Executor,
  o: { id: string; territoryId: string; kind: string; name: string; communeInsee: string; siret?: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('organisations')
    .values({
      id: o.id,
      territory_id: o.territoryId,
      kind: o.kind,
      name: o.name,
      commune_insee: o.communeInsee,
      siret: o.siret ?? null,
      created_at: o.createdAt,
    })
    .execute();
}

export function getOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOrganisations(db: Executor, territoryId: string) {
  return db.selectFrom('organisations').selectAll().where('territory_id', '=', territoryId).orderBy('name').execute();
}
