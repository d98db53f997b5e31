import type { Generated } from 'kysely';
// Kysely table types. Column names mirror the migrations; flags are 0/1 integers.
export interface TerritoryTable {
  id: string; kind: 'epci' | 'departement'; code: string; name: string; created_at: string;
  /** Declared single-finance-officer exception: who co-signs payment orders outside the system. */
  single_finance_cosigner?: string | null;
  help_phone: string | null; help_email: string | null; help_address: string | null; logo_url: string | null;
  /** How the territory pays (domain/payment-mode.ts): mandats via the comptable public, or SEPA files. */
  payment_mode?: 'mandat' | 'sepa';
}
export interface CommuneTable { territory_id: string; insee_code: string; name: string; postal_codes: string; population: number }
export interface OrganisationTable {
  id: string; territory_id: string; kind: string; name: string; commune_insee: string; siret: string | null; created_at: string;
}
export interface CampaignTable {
  id: string; territory_id: string; name: string; year: number; status: 'draft' | 'open' | 'closed';
  tickets_per_booklet: number; face_value_cents: number; issuance_start: string; issuance_end: string;
  validity_end: string; claim_deadline: string; budget_cents: number; eligible_services: string;
  diagnostic_threshold: string; quota_fixed: number; quota_weighted_total: number; allow_replacement: number;
  created_at: string; updated_at: string;
  /** 1 = payment orders may mix this campaign with others (issue #5 migration). */
  allow_mixed_orders?: number;
  /** How the diagnostic decides eligibility (issue #18 migration; domain/eligibility.ts). */
  eligibility_rule?: string;
  /** Budget year and imputation the mandats of this campaign are charged to (issue #17, point 5). */
  budget_year?: number | null; imputation_nature?: string | null; imputation_fonction?: string | null;
}
export interface CommuneQuotaTable { campaign_id: string; commune_insee: string; weight: number; quota: number; issued: number }
export interface StructureTable {
  id: string; territory_id: string; siret: string; name: string; typology: string; email: string | null;
  phone: string | null; website: string | null; presentation: string | null; services: string; publics: string;
  specific_support: string; fees: string; national_programmes: string; access_modes: string; support_modes: string;
  iban: string | null; bic: string | null; account_holder: string | null; bank_status: 'none' | 'pending' | 'verified';
  bank_updated_at: string | null; bank_verified_at: string | null; bank_verified_by: string | null;
  created_at: string; updated_at: string;
  bank_updated_by: string | null; bank_document_id: string | null;
  /** INSEE catégorie juridique (4 digits), asked by the finance software to create a creditor. */
  legal_category: string | null;
}
export interface BankDocumentTable {
  id: string; structure_id: string; filename: string; mime_type: 'application/pdf' | 'image/png' | 'image/jpeg'; size_bytes: number;
  sha256: string; content: string; uploaded_by: string; uploaded_at: string;
}
export interface SiteTable {
  id: string; structure_id: string; name: string; address: string; commune_insee: string; postal_code: string;
  opening_hours: string | null; phone: string | null; latitude: number | null; longitude: number | null; created_at: string;
}
export interface AccreditationTable {
  structure_id: string; campaign_id: string; status: 'applied' | 'accredited' | 'suspended' | 'withdrawn';
  applied_at: string; decided_at: string | null; decided_by: string | null; reason: string | null;
}
export type Role = 'admin' | 'finance' | 'agent' | 'structure_manager' | 'mediator' | 'auditor';
export interface UserTable {
  id: string; territory_id: string; email: string; display_name: string; role: Role; organisation_id: string | null;
  structure_id: string | null; password_hash: string | null; totp_secret: string | null; totp_enabled: number;
  recovery_codes: string; disabled_at: string | null; created_at: string;
  /** The last TOTP time step accepted (a code works once). */
  totp_last_step?: number | null;
}
export interface SessionTable {
  id_hash: string; user_id: string; csrf_token: string; created_at: string; last_seen_at: string; totp_pending: number;
}
export interface PasswordLinkTable { token_hash: string; user_id: string; created_at: string; expires_at: string; used_at: string | null }
export interface ApiTokenTable {
  id: string; token_hash: string; name: string; territory_id: string; structure_id: string | null;
  organisation_id: string | null; created_by: string; created_at: string; last_used_at: string | null; revoked_at: string | null;
  /** Set on every token (migration 20261208200000 filled older ones); a token past it is refused. */
  expires_at: string;
}
/** One line of the security log (migration 20261208200100): ids and addresses, no personal data. */
export interface SecurityLogTable {
  id: string; at: string; action: string; territory_id: string | null; actor_kind: string; actor_id: string | null; actor_role: string | null;
  target_type: string | null; target_id: string | null; status: number; ip: string | null; detail: string | null;
}
export interface ThrottleTable { key: string; count: number; window_start: string; blocked_until: string | null }
/** `keyed_from`: first entry hashed with the audit key; `head_mac`: the head sealed under it (null until the first keyed chaining). */
export interface AuditHeadTable { id: number; last_seq: number; last_hash: string; keyed_from: Generated<number>; head_mac: string | null }
/** Signed checkpoints of the chain's head handed out by the programme (statements, monthly claim summary). */
export interface AuditCheckpointTable { id: string; seq: number; hash: string; at: string; mac: string; purpose: string }
export interface AuditLogTable {
  seq: number; at: string; territory_id: string | null; actor_id: string | null; actor_label: string; action: string;
  target_type: string; target_id: string; details: string; prev_hash: string; hash: string;
}
/** Audit entries staged by the redemption path, chained later (ADR 13). */
export interface AuditPendingTable {
  id: Generated<number>; at: string; territory_id: string | null; actor_id: string | null; actor_label: string; action: string;
  target_type: string; target_id: string; details: string;
}
export interface BeneficiaryTable {
  id: string; territory_id: string; organisation_id: string; first_name: string; birth_name: string;
  usage_name: string | null; birth_date: string; person_key: string; search_text: string; commune_insee: string;
  address: string | null; phone: string | null; email: string | null; contact_consent: number; consent_at: string;
  priority_markers: string; opted_out_at: string | null; last_contact_at: string; anonymised_at: string | null;
  created_by: string; created_at: string;
  /** Age band kept at anonymisation, e.g. '60-74' (issue #7 migration). */
  age_band?: string | null;
  /** JSON list of the channels the person agreed to ('sms', 'email', 'letter'); null: any given contact (earlier consent). */
  reminder_channels?: string | null;
}
export interface DiagnosticModelTable { version: string; model: string; is_current: number; created_at: string }
export interface DiagnosticTable {
  id: string; beneficiary_id: string; model_version: string; kind: 'initial' | 'followup'; previous_id: string | null;
  answers: string; needs: string; scores: string; profile: string; created_by: string; created_at: string;
  /** Follow-ups: { [needId]: NeedOutcome } (issue #18 migration); set when the baseline is edited the same day. */
  need_outcomes?: string; updated_at?: string | null;
}
/** The person's autonomy on a theme worked in a session, on the Coop's scale (issue #18). */
export interface SessionAutonomyTable { request_id: string; theme: string; beneficiary_id: string; level: string; recorded_at: string }
export interface PrintBatchTable {
  id: string; campaign_id: string; commune_insee: string; booklet_count: number; created_by: string; created_at: string;
}
export interface BookletCounterTable { campaign_id: string; commune_insee: string; last_sequence: number }
export type BookletStatus = 'in_stock' | 'issued' | 'cancelled' | 'replaced';
export interface BookletTable {
  id: string; campaign_id: string; serial: string; commune_insee: string; status: BookletStatus;
  beneficiary_id: string | null; person_key: string | null; organisation_id: string | null; issued_by: string | null;
  issued_at: string | null; print_batch_id: string | null; replaces_booklet_id: string | null;
  override_reason: string | null; cancel_reason: string | null; created_at: string;
}
export type TicketStatus = 'in_stock' | 'issued' | 'redeemed' | 'claimed' | 'paid' | 'cancelled' | 'expired' | 'blocked';
export interface TicketTable {
  id: string; booklet_id: string; campaign_id: string; idx: number; serial: string; code_hash: string;
  code_encrypted: string | null; status: TicketStatus; blocked_from: TicketStatus | null; face_value_cents: number;
  valid_until: string; issued_at: string | null; redeemed_at: string | null; structure_id: string | null; updated_at: string;
}
export interface RedemptionRequestTable {
  id: string; structure_id: string; client_redemption_id: string; codes_fingerprint: string; site_id: string;
  format: 'individuel' | 'collectif'; themes: string; duration_minutes: number; actor_id: string; created_at: string;
  workshop_id: string | null;
}
export interface WorkshopTable {
  id: string; structure_id: string; site_id: string; title: string | null; themes: string; duration_minutes: number;
  held_on: string; created_by: string; created_at: string;
}
export interface RedemptionTable {
  id: string; request_id: string; ticket_id: string; structure_id: string; campaign_id: string; redeemed_at: string;
  undone_at: string | null; undone_by: string | null; undo_reason: string | null;
}
export interface TrainingSessionTable {
  id: string; structure_id: string; site_id: string; title: string; theme: string; format: 'individuel' | 'collectif';
  starts_at: string; duration_minutes: number; capacity: number; booked: number; created_at: string;
}
export interface BookingTable {
  id: string; session_id: string; beneficiary_id: string; booked_by: string; created_at: string; cancelled_at: string | null;
}
export type ClaimStatus = 'draft' | 'submitted' | 'reviewed' | 'ordered' | 'paid';
export interface ClaimTable {
  id: string; structure_id: string; campaign_id: string; period: string; status: ClaimStatus; attestation: string | null;
  submitted_at: string | null; submitted_by: string | null; reviewed_at: string | null; reviewed_by: string | null;
  created_at: string;
}
export interface ClaimLineTable {
  id: string; claim_id: string; ticket_id: string; redemption_id: string; amount_cents: number;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn'; reject_reason: string | null; contest_note: string | null;
  created_at?: string | null; reviewed_at?: string | null; reviewed_by?: string | null; contested_at?: string | null;
  withdrawn_at?: string | null;
}
export interface PaymentOrderTable {
  id: string; territory_id: string; status: 'issued' | 'paid'; total_cents: number; execution_date: string;
  created_by: string; created_at: string; paid_at: string | null; payment_date: string | null; payment_reference: string | null;
  /** Released by a second finance officer (null: prepared, no payment file yet). */
  released_at?: string | null; released_by?: string | null; release_cosigner?: string | null;
  /** The territory's payment mode when the order was prepared; never changes afterwards. */
  payment_mode?: 'mandat' | 'sepa';
}
export interface StatementCounterTable { territory_id: string; year: number; last_number: number }
export interface StatementTable {
  id: string; payment_order_id: string; structure_id: string; territory_id: string; year: number; number: number;
  amount_cents: number; iban: string; bic: string | null; account_holder: string; created_at: string;
  paid_at?: string | null; payment_date?: string | null; payment_reference?: string | null;
}
export interface PaymentLineTable { id: string; statement_id: string; claim_line_id: string; ticket_id: string; amount_cents: number }
export interface OutboxTable {
  id: string; territory_id: string; beneficiary_id: string | null; channel: 'email' | 'sms' | 'letter'; kind: string;
  dedupe_key: string; recipient: string; subject: string; body: string; status: 'pending' | 'sent' | 'failed' | 'held';
  attempts: number; next_attempt_at: string; sent_at: string | null; last_error: string | null; created_at: string;
}
export interface OutboxAttemptTable { id: string; message_id: string; at: string; ok: number; error: string | null }
export interface JobLockTable { name: string; holder: string; locked_until: string }
export interface JobRunTable { id: string; name: string; started_at: string; finished_at: string | null; summary: string | null }

