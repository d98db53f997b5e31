import type { Deps } from '../support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

/** Demo stage: follow-up diagnostics, outbox messages, anything dashboards need (issue #7). */
export async function seedFollowup(_deps: Deps, _ctx: DemoContext): Promise<void> {}
