import { structuresWithRedeemedTickets } from '../repositories/claims.ts';
import { assembleStructureClaims, type AssemblyResult } from '../usecases/reimbursement/assemble-claims.ts';
import type { Deps } from '../usecases/support/deps.ts';

/**
 * Daily/monthly job `claims`: groups every structure's redeemed, unclaimed tickets into draft
 * claims per campaign and month. Idempotent (tickets are claimed by a conditional update and
 * `one_live_claim_line_per_ticket`), safe to run on several instances at once.
 */
export async function assembleClaims(deps: Deps, opts: { now?: Date } = {}): Promise<AssemblyResult> {
  const runDeps = opts.now ? { ...deps, now: () => opts.now! } : deps;
  const total: AssemblyResult = { structures: 0, claimsCreated: 0, linesAdded: 0, claimIds: [] };
  for (const s of await structuresWithRedeemedTickets(deps.db)) {
    const r = await assembleStructureClaims(runDeps, null, s.id);
    total.structures += 1;
    total.claimsCreated += r.claimsCreated;
    total.linesAdded += r.linesAdded;
    total.claimIds.push(...r.claimIds.filter((id) => !total.claimIds.includes(id)));
  }
  return total;
}
