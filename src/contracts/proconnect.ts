import { z } from 'zod';

/** Whether the sign-in page offers the ProConnect button (only when the deployment configured it). */
export const ProConnectStatus = z.object({ enabled: z.boolean() });

export const ProConnectRefusalReason = z.enum([
  'flow_expired',
  'state_mismatch',
  'provider_error',
  'token_invalid',
  'claims_missing',
  'unknown_person',
  'siret_mismatch',
  'linked_elsewhere',
  'account_disabled',
  'mfa_required',
]);
export type ProConnectRefusalReasonDto = z.infer<typeof ProConnectRefusalReason>;

/** Why the last ProConnect sign-in in this browser did not open a session, with what helps the person. */
export const ProConnectRefusal = z.object({
  reason: ProConnectRefusalReason,
  /** What ProConnect said about the person (absent when its answer was not verified). */
  email: z.string().nullable(),
  siret: z.string().nullable(),
  organizationalUnit: z.string().nullable(),
  /** Organisations or structures passnum knows under that SIRET. */
  knownEstablishments: z.array(z.object({ name: z.string(), territoryName: z.string() })),
  /** The establishment of the passnum account found for that e-mail (SIRET mismatch). */
  accountEstablishment: z.string().nullable(),
  /** The role of that account (second factor required). */
  roleLabel: z.string().nullable(),
});
export type ProConnectRefusalDto = z.infer<typeof ProConnectRefusal>;

export const ProConnectLogout = z.object({
  /** Where the browser goes next: ProConnect's end-session address, or null when the session did not come from ProConnect. */
  redirectUrl: z.string().nullable(),
});

export const ProConnectAccount = z.object({
  linked: z.boolean(),
  linkedAt: z.string().nullable(),
  refusesPassword: z.boolean(),
});
export const ProConnectPasswordRefusalBody = z.object({ refusesPassword: z.boolean() });
