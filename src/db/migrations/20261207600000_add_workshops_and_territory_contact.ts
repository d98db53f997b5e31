import { sql, type Kysely } from 'kysely';

// A collective workshop is recorded once (themes, duration, site) and each participant's booklet is
// then redeemed on its own, all or nothing, tagged with the workshop: the workshop lists who came.
// The territory carries the programme's help contact (printed on booklets, shown to mediators of a
// structure that is not accredited) and the logo of the public pages' header.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workshops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'text')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 5 and 600`))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workshops_by_structure_day').on('workshops').columns(['structure_id', 'held_on']).execute();
  await db.schema.alterTable('redemption_requests').addColumn('workshop_id', 'text', (c) => c.references('workshops.id')).execute();
  await db.schema.createIndex('redemption_requests_by_workshop').on('redemption_requests').column('workshop_id').where(sql.ref('workshop_id'), 'is not', null).execute();

  for (const column of ['help_phone', 'help_email', 'help_address', 'logo_url']) {
    await db.schema.alterTable('territories').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['help_phone', 'help_email', 'help_address', 'logo_url']) {
    await db.schema.alterTable('territories').dropColumn(column).execute();
  }
  await db.schema.dropIndex('redemption_requests_by_workshop').execute();
  await db.schema.alterTable('redemption_requests').dropColumn('workshop_id').execute();
  await db.schema.dropTable('workshops').execute();
}
