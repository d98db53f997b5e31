import type { Eligibility, EligibilityCheck } from '../../domain/eligibility.ts';

const checkView = (c: EligibilityCheck) => ({ rule: c.rule, ok: c.ok, code: c.code, message: c.message, details: c.details ?? {} });

/** The eligibility answer as the API shows it. */
export function eligibilityView(e: Eligibility) {
  return { eligible: e.eligible, reasons: e.reasons.map(checkView), checks: e.checks.map(checkView), overrideUsed: e.overrideUsed };
}
export type EligibilityView = ReturnType<typeof eligibilityView>;
