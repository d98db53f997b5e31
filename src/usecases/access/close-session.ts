import { deleteSession } from '../../repositories/sessions.ts';
import type { Deps } from '../support/deps.ts';

export async function closeSession(deps: Deps, idHash: string): Promise<void> {
  await deleteSession(deps.db, idHash);
}
