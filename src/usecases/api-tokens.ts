import { requireRole, type Actor } from '../domain/actor.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { getApiToken, insertApiToken, listApiTokens as listTokenRows, revokeApiToken as revokeTokenRow } from '../repositories/access.ts';
import { getOrganisation } from '../repositories/organisations.ts';
import { getStructure } from '../repositories/structures.ts';
import { inTransaction } from '../repositories/tx.ts';
import { audit } from './support/audit.ts';
import type { Deps } from './support/deps.ts';

export interface CreateApiTokenInput { name: string; structureId?: string | null; organisationId?: string | null }

function view(t: { id: string; name: string; structure_id: string | null; organisation_id: string | null; created_by: string; created_at: string; last_used_at: string | null; revoked_at: string | null }) {
  return {
    id: t.id, name: t.name, structureId: t.structure_id, organisationId: t.organisation_id, createdBy: t.created_by,
    createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at,
  };
}

/**
 * An integration token (Bearer), scoped to one structure or one organisation. Shown once; only its
 * keyed hash is stored. A structure manager creates tokens for their own structure only.
 */
export async function createApiToken(deps: Deps, actor: Actor, input: CreateApiTokenInput) {
  requireRole(actor, 'admin', 'structure_manager');
  const name = input.name.trim();
  if (name.length < 2 || name.length > 80) throw invalid('name', 'Donnez un nom au jeton (2 à 80 caractères), par exemple le logiciel qui l’utilise.');
  let structureId = input.structureId ?? null;
  let organisationId = input.organisationId ?? null;
  if (actor.role === 'structure_manager') {
    if (organisationId || (structureId && structureId !== actor.structureId)) {
      throw new DomainError('forbidden', 'Vous pouvez seulement créer des jetons pour votre structure.');
    }
    structureId = actor.structureId;
  }
  if (!!structureId === !!organisationId) throw invalid('structureId', 'Un jeton est rattaché soit à une structure, soit à une organisation.');
  if (structureId) {
    const s = await getStructure(deps.db, structureId);
    if (!s || s.territory_id !== actor.territoryId) throw invalid('structureId', 'Structure inconnue sur ce territoire.');
  } else {
    const o = await getOrganisation(deps.db, organisationId!);
    if (!o || o.territory_id !== actor.territoryId) throw invalid('organisationId', 'Organisation inconnue sur ce territoire.');
    organisationId = o.id;
  }
  const token = `pn_${Buffer.from(deps.randomBytes(32)).toString('base64url')}`;
  const row = {
    id: deps.newId(), token_hash: deps.secrets.hashToken(token), name, territory_id: actor.territoryId, structure_id: structureId,
    organisation_id: organisationId, created_by: actor.id, created_at: deps.now().toISOString(), last_used_at: null, revoked_at: null,
  };
  await inTransaction(deps.db, async (trx) => {
    await insertApiToken(trx, row);
    await audit(trx, actor, deps.now(), 'api_token.created', { type: 'api_token', id: row.id }, { name, structureId, organisationId });
  });
  return { ...view(row), token };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'structure_manager');
  const rows = await listTokenRows(deps.db, actor.territoryId, actor.role === 'admin' ? {} : { structureId: actor.structureId ?? '-' });
  return rows.map(view);
}

/** Revocation takes effect on the next request carrying the token. */
export async function revokeApiToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin', 'structure_manager');
  const row = await getApiToken(deps.db, id);
  const visible = !!row && row.territory_id === actor.territoryId && (actor.role === 'admin' || row.structure_id === actor.structureId);
  if (!row || !visible) throw new DomainError('not_found', 'Ce jeton n’existe pas.');
  await inTransaction(deps.db, async (trx) => {
    if (!(await revokeTokenRow(trx, id, deps.now().toISOString()))) throw new DomainError('conflict', 'Ce jeton est déjà révoqué.');
    await audit(trx, actor, deps.now(), 'api_token.revoked', { type: 'api_token', id }, { name: row.name });
  });
}
