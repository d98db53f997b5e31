import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeDatabaseError } from '../db/database-errors.ts';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';

/** The one table mapping business refusals to HTTP statuses. */
export const STATUS: Record<DomainErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  invalid_credentials: 401,
  totp_required: 401,
  rate_limited: 429,
  campaign_not_draft: 409,
  campaign_closed: 409,
  invalid_transition: 409,
  outside_territory: 422,
  duplicate_beneficiary: 409,
  quota_exhausted: 409,
  not_eligible: 422,
  session_full: 409,
  invalid_code: 404,
  already_redeemed: 409,
  expired: 409,
  cancelled: 409,
  blocked: 409,
  not_issued: 409,
  structure_not_accredited: 403,
  replay_mismatch: 422,
  already_claimed: 409,
  claim_locked: 409,
  claim_deadline_passed: 409,
  bank_not_verified: 409,
  already_paid: 409,
  not_released: 409,
  erasure_refused: 409,
  already_reviewed: 409,
  mixed_campaigns: 409,
  campaign_not_finished: 409,
  wrong_payment_mode: 409,
  imputation_missing: 409,
};

function describeValidation(error: FastifyError): { message: string; field: string; issues: unknown[] } {
  const issues = (error.validation ?? []) as { instancePath?: string; message?: string; params?: { issue?: { path?: (string | number)[] } } }[];
  const first = issues[0];
  const path = first?.params?.issue?.path ?? first?.instancePath?.split('/').filter(Boolean) ?? [];
  const field = path.join('.') || (error.validationContext ?? 'requête');
  return {
    field,
    message: `Le champ « ${field} » n’est pas valide : ${first?.message ?? 'valeur incorrecte'}.`,
    issues: issues.map((i) => ({ field: (i.params?.issue?.path ?? []).join('.'), message: i.message })),
  };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const status = STATUS[error.code];
    if (error.code === 'rate_limited' && typeof error.details?.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(error.details.retryAfterSeconds));
    }
    return reply.status(status).send({ code: error.code, message: error.messageFr, details: error.details ?? {} });
  }
  if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
    const { message, field, issues } = describeValidation(error);
    return reply.status(400).send({ code: 'validation_failed', message, details: { field, issues } });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const message =
      error.statusCode === 415
        ? 'Format de requête non pris en charge (JSON attendu).'
        : error.statusCode === 413
          ? 'La requête est trop volumineuse.'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? 'Le corps de la requête n’est pas un JSON valide.'
            : error.statusCode === 429
              ? 'Trop de requêtes. Réessayez dans un instant.'
              : 'Requête incorrecte.';
    return reply.status(error.statusCode).send({ code: error.statusCode === 429 ? 'rate_limited' : 'bad_request', message, details: {} });
  }
  // The database failed (disk full, server restarted or unreachable): the operation was not
  // recorded (its transaction rolled back); the client may retry once the cause is gone.
  const fault = describeDatabaseError(error);
  if (fault) {
    request.log.error({ err: error, reqId: request.id, fault: fault.kind }, 'database unavailable');
    void reply.header('retry-after', '30');
    return reply.status(503).send({ code: 'service_unavailable', message: `${fault.messageFr} Référence : ${request.id}.`, details: { requestId: request.id, cause: fault.kind } });
  }
  request.log.error({ err: error, reqId: request.id }, 'unexpected error');
  return reply.status(500).send({
    code: 'internal_error',
    message: `Une erreur inattendue est survenue. Référence : ${request.id}.`,
    details: { requestId: request.id },
  });
}
