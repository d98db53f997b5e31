import { sql, type Kysely } from 'kysely';

// Beneficiaries, diagnostics, booklets and tickets, redemptions, sessions and bookings,
// claims and payments, outbox and jobs. The invariants that must hold once are constraints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('beneficiaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_name', 'text', (c) => c.notNull())
    .addColumn('usage_name', 'text')
    .addColumn('birth_date', 'text', (c) => c.notNull())
    // normalised "first|birth name|birth date" used for duplicate detection
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('contact_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('priority_markers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('opted_out_at', 'text')
    .addColumn('last_contact_at', 'text', (c) => c.notNull())
    .addColumn('anonymised_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('beneficiaries_by_person').on('beneficiaries').columns(['territory_id', 'person_key']).execute();
  await db.schema.createIndex('beneficiaries_by_org').on('beneficiaries').column('organisation_id').execute();

  await db.schema
    .createTable('diagnostic_models')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('diagnostics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('model_version', 'text', (c) => c.notNull().references('diagnostic_models.version'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'followup')`))
    .addColumn('previous_id', 'text', (c) => c.references('diagnostics.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('diagnostics_by_beneficiary').on('diagnostics').column('beneficiary_id').execute();

  await db.schema
    .createTable('print_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('booklet_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Serial sequences per campaign and commune (locked counter row).
  await db.schema
    .createTable('booklet_counters')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('booklet_counters_pk', ['campaign_id', 'commune_insee'])
    .execute();

  await db.schema
    .createTable('booklets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('in_stock', 'issued', 'cancelled', 'replaced')`),
    )
    .addColumn('beneficiary_id', 'text', (c) => c.references('beneficiaries.id'))
    .addColumn('person_key', 'text')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('issued_by', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('print_batch_id', 'text', (c) => c.references('print_batches.id'))
    .addColumn('replaces_booklet_id', 'text', (c) => c.references('booklets.id'))
    .addColumn('override_reason', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('one_booklet_per_person_per_campaign')
    .on('booklets')
    .columns(['campaign_id', 'person_key'])
    .unique()
    .where(sql.ref('status'), '=', 'issued')
    .execute();
  await db.schema.createIndex('booklets_by_beneficiary').on('booklets').column('beneficiary_id').execute();
  await db.schema.createIndex('booklets_by_campaign_status').on('booklets').columns(['campaign_id', 'status', 'commune_insee']).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booklet_id', 'text', (c) => c.notNull().references('booklets.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_encrypted', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('in_stock', 'issued', 'redeemed', 'claimed', 'paid', 'cancelled', 'expired', 'blocked')`,
        ),
    )
    .addColumn('blocked_from', 'text')
    .addColumn('face_value_cents', 'integer', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addColumn('redeemed_at', 'text')
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_ticket_per_code', ['code_hash'])
    .addUniqueConstraint('one_ticket_per_booklet_index', ['booklet_id', 'idx'])
    .execute();
  await db.schema.createIndex('tickets_by_status_validity').on('tickets').columns(['status', 'valid_until']).execute();
  await db.schema.createIndex('tickets_by_campaign_status').on('tickets').columns(['campaign_id', 'status']).execute();

  await db.schema
    .createTable('redemption_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('client_redemption_id', 'text', (c) => c.notNull())
    .addColumn('codes_fingerprint', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('individuel', 'collectif')`))
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 5 and 600`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_request_per_client_redemption_id', ['structure_id', 'client_redemption_id'])
    .execute();

  await db.schema
    .createTable('redemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('redemption_requests.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .addColumn('undo_reason', 'text')
    .execute();
  await db.schema
    .createIndex('one_live_redemption_per_ticket')
    .on('redemptions')
    .column('ticket_id')
    .unique()
    .where(sql.ref('undone_at'), 'is', null)
    .execute();
  await db.schema.createIndex('redemptions_by_structure_date').on('redemptions').columns(['structure_id', 'redeemed_at']).execute();
  await db.schema.createIndex('redemptions_by_request').on('redemptions').column('request_id').execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('individuel', 'collectif')`))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('capacity_never_exceeded', sql`booked <= capacity and booked >= 0`)
    .execute();
  await db.schema.createIndex('training_sessions_by_start').on('training_sessions').columns(['structure_id', 'starts_at']).execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('booked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addUniqueConstraint('one_booking_per_person_per_session', ['session_id', 'beneficiary_id'])
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'reviewed', 'ordered', 'paid')`),
    )
    .addColumn('attestation', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claims_by_structure').on('claims').columns(['structure_id', 'campaign_id', 'period']).execute();

  await db.schema
    .createTable('claim_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('redemption_id', 'text', (c) => c.notNull().references('redemptions.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'withdrawn')`),
    )
    .addColumn('reject_reason', 'text')
    .addColumn('contest_note', 'text')
    .execute();
  await db.schema
    .createIndex('one_live_claim_line_per_ticket')
    .on('claim_lines')
    .column('ticket_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('pending', 'approved')`)
    .execute();
  await db.schema.createIndex('claim_lines_by_claim').on('claim_lines').column('claim_id').execute();

  await db.schema
    .createTable('payment_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('issued', 'paid')`))
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('execution_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('payment_date', 'text')
    .addColumn('payment_reference', 'text')
    .execute();

  // Gapless statement numbers: a locked counter row per territory and year.
  await db.schema
    .createTable('statement_counters')
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_counters_pk', ['territory_id', 'year'])
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_order_id', 'text', (c) => c.notNull().references('payment_orders.id'))
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('account_holder', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('one_statement_per_number', ['territory_id', 'year', 'number'])
    .execute();

  await db.schema
    .createTable('payment_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
    .addColumn('claim_line_id', 'text', (c) => c.notNull().references('claim_lines.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addUniqueConstraint('one_payment_per_ticket', ['ticket_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.references('beneficiaries.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms', 'letter')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'held')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('outbox_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('outbox.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();

  await db.schema
    .createTable('job_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('summary', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'job_runs', 'job_locks', 'outbox_attempts', 'outbox', 'payment_lines', 'statements', 'statement_counters',
    'payment_orders', 'claim_lines', 'claims', 'bookings', 'training_sessions', 'redemptions', 'redemption_requests',
    'tickets', 'booklets', 'booklet_counters', 'print_batches', 'diagnostics', 'diagnostic_models', 'beneficiaries',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
