import { sql, type Kysely } from 'kysely';

// One portable schema for SQLite and PostgreSQL: text ids, integer cents, YYYY-MM-DD dates,
// ISO-8601 UTC instants, integer 0/1 flags, JSON in text. Constraints named by intent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('territories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('epci', 'departement')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_territory_per_code', ['kind', 'code'])
    .execute();

  await db.schema
    .createTable('communes')
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('insee_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('postal_codes', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('communes_pk', ['territory_id', 'insee_code'])
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('siret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'open', 'closed')`))
    .addColumn('tickets_per_booklet', 'integer', (c) => c.notNull().check(sql`tickets_per_booklet between 1 and 50`))
    .addColumn('face_value_cents', 'integer', (c) => c.notNull().check(sql`face_value_cents > 0`))
    .addColumn('issuance_start', 'text', (c) => c.notNull())
    .addColumn('issuance_end', 'text', (c) => c.notNull())
    .addColumn('validity_end', 'text', (c) => c.notNull())
    .addColumn('claim_deadline', 'text', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull().check(sql`budget_cents >= 0`))
    .addColumn('eligible_services', 'text', (c) => c.notNull())
    .addColumn('diagnostic_threshold', 'text', (c) => c.notNull())
    .addColumn('quota_fixed', 'integer', (c) => c.notNull())
    .addColumn('quota_weighted_total', 'integer', (c) => c.notNull())
    .addColumn('allow_replacement', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_campaign_name_per_territory', ['territory_id', 'name'])
    .execute();

  // `issued` is the counter that the quota guard updates conditionally (issued < quota).
  await db.schema
    .createTable('commune_quotas')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quota', 'integer', (c) => c.notNull().check(sql`quota >= 0`))
    .addColumn('issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('commune_quotas_pk', ['campaign_id', 'commune_insee'])
    .addCheckConstraint('quota_never_exceeded', sql`issued <= quota and issued >= 0`)
    .execute();

  await db.schema
    .createTable('structures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('siret', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('typology', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('presentation', 'text')
    .addColumn('services', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publics', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('specific_support', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fees', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('national_programmes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('access_modes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('support_modes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('iban', 'text')
    .addColumn('bic', 'text')
    .addColumn('account_holder', 'text')
    .addColumn('bank_status', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`bank_status in ('none', 'pending', 'verified')`),
    )
    .addColumn('bank_updated_at', 'text')
    .addColumn('bank_verified_at', 'text')
    .addColumn('bank_verified_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_structure_per_siret_per_territory', ['territory_id', 'siret'])
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text')
    .addColumn('phone', 'text')
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_by_structure').on('sites').column('structure_id').execute();

  await db.schema
    .createTable('accreditations')
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('applied', 'accredited', 'suspended', 'withdrawn')`),
    )
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('one_accreditation_per_structure_per_campaign', ['structure_id', 'campaign_id'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'finance', 'agent', 'structure_manager', 'mediator', 'auditor')`),
    )
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovery_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_account_per_email', ['email'])
    .addCheckConstraint(
      'user_scope_matches_role',
      sql`(role = 'agent' and organisation_id is not null) or (role in ('structure_manager', 'mediator') and structure_id is not null) or role in ('admin', 'finance', 'auditor')`,
    )
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('totp_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addCheckConstraint(
      'token_scoped_to_one_owner',
      sql`(structure_id is null) <> (organisation_id is null)`,
    )
    .execute();

  // Counters for throttling (login, ticket checks): one row per key and window.
  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, last_seq: 0, last_hash: '' }).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_by_target').on('audit_log').columns(['target_type', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log', 'audit_head', 'throttle', 'api_tokens', 'password_links', 'sessions', 'users',
    'accreditations', 'sites', 'structures', 'commune_quotas', 'campaigns', 'organisations', 'communes', 'territories',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
