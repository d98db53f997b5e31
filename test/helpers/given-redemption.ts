import { randomBytes } from 'node:crypto';
import type { CampaignTable } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { given } from './given.ts';

/** A structure's API token (stored hashed, as the foundation's auth reads it); returns it in clear. */
export async function givenApiToken(deps: Deps, p: { territoryId: string; structureId: string; name?: string }): Promise<{ id: string; token: string }> {
  const token = randomBytes(24).toString('base64url');
  const id = deps.newId();
  await deps.db
    .insertInto('api_tokens')
    .values({
      id, token_hash: deps.secrets.hashToken(token), name: p.name ?? 'Logiciel de caisse', territory_id: p.territoryId,
      structure_id: p.structureId, organisation_id: null, created_by: 'test', created_at: deps.now().toISOString(),
      last_used_at: null, revoked_at: null, expires_at: new Date(deps.now().getTime() + 365 * 86_400_000).toISOString(),
    })
    .execute();
  return { id, token };
}

export interface RedemptionScene {
  territoryId: string;
  organisationId: string;
  campaign: CampaignTable;
  structure: { id: string; siteId: string; name: string };
  mediator: { id: string; email: string; actor: Actor };
  token: { id: string; token: string };
}

/** A territory, an open campaign, an accredited structure with a mediator and an API token. */
export async function redemptionScene(deps: Deps, campaign: Partial<CampaignTable> = {}): Promise<RedemptionScene> {
  const g = given(deps);
  const territoryId = await g.territory();
  const organisationId = await g.organisation({ territoryId });
  const c = await g.campaign({ territoryId, ...campaign });
  const s = await g.structure({ territoryId, accreditedFor: [c.id] });
  const name = (await deps.db.selectFrom('structures').select('name').where('id', '=', s.id).executeTakeFirstOrThrow()).name;
  const mediator = await g.user({ territoryId, role: 'mediator', structureId: s.id });
  const token = await givenApiToken(deps, { territoryId, structureId: s.id });
  return {
    territoryId,
    organisationId,
    campaign: c,
    structure: { ...s, name },
    mediator: { ...mediator, actor: mediatorActor(territoryId, s.id, mediator.id, mediator.email) },
    token,
  };
}

export function mediatorActor(territoryId: string, structureId: string, id = 'mediator-test', label = 'mediateur@test'): Actor {
  return { kind: 'user', id, role: 'mediator', territoryId, organisationId: null, structureId, label };
}

export function adminActor(territoryId: string): Actor {
  return { kind: 'user', id: 'admin-test', role: 'admin', territoryId, organisationId: null, structureId: null, label: 'admin@test' };
}

export const SERVICE = { format: 'individuel' as const, themes: ['Email', 'AideAuxDemarchesAdministratives'], durationMinutes: 60 };
