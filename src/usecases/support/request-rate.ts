import { DomainError } from '../../domain/errors.ts';
import { countAttempt, refundAttempt, type AttemptRule } from '../../repositories/throttle.ts';
import type { Deps } from './deps.ts';

/**
 * Counts one request under `key` in a fixed window (atomic upsert, so a parallel burst is counted
 * exactly); past the limit, refuses with the seconds left in the window.
 */
export async function countRequest(deps: Deps, key: string, rule: AttemptRule): Promise<void> {
  const { count, windowLeftSeconds } = await countAttempt(deps.db, key, deps.now(), rule);
  if (count <= rule.limit) return;
  await refundAttempt(deps.db, key); // refused requests do not extend the block
  throw new DomainError('rate_limited', `Trop de demandes en peu de temps. Réessayez dans ${windowLeftSeconds} secondes.`, { retryAfterSeconds: windowLeftSeconds });
}
