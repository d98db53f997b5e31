import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { getBeneficiary } from '../../repositories/beneficiaries.ts';
import type { Executor } from '../../repositories/tx.ts';

/** An agent (or an organisation's API token) acting for their own organisation. */
export function requireAgent(actor: Actor): string {
  const allowed = (actor.kind === 'user' && actor.role === 'agent') || (actor.kind === 'token' && actor.role === 'organisation_token');
  if (!allowed || !actor.organisationId) {
    throw new DomainError('forbidden', 'Cette action est réservée aux agents des mairies et des organisations prescriptrices.');
  }
  return actor.organisationId;
}

export const beneficiaryNotFound = () => new DomainError('not_found', 'Bénéficiaire introuvable.');

/**
 * A beneficiary of the agent's organisation. Another organisation's beneficiary gets the same
 * answer as an unknown id: an agent never learns who is registered elsewhere.
 */
export async function loadOwnBeneficiary(db: Executor, actor: Actor, id: string) {
  const organisationId = requireAgent(actor);
  const b = await getBeneficiary(db, id);
  if (!b || b.organisation_id !== organisationId || b.territory_id !== actor.territoryId || b.anonymised_at) throw beneficiaryNotFound();
  return b;
}
