import { sql, type Kysely } from 'kysely';

// The register of personal-data requests (RGPD articles 15, 16, 17 and 21; issue 21, point 9):
// one row per request received, its deadline (src/domain/personal-data-request.ts) and its answer.
// The person may not be found: then only the name as the requester wrote it is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('personal_data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    // The organisation whose agents handle it: the person's, else the recording agent's (null when recorded by the admin).
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.references('beneficiaries.id'))
    .addColumn('requester_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'rectification', 'erasure', 'opposition')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('guichet', 'courrier', 'email')`))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'extended', 'answered', 'refused')`))
    .addColumn('extension_reason', 'text')
    .addColumn('extended_by', 'text', (c) => c.references('users.id'))
    .addColumn('extended_at', 'text')
    .addColumn('closing_note', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('personal_data_request_names_someone', sql`beneficiary_id is not null or requester_name is not null`)
    .addCheckConstraint('personal_data_request_refusal_has_reason', sql`status <> 'refused' or closing_note is not null`)
    .addCheckConstraint('personal_data_request_extension_has_reason', sql`status <> 'extended' or extension_reason is not null`)
    .execute();
  await db.schema.createIndex('personal_data_requests_open').on('personal_data_requests').columns(['territory_id', 'status', 'due_on']).execute();
  // One open request of each kind per person: a second one received meanwhile joins the first.
  await db.schema
    .createIndex('one_open_personal_data_request_per_kind')
    .on('personal_data_requests')
    .columns(['beneficiary_id', 'kind'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('open', 'extended')`)
    .execute();
  await db.schema.createIndex('personal_data_requests_beneficiary').on('personal_data_requests').column('beneficiary_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('personal_data_requests').ifExists().execute();
}
