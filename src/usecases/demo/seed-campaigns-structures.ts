import type { Deps } from '../support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

/** Demo stage: campaigns 2021/2022/current with quotas, demo structures with sites and accreditations, structure users (issue #2). */
export async function seedCampaignsAndStructures(_deps: Deps, _ctx: DemoContext): Promise<void> {}
