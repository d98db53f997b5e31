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

export async function updateOrganisationRow(db: Executor, id: string, territoryId: string, o: { kind: string; name: string; communeInsee: string; siret: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('organisations')
    .set({ kind: o.kind, name: o.name, commune_insee: o.communeInsee, siret: o.siret })
    .where('id', '=', id)
    .where('territory_id', '=', territoryId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active agents per organisation of the territory. */
export async function agentCounts(db: Executor, territoryId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('territory_id', '=', territoryId)
    .where('role', '=', 'agent')
    .where('disabled_at', 'is', null)
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.filter((r) => r.organisation_id).map((r) => [r.organisation_id!, Number(r.n)]));
}
