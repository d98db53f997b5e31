import { sql, type Kysely } from 'kysely';

// Issue #18: the diagnostic measures progress only if each person has one baseline, follow-ups
// record what the person could do alone per need, and sessions record observed autonomy.
// - campaigns.eligibility_rule: how the campaign reads the diagnostic (domain/eligibility.ts);
// - diagnostics.need_outcomes: per need of the baseline, « Avez-vous pu le faire vous-même ? »;
//   diagnostics.updated_at: set when the baseline is edited (re-diagnosis on the same day);
// - one_baseline_per_person: a person has at most one initial diagnostic, so that a second intake
//   cannot silently replace the baseline; earlier extra initial diagnostics become follow-ups of
//   the first (what they were: later answers of the same person);
// - session_autonomy: the person's autonomy on each theme worked, recorded with the redemption
//   (the Coop's three-step scale).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('eligibility_rule', 'text', (c) => c.notNull().defaultTo('need_areas')).execute();
  await db.schema.alterTable('diagnostics').addColumn('need_outcomes', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('diagnostics').addColumn('updated_at', 'text').execute();

  // The first initial (by date, then id) stays; it is never updated, so a row-by-row engine sees
  // it as a set-based one does.
  await sql`
    update diagnostics
    set kind = 'followup',
        previous_id = (select f.id from diagnostics f where f.beneficiary_id = diagnostics.beneficiary_id and f.kind = 'initial'
                       order by f.created_at, f.id limit 1)
    where kind = 'initial'
      and exists (select 1 from diagnostics e where e.beneficiary_id = diagnostics.beneficiary_id and e.kind = 'initial'
                  and (e.created_at < diagnostics.created_at or (e.created_at = diagnostics.created_at and e.id < diagnostics.id)))
  `.execute(db);
  await db.schema
    .createIndex('one_baseline_per_person')
    .on('diagnostics')
    .column('beneficiary_id')
    .unique()
    .where(sql.ref('kind'), '=', 'initial')
    .execute();

  await db.schema
    .createTable('session_autonomy')
    .addColumn('request_id', 'text', (c) => c.notNull().references('redemption_requests.id'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('EntierementAccompagne', 'PartiellementAutonome', 'Autonome')`))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('one_level_per_session_theme', ['request_id', 'theme'])
    .execute();
  await db.schema.createIndex('session_autonomy_by_beneficiary').on('session_autonomy').columns(['beneficiary_id', 'recorded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_autonomy').execute();
  await db.schema.dropIndex('one_baseline_per_person').execute();
  await db.schema.alterTable('diagnostics').dropColumn('updated_at').execute();
  await db.schema.alterTable('diagnostics').dropColumn('need_outcomes').execute();
  await db.schema.alterTable('campaigns').dropColumn('eligibility_rule').execute();
}
