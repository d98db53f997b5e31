import type { Actor } from '../domain/actor.ts';
import { addDays, parisDate } from '../domain/paris-time.ts';
import { inTransaction } from '../repositories/tx.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { insertRequest } from '../usecases/support/personal-data-register.ts';
import type { DemoContext } from './seed-foundation.ts';

/**
 * Demo stage (issue 21, point 9): the register of personal-data requests shows something on a
 * newcomer's first visit — two requests of Lens residents, one late (a copy asked by mail forty
 * days ago) and one due within days (a rectification asked by e-mail).
 */
export async function seedPersonalDataRequests(deps: Deps, ctx: DemoContext): Promise<void> {
  const people = await deps.db.selectFrom('beneficiaries').select('id').where('organisation_id', '=', ctx.organisations.lens)
    .where('anonymised_at', 'is', null).orderBy('created_at').limit(2).execute();
  if (people.length < 2) return;
  const agent = {
    kind: 'user', id: ctx.users.agentLens, role: 'agent', territoryId: ctx.territoryId, organisationId: ctx.organisations.lens, structureId: null, label: 'agent.lens@demo.passnum.fr',
  } as Actor;
  const today = parisDate(deps.now());
  await inTransaction(deps.db, async (trx) => {
    const base = { territoryId: ctx.territoryId, organisationId: ctx.organisations.lens, requesterName: null };
    await insertRequest(trx, deps, agent, { ...base, id: deps.newId(), beneficiaryId: people[0].id, kind: 'access', channel: 'courrier', receivedOn: addDays(today, -40) });
    await insertRequest(trx, deps, agent, { ...base, id: deps.newId(), beneficiaryId: people[1].id, kind: 'rectification', channel: 'email', receivedOn: addDays(today, -27) });
  });
}
