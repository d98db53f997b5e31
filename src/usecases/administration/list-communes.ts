import type { Actor } from '../../domain/actor.ts';
import { listCommunes } from '../../repositories/territories.ts';
import type { Deps } from '../support/deps.ts';

export function listTerritoryCommunes(deps: Deps, actor: Actor) {
  return listCommunes(deps.db, actor.territoryId);
}
