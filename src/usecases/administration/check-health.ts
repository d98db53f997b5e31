import { pingDatabase } from '../../repositories/health.ts';
import type { Deps } from '../support/deps.ts';

export async function checkHealth(deps: Deps): Promise<'sqlite' | 'postgresql'> {
  await pingDatabase(deps.db);
  return deps.dialect;
}
