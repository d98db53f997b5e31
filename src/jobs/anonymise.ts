import { anonymiseInactiveBeneficiaries } from '../usecases/intake/personal-data.ts';
import { purgeOldSecurityLog } from '../usecases/administration/security-log.ts';
import type { Deps } from '../usecases/support/deps.ts';

/**
 * `passnum jobs:run anonymise`: people without contact for config.retentionMonths months are
 * anonymised; security-log lines older than a year are deleted.
 */
export async function anonymiseJob(deps: Deps): Promise<Record<string, unknown>> {
  return { ...(await anonymiseInactiveBeneficiaries(deps)), retentionMonths: deps.config.retentionMonths, ...(await purgeOldSecurityLog(deps)) };
}
