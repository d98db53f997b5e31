import type { Executor } from './tx.ts';

/** A user with their territory, organisation and structure (for /api/me). */
export async function getProfile(db: Executor, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const territory = await db.selectFrom('territories').selectAll().where('id', '=', user.territory_id).executeTakeFirstOrThrow();
  const organisation = user.organisation_id
    ? await db.selectFrom('organisations').selectAll().where('id', '=', user.organisation_id).executeTakeFirst()
    : undefined;
  const structure = user.structure_id
    ? await db.selectFrom('structures').select(['id', 'name']).where('id', '=', user.structure_id).executeTakeFirst()
    : undefined;
  return { user, territory, organisation, structure };
}
