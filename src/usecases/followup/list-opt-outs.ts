import { requireRole, type Actor } from '../../domain/actor.ts';
import { searchTerms } from '../../domain/person.ts';
import { listOptOuts as listOptOutRows } from '../../repositories/read-models/opt-outs.ts';
import type { Deps } from '../support/deps.ts';

/**
 * The admin's list of the people of the territory who refused reminders (issue #21, point 7),
 * searchable by name. An opt-out stops every channel at once (SMS, e-mail and letter): the
 * record holds its date, not a channel. The read is written to the security log by the route.
 */
export async function listOptOuts(deps: Deps, actor: Actor, q: { q?: string; limit: number; offset: number }) {
  requireRole(actor, 'admin');
  const { total, rows } = await listOptOutRows(deps.db, { territoryId: actor.territoryId, terms: searchTerms(q.q ?? ''), limit: q.limit, offset: q.offset });
  return {
    total,
    people: rows.map((r) => ({
      id: r.id,
      name: `${r.first_name} ${r.usage_name || r.birth_name}`.trim(),
      commune: r.commune_name ?? r.commune_insee,
      organisation: r.organisation_name,
      optedOutAt: r.opted_out_at!,
    })),
  };
}
