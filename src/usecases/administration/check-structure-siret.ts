import { requireRole, type Actor } from '../../domain/actor.ts';
import { isValidSiret } from '../../domain/siret.ts';
import { findStructureBySiret } from '../../repositories/open-data.ts';
import type { Deps } from '../support/deps.ts';

/**
 * Before creating a structure the admin types its SIRET: is the number well formed, and is the
 * structure already registered on the territory (then open it instead of creating a double)?
 */
export async function checkStructureSiret(deps: Deps, actor: Actor, input: string) {
  requireRole(actor, 'admin');
  const siret = input.replace(/\s/g, '');
  if (!isValidSiret(siret)) {
    return { siret, valid: false, message: 'Ce numéro SIRET n’est pas valide : 14 chiffres, dont le dernier est une clé de contrôle. Vérifiez-le sur l’avis de situation SIRENE de la structure.', existing: null };
  }
  const existing = await findStructureBySiret(deps.db, actor.territoryId, siret);
  return existing
    ? { siret, valid: true, message: `La structure « ${existing.name} » a déjà ce SIRET sur le territoire : modifiez-la plutôt que d’en créer une autre.`, existing: { id: existing.id, name: existing.name } }
    : { siret, valid: true, message: 'Numéro valide, aucune structure du territoire ne l’utilise.', existing: null };
}
