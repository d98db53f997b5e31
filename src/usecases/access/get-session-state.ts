import type { Actor } from '../../domain/actor.ts';
import { getTerritory, soleTerritory } from '../../repositories/territories.ts';
import { getMe } from './get-me.ts';
import type { Deps } from '../support/deps.ts';

/**
 * Who is signed in (or nobody) and the programme the pages speak for. Public pages ask this on
 * every load: answering 200 for a visitor keeps a 401 out of the browser's console.
 */
export async function getSessionState(deps: Deps, signedIn?: { actor: Actor; csrfToken: string; totpPending: boolean }) {
  const me = signedIn && signedIn.actor.kind === 'user' ? await getMe(deps, signedIn.actor, signedIn) : null;
  const territory = me ? await getTerritory(deps.db, me.territory.id) : await soleTerritory(deps.db);
  const programme = territory
    ? {
        territoryName: territory.name,
        territoryCode: territory.code,
        logoUrl: territory.logo_url,
        help: { phone: territory.help_phone, email: territory.help_email, address: territory.help_address },
      }
    : null;
  return { me, programme };
}
