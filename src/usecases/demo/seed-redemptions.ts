import type { Deps } from '../support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

/** Demo stage: redemptions in 2021, 2022 and the current campaign (issue #4). */
export async function seedRedemptions(_deps: Deps, _ctx: DemoContext): Promise<void> {}
