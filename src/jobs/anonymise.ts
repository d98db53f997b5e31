import { anonymiseInactiveBeneficiaries } from '../usecases/personal-data.ts';
import type { Deps } from '../usecases/support/deps.ts';

/** `passnum jobs:run anonymise`: people without contact for config.retentionMonths months are anonymised. */
export async function anonymiseJob(deps: Deps): Promise<Record<string, unknown>> {
  return { ...(await anonymiseInactiveBeneficiaries(deps)), retentionMonths: deps.config.retentionMonths };
}
