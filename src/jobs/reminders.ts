import { runReminders } from '../usecases/followup/send-reminders.ts';
import type { Deps } from '../usecases/support/deps.ts';

/** `passnum jobs:run reminders`: plans the due reminders and sends what the configured channels can. */
export async function remindersJob(deps: Deps): Promise<Record<string, unknown>> {
  const { released, plan, send } = await runReminders(deps);
  return { released, ...plan, ...send };
}
