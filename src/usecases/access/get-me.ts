import { ROLE_LABELS, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { getProfile } from '../../repositories/profile.ts';
import type { Deps } from '../support/deps.ts';

export async function getMe(deps: Deps, actor: Actor, session: { csrfToken: string; totpPending: boolean }) {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Réservé aux personnes connectées.');
  const p = await getProfile(deps.db, actor.id);
  if (!p) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
  return {
    id: p.user.id,
    email: p.user.email,
    displayName: p.user.display_name,
    role: p.user.role,
    roleLabel: ROLE_LABELS[p.user.role],
    territory: { id: p.territory.id, name: p.territory.name, code: p.territory.code },
    organisation: p.organisation ? { id: p.organisation.id, name: p.organisation.name, communeInsee: p.organisation.commune_insee } : null,
    structure: p.structure ? { id: p.structure.id, name: p.structure.name } : null,
    totpEnabled: p.user.totp_enabled === 1,
    totpEnrolmentRequired: session.totpPending,
    csrfToken: session.csrfToken,
  };
}
