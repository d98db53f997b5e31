import { DomainError } from '../../domain/errors.ts';
import { findTerritoryByCode } from '../../repositories/territories.ts';
import type { Deps } from '../support/deps.ts';

export async function findTerritory(deps: Deps, code: string) {
  const t = await findTerritoryByCode(deps.db, /^\d{9}$/.test(code) ? 'epci' : 'departement', code);
  if (!t) throw new DomainError('not_found', `Territoire ${code} inconnu : importez-le d’abord (territory:import).`);
  return t;
}
