import type { Config } from '../../config.ts';

/**
 * The redemption guard's negative control (issue #4: "with the guard disabled by a test-only
 * switch, the same test detects the double redemption"). Honoured ONLY when the configuration
 * says `env === 'test'` (NODE_ENV=test): a production or development server ignores the variable.
 *
 * - `no-conditional`: read-then-write instead of the conditional update; the unique index
 *   `one_live_redemption_per_ticket` still stands (proves the backstop alone holds).
 * - `off`: read-then-write and no row in the unique-indexed table: nothing stops a double redemption.
 */
export type RedemptionGuardMode = 'on' | 'no-conditional' | 'off';

export const GUARD_SWITCH = 'PASSNUM_TEST_REDEMPTION_GUARD';

export function redemptionGuardMode(config: Config): RedemptionGuardMode {
  if (config.env !== 'test') return 'on';
  const value = process.env[GUARD_SWITCH];
  return value === 'off' || value === 'no-conditional' ? value : 'on';
}
