import { DomainError } from './errors.ts';

export type Role = 'admin' | 'finance' | 'agent' | 'structure_manager' | 'mediator' | 'auditor';

/** Who acts: a signed-in user or an integration's API token, always within one territory. */
export type Actor =
  | {
      kind: 'user';
      id: string;
      role: Role;
      territoryId: string;
      organisationId: string | null;
      structureId: string | null;
      label: string;
    }
  | {
      kind: 'token';
      id: string;
      role: 'structure_token' | 'organisation_token';
      territoryId: string;
      organisationId: string | null;
      structureId: string | null;
      label: string;
    };

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration du programme',
  finance: 'Service financier',
  agent: 'Agent prescripteur',
  structure_manager: 'Responsable de structure',
  mediator: 'Médiateur ou médiatrice',
  auditor: 'Consultation (audit)',
};

type Capability = Role | 'structure_token' | 'organisation_token';

/** Refuses unless the actor holds one of the roles. */
export function requireRole(actor: Actor, ...roles: Capability[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('forbidden', 'Votre rôle ne permet pas cette action.');
  }
}

/** Structure staff or a structure's token acting for their own structure. */
export function requireStructure(actor: Actor): string {
  if (!actor.structureId) throw new DomainError('forbidden', 'Cette action est réservée aux structures.');
  return actor.structureId;
}
