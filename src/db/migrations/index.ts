import type { Migration } from 'kysely';
import * as createSchema from './20261127000000_create_schema.ts';
import * as createBookletsAndMoney from './20261127000100_create_booklets_and_money.ts';
import * as insertDiagnosticModel from './20261127002000_insert_diagnostic_model.ts';
import * as createIssuanceIndexes from './20261127002100_create_issuance_indexes.ts';
import * as extendClaimsAndStatements from './20261127004000_extend_claims_and_statements.ts';
import * as addFollowupIndexes from './20261127005000_add_followup_indexes.ts';
import * as addActionListIndex from './20261127005100_add_action_list_index.ts';
import * as createAuditPending from './20261202010000_create_audit_pending.ts';
import * as createDashboardStats from './20261202020000_create_dashboard_stats.ts';
import * as coverCallListDormant from './20261202030000_cover_call_list_dormant.ts';
import * as dropRedundantTicketIndex from './20261202040000_drop_redundant_ticket_index.ts';
import * as separateMoneyDuties from './20261207100000_separate_money_duties.ts';
import * as insertDiagnosticModelV2 from './20261207200000_insert_diagnostic_model_v2.ts';
import * as addDiagnosticBaselineAndAutonomy from './20261207200100_add_diagnostic_baseline_and_autonomy.ts';
import * as addTotpLastStep from './20261207300000_add_totp_last_step.ts';
import * as indexJobRuns from './20261207400000_index_job_runs.ts';
import * as createProconnectTables from './20261207500000_create_proconnect_tables.ts';
import * as addWorkshopsAndTerritoryContact from './20261207600000_add_workshops_and_territory_contact.ts';
import * as addReminderChannels from './20261207700000_add_reminder_channels.ts';
import * as addOneMairiePerCommune from './20261207700100_add_one_mairie_per_commune.ts';
import * as addApiTokenExpiry from './20261208200000_add_api_token_expiry.ts';
import * as createSecurityLog from './20261208200100_create_security_log.ts';
import * as addPaymentModeAndImputation from './20261208300000_add_payment_mode_and_imputation.ts';
import * as createPersonalDataRequests from './20261208300500_create_personal_data_requests.ts';
import * as keyAuditChain from './20261208400000_key_audit_chain.ts';

/** Every migration, by name (sorted). Add one line per new migration file; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '20261127000000_create_schema': createSchema,
  '20261127000100_create_booklets_and_money': createBookletsAndMoney,
  '20261127002000_insert_diagnostic_model': insertDiagnosticModel,
  '20261127002100_create_issuance_indexes': createIssuanceIndexes,
  '20261127004000_extend_claims_and_statements': extendClaimsAndStatements,
  '20261127005000_add_followup_indexes': addFollowupIndexes,
  '20261127005100_add_action_list_index': addActionListIndex,
  '20261202010000_create_audit_pending': createAuditPending,
  '20261202020000_create_dashboard_stats': createDashboardStats,
  '20261202030000_cover_call_list_dormant': coverCallListDormant,
  '20261202040000_drop_redundant_ticket_index': dropRedundantTicketIndex,
  '20261207100000_separate_money_duties': separateMoneyDuties,
  '20261207200000_insert_diagnostic_model_v2': insertDiagnosticModelV2,
  '20261207200100_add_diagnostic_baseline_and_autonomy': addDiagnosticBaselineAndAutonomy,
  '20261207300000_add_totp_last_step': addTotpLastStep,
  '20261207400000_index_job_runs': indexJobRuns,
  '20261207500000_create_proconnect_tables': createProconnectTables,
  '20261207600000_add_workshops_and_territory_contact': addWorkshopsAndTerritoryContact,
  '20261207700000_add_reminder_channels': addReminderChannels,
  '20261207700100_add_one_mairie_per_commune': addOneMairiePerCommune,
  '20261208200000_add_api_token_expiry': addApiTokenExpiry,
  '20261208200100_create_security_log': createSecurityLog,
  '20261208300000_add_payment_mode_and_imputation': addPaymentModeAndImputation,
  '20261208300500_create_personal_data_requests': createPersonalDataRequests,
  '20261208400000_key_audit_chain': keyAuditChain,
};
