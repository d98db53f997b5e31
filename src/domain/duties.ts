import { ROLE_LABELS, type Actor, type Role } from './actor.ts';
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
    rule: 'Seule une personne qui a plus de droits que le compte agit sur lui (lien de mot de passe, double authentification, désactivation, changement de rôle).',
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

/** An account as a role change sees it: its role and what it is attached to. */
export interface AccountAttachment {
  role: Role;
  organisationId: string | null;
  structureId: string | null;
}

/**
 * Why an account may not take a new role, or null when it may. The actor must outrank both the
 * current and the new role (so finance and admin are never reached this way), and the account
 * must already hold the attachment the new role needs: a mediator and a structure manager keep
 * their structure, an agent needs an organisation. The code says how to answer: `forbidden` for a
 * duty, `validation_failed` for a missing attachment.
 */
export function roleChangeRefusal(actorRole: Role, account: AccountAttachment, newRole: Role): { code: 'forbidden' | 'validation_failed'; message: string } | null {
  if (!mayManageAccount(actorRole, account.role)) return { code: 'forbidden', message: `Vous n’avez pas plus de droits que ce compte. ${DUTIES['account.manage'].rule}` };
  if (!mayManageAccount(actorRole, newRole)) return { code: 'forbidden', message: `Vous ne pouvez pas donner le rôle « ${ROLE_LABELS[newRole]} ». ${DUTIES['account.manage'].rule}` };
  if (newRole === account.role) return { code: 'validation_failed', message: `Ce compte a déjà le rôle « ${ROLE_LABELS[newRole]} ».` };
  if ((newRole === 'mediator' || newRole === 'structure_manager') && !account.structureId) {
    return { code: 'validation_failed', message: `Le rôle « ${ROLE_LABELS[newRole]} » demande une structure, et ce compte n’est rattaché à aucune. Créez un nouveau compte rattaché à la structure, puis désactivez celui-ci.` };
  }
  if (newRole === 'agent' && !account.organisationId) {
    return { code: 'validation_failed', message: 'Un agent doit être rattaché à une organisation, et ce compte ne l’est pas. Créez un nouveau compte d’agent rattaché à son organisation, puis désactivez celui-ci.' };
  }
  return null;
}

/** The roles an account may take from this actor (the screens offer only these). */
export function roleChangeTargets(actorRole: Role, account: AccountAttachment): Role[] {
  return (Object.keys(ROLE_LABELS) as Role[]).filter((r) => roleChangeRefusal(actorRole, account, r) === null);
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
