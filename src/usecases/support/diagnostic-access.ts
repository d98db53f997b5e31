import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { getBeneficiary } from '../../repositories/beneficiaries.ts';
import { trainedAtStructure } from '../../repositories/diagnostics.ts';
import type { Executor } from '../../repositories/tx.ts';
import { beneficiaryNotFound, loadOwnBeneficiary } from './agent-scope.ts';

/**
 * Who may record a person's diagnostic (issue #18, item 4): the agents of the organisation that
 * registered them, for any diagnostic; the staff of a structure that trained them (a live
 * redemption of one of their tickets), for a follow-up only. Anyone else gets "not found".
 */
export async function loadPersonForDiagnostic(db: Executor, actor: Actor, id: string, kind: 'initial' | 'followup') {
  const structureStaff = actor.kind === 'user' && (actor.role === 'mediator' || actor.role === 'structure_manager');
  if (!structureStaff) return loadOwnBeneficiary(db, actor, id);
  if (kind !== 'followup') throw new DomainError('forbidden', 'Une structure enregistre seulement des diagnostics de suivi.');
  const b = await getBeneficiary(db, id);
  if (!b || b.territory_id !== actor.territoryId || b.anonymised_at || !actor.structureId || !(await trainedAtStructure(db, b.id, actor.structureId))) {
    throw beneficiaryNotFound();
  }
  return b;
}
