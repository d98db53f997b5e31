import argon2 from 'argon2';
import type { Actor, Role } from '../../domain/actor.ts';
import { requireRole } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { getOrganisation } from '../../repositories/organisations.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { insertUser } from '../../repositories/users.ts';
import { audit } from '../support/audit.ts';
import { assertStrongPassword } from '../support/password-strength.ts';
import type { Deps } from '../support/deps.ts';

export interface CreateUserInput {
  territoryId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId?: string | null;
  structureId?: string | null;
  password?: string;
}

export const PASSWORD_MIN = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Creates an account. `actor` null = operator's CLI or the demo seed. */
export async function createUser(deps: Deps, actor: Actor | null, input: CreateUserInput): Promise<{ id: string }> {
  if (actor) {
    requireRole(actor, 'admin', 'structure_manager');
    if (actor.role === 'structure_manager' && (input.role !== 'mediator' || input.structureId !== actor.structureId)) {
      throw new DomainError('forbidden', 'Vous pouvez seulement ajouter des médiateurs à votre structure.');
    }
    if (actor.territoryId !== input.territoryId) throw new DomainError('forbidden', 'Territoire différent.');
  }
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('email', 'L’adresse e-mail n’est pas valide.');
  if (input.password !== undefined && input.password.length < PASSWORD_MIN) {
    throw invalid('password', `Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`);
  }
  // People choose their own password through a link (password-links.ts, checked there too); the
  // demo seed and the operator's CLI (actor null) keep their known passwords.
  if (actor && input.password !== undefined) assertStrongPassword(input.password, [email, input.displayName, 'passnum']);
  if (input.role === 'agent') {
    if (!input.organisationId) throw invalid('organisationId', 'Un agent doit être rattaché à une organisation.');
    const org = await getOrganisation(deps.db, input.organisationId);
    if (!org || org.territory_id !== input.territoryId) throw invalid('organisationId', 'Organisation inconnue sur ce territoire.');
  }
  if ((input.role === 'mediator' || input.role === 'structure_manager') && !input.structureId) {
    throw invalid('structureId', 'Ce rôle doit être rattaché à une structure.');
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const id = deps.newId();
  const now = deps.now();
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertUser(trx, {
        id,
        territoryId: input.territoryId,
        email,
        displayName: input.displayName,
        role: input.role,
        organisationId: input.role === 'agent' ? input.organisationId : null,
        structureId: input.role === 'mediator' || input.role === 'structure_manager' ? input.structureId : null,
        passwordHash,
        createdAt: now.toISOString(),
      });
      await audit(trx, actor, now, 'user.created', { type: 'user', id }, { email, role: input.role }, input.territoryId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `Un compte existe déjà pour ${email}.`, { field: 'email' });
    throw error;
  }
  return { id };
}