/** Dashboards' maintained aggregates (src/repositories/stats.ts). */
interface StatsCellColumns {
  stat: string; campaign_id: string; month: string; d1: string; d2: string; d3: string; n1: number; n2: number; n3: number; n4: number;
}
export type StatsCellTable = StatsCellColumns;
export interface StatsPendingTable extends StatsCellColumns { seq: Generated<number> }
export interface CallListTable {
  beneficiary_id: string; campaign_id: string; territory_id: string; organisation_id: string; sort_name: string; handed_out_at: string;
  unused: number; unused_cents: number; valid_until: string; used: number;
}
export interface StatsStateTable { id: number; rebuilt_at: string }
export interface ProconnectLinkTable { user_id: string; issuer: string; sub: string; linked_at: string; refuses_password: number }
export interface ProconnectFlowTable {
  id_hash: string; kind: 'login' | 'logout'; state: string; nonce: string | null; code_verifier: string | null; mfa_required: number;
  created_at: string; consumed_at: string | null; outcome: string | null;
}
export interface ProconnectSessionTable { session_id_hash: string; id_token: string; created_at: string }

/** One personal-data request of the register (migration 20261208300500). */
export interface PersonalDataRequestTable {
  id: string; territory_id: string; organisation_id: string | null; beneficiary_id: string | null; requester_name: string | null;
  kind: string; channel: string; received_on: string; due_on: string; status: string; extension_reason: string | null;
  extended_by: string | null; extended_at: string | null; closing_note: string | null; answered_on: string | null;
  closed_by: string | null; recorded_by: string | null; recorded_at: string;
}
export interface DB {
  territories: TerritoryTable; communes: CommuneTable; organisations: OrganisationTable; campaigns: CampaignTable;
  commune_quotas: CommuneQuotaTable; structures: StructureTable; sites: SiteTable; accreditations: AccreditationTable;
  users: UserTable; sessions: SessionTable; password_links: PasswordLinkTable; api_tokens: ApiTokenTable;
  security_log: SecurityLogTable; throttle: ThrottleTable; audit_head: AuditHeadTable; audit_log: AuditLogTable; audit_pending: AuditPendingTable; audit_checkpoints: AuditCheckpointTable; beneficiaries: BeneficiaryTable;
  diagnostic_models: DiagnosticModelTable; diagnostics: DiagnosticTable; session_autonomy: SessionAutonomyTable; print_batches: PrintBatchTable;
  booklet_counters: BookletCounterTable; booklets: BookletTable; tickets: TicketTable;
  redemption_requests: RedemptionRequestTable; workshops: WorkshopTable; redemptions: RedemptionTable; training_sessions: TrainingSessionTable;
  bookings: BookingTable; claims: ClaimTable; claim_lines: ClaimLineTable; payment_orders: PaymentOrderTable;
  statement_counters: StatementCounterTable; statements: StatementTable; payment_lines: PaymentLineTable;
  stats_cells: StatsCellTable; stats_pending: StatsPendingTable; call_list: CallListTable; stats_state: StatsStateTable;
  bank_documents: BankDocumentTable;
  outbox: OutboxTable; outbox_attempts: OutboxAttemptTable; job_locks: JobLockTable; job_runs: JobRunTable;
  proconnect_links: ProconnectLinkTable; proconnect_flows: ProconnectFlowTable; proconnect_sessions: ProconnectSessionTable;
  personal_data_requests: PersonalDataRequestTable;
}
