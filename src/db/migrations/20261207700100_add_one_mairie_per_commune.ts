import { sql, type Kysely } from 'kysely';

// "Create one mairie per commune" may be pressed twice, or by two admins at once: the database
// keeps a single town hall per commune of a territory (other organisations are not limited).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('one_mairie_per_commune').unique().on('organisations').columns(['territory_id', 'commune_insee']).where(sql.ref('kind'), '=', 'mairie').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('one_mairie_per_commune').execute();
}
