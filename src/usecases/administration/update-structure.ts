import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { splitValues } from '../../domain/mediation-enums.ts';
import { validateStructureProfile, type StructureProfile } from '../../domain/structure.ts';
import { updateStructure as updateStructureRow } from '../../repositories/structures.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { profileColumns, siretTaken } from './create-structure.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { findEditableStructure, findStructure, structureView } from '../support/structure-view.ts';

/** Admin edits any structure; the structure's manager edits its profile (not its SIRET). */
export async function updateStructure(deps: Deps, actor: Actor, id: string, patch: Partial<StructureProfile>) {
  const row = await findEditableStructure(deps, actor, id);
  if (patch.siret !== undefined && patch.siret !== row.siret && actor.role !== 'admin') {
    throw new DomainError('forbidden', 'Seule l’administration du programme peut changer le SIRET d’une structure.', { field: 'siret' });
  }
  const current: StructureProfile = {
    siret: row.siret, name: row.name, legalCategory: row.legal_category, email: row.email, phone: row.phone, website: row.website, presentation: row.presentation,
    typology: splitValues(row.typology), services: splitValues(row.services), publics: splitValues(row.publics),
    specificSupport: splitValues(row.specific_support), fees: splitValues(row.fees), nationalProgrammes: splitValues(row.national_programmes),
    accessModes: splitValues(row.access_modes), supportModes: splitValues(row.support_modes),
  };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<StructureProfile>;
  const keepSiret = defined.siret === undefined || defined.siret.replace(/\s/g, '') === row.siret;
  const profile = validateStructureProfile({ ...current, ...defined }, { keepSiret });
  try {
    await inTransaction(deps.db, async (trx) => {
      await updateStructureRow(trx, id, { ...profileColumns(profile), updated_at: deps.now().toISOString() });
      await audit(trx, actor, deps.now(), 'structure.updated', { type: 'structure', id }, { fields: Object.keys(defined) });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw siretTaken(profile.siret);
    throw error;
  }
  return structureView(await findStructure(deps, actor, id), actor);
}
