import type { Deps } from '../support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

/** Demo stage: historical and current booklets, stock, diagnostics, sessions and bookings, demo-tickets.txt (issue #3). */
export async function seedIssuance(_deps: Deps, _ctx: DemoContext): Promise<void> {}
