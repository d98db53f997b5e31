import type { Deps } from '../support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

/** Demo stage: claims, reviews, payment orders and statements (issue #5). */
export async function seedClaims(_deps: Deps, _ctx: DemoContext): Promise<void> {}
