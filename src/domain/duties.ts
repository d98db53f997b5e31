import type { Actor, Role } from './actor.ts';
import { DomainError } from './errors.ts';

// Separation of duties on the money path and on accounts (issue #17, and finding 8 of #19).
// One table, read by the use cases, the web screens (through /api/me) and docs/money.md: a single
// compromised account — admin included — must not be enough to redirect a reimbursement.

export type Duty =
  | 'bank.enter'
  | 'bank.verify'
  | 'payment_order.prepare'
  | 'payment_order.release'
  | 'payment_order.files'
  | 'account.manage';

export interface DutyRule {
  /** Roles allowed to perform the duty at all. */
  roles: readonly Role[];
  /** A further condition, in French, as the refusal message names it. */
  rule: string;
}

export const DUTIES: Record<Duty, DutyRule> = {
  'bank.enter': {
    roles: ['structure_manager'],
    rule: 'Seul le ou la responsable de la structure saisit ou modifie ses coordonnées bancaires, en joignant le RIB de la banque.',
  },
  'bank.verify': {
    roles: ['finance'],
    rule: 'Un agent du service financier qui ne les a pas saisies vérifie les coordonnées bancaires sur le RIB : il ressaisit l’IBAN et confirme le BIC et le titulaire.',
  },
  'payment_order.prepare': {
    roles: ['finance'],
    rule: 'Un agent du service financier prépare l’ordre de paiement.',
  },
  'payment_order.release': {
    roles: ['finance'],
    rule: 'Un autre agent du service financier que celui qui l’a préparé libère l’ordre de paiement (sauf exception déclarée et tracée pour un territoire à un seul agent financier).',
  },
  'payment_order.files': {
    roles: ['finance'],
    rule: 'Les fichiers de paiement (virements SEPA, mandats) ne sont produits qu’une fois l’ordre libéré.',
  },
  'account.manage': {
    roles: ['admin', 'structure_manager'],
    rule: 'Seule une personne qui a plus de droits que le compte agit sur lui (lien de mot de passe, double authentification, désactivation).',
  },
};

/**
 * Who has more rights than whom. An admin does not outrank finance (finance officers are managed by
 * the operator's command line), nor another admin; a structure manager outranks only the mediators.
 */
export const OUTRANKS: Record<Role, readonly Role[]> = {
  admin: ['agent', 'structure_manager', 'mediator', 'auditor'],
  structure_manager: ['mediator'],
  finance: [],
  agent: [],
  mediator: [],
  auditor: [],
};

export function mayManageAccount(actorRole: Role, targetRole: Role): boolean {
  return OUTRANKS[actorRole].includes(targetRole);
}

function refuse(duty: Duty, extra?: string): never {
  throw new DomainError('forbidden', extra ? `${extra} ${DUTIES[duty].rule}` : DUTIES[duty].rule, { duty });
}

/** Refuses unless the actor is a user holding one of the duty's roles. */
export function requireDuty(actor: Actor, duty: Duty): void {
  if (actor.kind !== 'user' || !(DUTIES[duty].roles as readonly string[]).includes(actor.role)) refuse(duty);
}

/** Account actions: the actor must outrank the account (never their own). */
export function requireOutranks(actor: Actor, target: { id: string; role: Role }): void {
  requireDuty(actor, 'account.manage');
  if (actor.id === target.id || actor.kind !== 'user' || !mayManageAccount(actor.role, target.role)) {
    refuse('account.manage', 'Vous n’avez pas plus de droits que ce compte.');
  }
}

/** Four eyes: the person who checks is not the person who entered or prepared. */
export function requireOtherPerson(actor: Actor, duty: 'bank.verify' | 'payment_order.release', doneBy: string | null): void {
  requireDuty(actor, duty);
  if (doneBy !== null && doneBy === actor.id) {
    refuse(duty, duty === 'bank.verify' ? 'Vous avez saisi ces coordonnées bancaires : vous ne pouvez pas les vérifier.' : 'Vous avez préparé cet ordre : vous ne pouvez pas le libérer.');
  }
}

/** The rules as rows, for the docs and the screens. */
export function dutyRows(): { duty: Duty; roles: readonly Role[]; rule: string }[] {
  return (Object.keys(DUTIES) as Duty[]).map((duty) => ({ duty, ...DUTIES[duty] }));
}
