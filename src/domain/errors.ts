/** The closed list of business refusals; http/ maps each to a status. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'invalid_credentials'
  | 'totp_required'
  | 'rate_limited'
  | 'campaign_not_draft'
  | 'campaign_closed'
  | 'invalid_transition'
  | 'outside_territory'
  | 'duplicate_beneficiary'
  | 'quota_exhausted'
  | 'not_eligible'
  | 'session_full'
  | 'invalid_code'
  | 'already_redeemed'
  | 'expired'
  | 'cancelled'
  | 'blocked'
  | 'not_issued'
  | 'structure_not_accredited'
  | 'replay_mismatch'
  | 'already_claimed'
  | 'claim_locked'
  | 'claim_deadline_passed'
  | 'bank_not_verified'
  | 'already_paid'
  | 'not_released'
  | 'erasure_refused'
  | 'already_reviewed'
  | 'mixed_campaigns'
  | 'campaign_not_finished'
  | 'wrong_payment_mode'
  | 'imputation_missing';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageFr: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageFr);
    this.name = 'DomainError';
  }
}

/** A validation refusal naming the field, e.g. invalid('birthDate', 'La date de naissance ...'). */
export function invalid(field: string, messageFr: string): DomainError {
  return new DomainError('validation_failed', messageFr, { field });
}
