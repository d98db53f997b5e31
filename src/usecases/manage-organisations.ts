import { requireRole, type Actor } from '../domain/actor.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { validateOrganisation, type OrganisationInput } from '../domain/organisation.ts';
import { getOrganisation, insertOrganisation, listOrganisations as listOrganisationRows } from '../repositories/organisations.ts';
import { findCommune } from '../repositories/territories.ts';
import { inTransaction } from '../repositories/tx.ts';
import { audit } from './support/audit.ts';
import type { Deps } from './support/deps.ts';

function view(o: { id: string; kind: string; name: string; commune_insee: string; siret: string | null; created_at: string }) {
  return { id: o.id, kind: o.kind, name: o.name, communeInsee: o.commune_insee, siret: o.siret, createdAt: o.created_at };
}

/** Organisations of the territory (mairies, CCAS, France Services…); an agent sees their own. */
export async function listOrganisations(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'finance', 'auditor', 'agent', 'organisation_token');
  const rows = await listOrganisationRows(deps.db, actor.territoryId);
  const scoped = actor.role === 'agent' || actor.role === 'organisation_token';
  return rows.filter((o) => !scoped || o.id === actor.organisationId).map(view);
}

export async function createOrganisation(deps: Deps, actor: Actor, input: OrganisationInput) {
  requireRole(actor, 'admin');
  const o = validateOrganisation(input);
  if (!(await findCommune(deps.db, actor.territoryId, o.communeInsee))) throw invalid('communeInsee', `La commune ${o.communeInsee} ne fait pas partie du territoire.`);
  const id = deps.newId();
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    await insertOrganisation(trx, { id, territoryId: actor.territoryId, kind: o.kind, name: o.name, communeInsee: o.communeInsee, siret: o.siret, createdAt: now.toISOString() });
    await audit(trx, actor, now, 'organisation.created', { type: 'organisation', id }, { name: o.name, kind: o.kind, communeInsee: o.communeInsee });
  });
  const row = await getOrganisation(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Organisation introuvable.');
  return view(row);
}
