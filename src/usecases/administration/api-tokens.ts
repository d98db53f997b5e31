import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { getApiToken, insertApiToken, listApiTokens as listTokenRows, reownApiToken, revokeApiToken as revokeTokenRow } from '../../repositories/access.ts';
import { getOrganisation } from '../../repositories/organisations.ts';
import { getStructure } from '../../repositories/structures.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

export interface CreateApiTokenInput { name: string; structureId?: string | null; organisationId?: string | null; validityDays?: number | null }

/** A token lives one year unless its creator chooses otherwise, two years at most (issue 19, finding 9). */
export const DEFAULT_TOKEN_DAYS = 365;
export const MAX_TOKEN_DAYS = 730;

interface TokenRow {
  id: string; name: string; structure_id: string | null; organisation_id: string | null; created_by: string; created_by_name?: string | null;
  created_at: string; last_used_at: string | null; revoked_at: string | null; expires_at: string;
}

function view(t: TokenRow, now: Date) {
  return {
    id: t.id, name: t.name, structureId: t.structure_id, organisationId: t.organisation_id, createdBy: t.created_by,
    createdByName: t.created_by_name ?? null, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at,
    expiresAt: t.expires_at, expired: !t.revoked_at && t.expires_at <= now.toISOString(),
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
  const days = input.validityDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw invalid('validityDays', `Choisissez une durée de validité entre 1 jour et ${MAX_TOKEN_DAYS / 365} ans.`);
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
  const now = deps.now();
  const row = {
    id: deps.newId(), token_hash: deps.secrets.hashToken(token), name, territory_id: actor.territoryId, structure_id: structureId,
    organisation_id: organisationId, created_by: actor.id, created_at: now.toISOString(), last_used_at: null, revoked_at: null,
    expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
  await inTransaction(deps.db, async (trx) => {
    await insertApiToken(trx, row);
    await audit(trx, actor, deps.now(), 'api_token.created', { type: 'api_token', id: row.id }, { name, structureId, organisationId, expiresAt: row.expires_at });
  });
  return { ...view({ ...row, created_by_name: actor.label }, now), token };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'structure_manager');
  const rows = await listTokenRows(deps.db, actor.territoryId, actor.role === 'admin' ? {} : { structureId: actor.structureId ?? '-' });
  const now = deps.now();
  return rows.map((r) => view(r, now));
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

/**
 * An admin takes a live token over before its creator leaves: disabling an account revokes the
 * tokens it created (manage-users.ts), so an integration that must keep running needs a new owner.
 */
export async function reownApiTokenToSelf(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  const row = await getApiToken(deps.db, id);
  if (!row || row.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Ce jeton n’existe pas.');
  if (row.created_by === actor.id) throw new DomainError('conflict', 'Ce jeton est déjà à votre nom.');
  await inTransaction(deps.db, async (trx) => {
    if (!(await reownApiToken(trx, id, actor.id, deps.now().toISOString()))) throw new DomainError('conflict', 'Ce jeton est révoqué ou expiré : créez-en un nouveau.');
    await audit(trx, actor, deps.now(), 'api_token.reowned', { type: 'api_token', id }, { name: row.name, previousOwner: row.created_by });
  });
}
