import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { mairieName, ORGANISATION_KIND_LABELS, validateOrganisation, type OrganisationInput, type OrganisationKind } from '../../domain/organisation.ts';
import { agentCounts, getOrganisation, insertOrganisation, listOrganisations as listOrganisationRows, updateOrganisationRow } from '../../repositories/organisations.ts';
import { findCommune, listCommunes } from '../../repositories/territories.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

type Row = { id: string; kind: string; name: string; commune_insee: string; siret: string | null; created_at: string };

function view(o: Row, communes: Map<string, string>, agents: Map<string, number>) {
  return {
    id: o.id, kind: o.kind, kindLabel: ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] ?? 'Autre', name: o.name, communeInsee: o.commune_insee,
    communeName: communes.get(o.commune_insee) ?? null, siret: o.siret, createdAt: o.created_at, agents: agents.get(o.id) ?? 0,
  };
}

async function lookups(deps: Deps, territoryId: string) {
  const [communes, agents] = await Promise.all([listCommunes(deps.db, territoryId), agentCounts(deps.db, territoryId)]);
  return { communes: new Map(communes.map((c) => [c.inseeCode, c.name])), agents };
}

const mairieTaken = (communeName: string) =>
  new DomainError('conflict', `${communeName} a déjà sa mairie : choisissez un autre type (CCAS, France Services…) pour un second point d’accueil.`, { field: 'kind' });

/** Organisations of the territory (mairies, CCAS, France Services…); an agent sees their own. */
export async function listOrganisations(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin', 'finance', 'auditor', 'agent', 'organisation_token');
  const rows = await listOrganisationRows(deps.db, actor.territoryId);
  const scoped = actor.role === 'agent' || actor.role === 'organisation_token';
  const l = await lookups(deps, actor.territoryId);
  return rows.filter((o) => !scoped || o.id === actor.organisationId).map((o) => view(o, l.communes, l.agents));
}

async function checkedInput(deps: Deps, actor: Actor, input: OrganisationInput) {
  const o = validateOrganisation(input);
  const commune = await findCommune(deps.db, actor.territoryId, o.communeInsee);
  if (!commune) throw invalid('communeInsee', `La commune ${o.communeInsee} ne fait pas partie du territoire.`);
  return { o, communeName: commune.name as string };
}

async function viewOf(deps: Deps, actor: Actor, id: string) {
  const row = await getOrganisation(deps.db, id);
  if (!row || row.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Organisation introuvable.');
  const l = await lookups(deps, actor.territoryId);
  return view(row, l.communes, l.agents);
}

export async function createOrganisation(deps: Deps, actor: Actor, input: OrganisationInput) {
  requireRole(actor, 'admin');
  const { o, communeName } = await checkedInput(deps, actor, input);
  const id = deps.newId();
  const now = deps.now();
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertOrganisation(trx, { id, territoryId: actor.territoryId, kind: o.kind, name: o.name, communeInsee: o.communeInsee, siret: o.siret, createdAt: now.toISOString() });
      await audit(trx, actor, now, 'organisation.created', { type: 'organisation', id }, { name: o.name, kind: o.kind, communeInsee: o.communeInsee });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw mairieTaken(communeName);
    throw e;
  }
  return viewOf(deps, actor, id);
}

export async function updateOrganisation(deps: Deps, actor: Actor, id: string, input: OrganisationInput) {
  requireRole(actor, 'admin');
  const { o, communeName } = await checkedInput(deps, actor, input);
  const now = deps.now();
  try {
    await inTransaction(deps.db, async (trx) => {
      if (!(await updateOrganisationRow(trx, id, actor.territoryId, o))) throw new DomainError('not_found', 'Organisation introuvable.');
      await audit(trx, actor, now, 'organisation.updated', { type: 'organisation', id }, { name: o.name, kind: o.kind, communeInsee: o.communeInsee });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw mairieTaken(communeName);
    throw e;
  }
  return viewOf(deps, actor, id);
}

// SQLite names the columns, not the index, in its message: an organisation's id is fresh, so the
// only unique violation an insert or update can meet is one_mairie_per_commune.

/**
 * One mairie for each commune of the territory that has none yet, in one step. The unique index
 * keeps one mairie per commune even when two admins press the button together.
 */
export async function createMissingMairies(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  const [communes, rows] = await Promise.all([listCommunes(deps.db, actor.territoryId), listOrganisationRows(deps.db, actor.territoryId)]);
  const served = new Set(rows.filter((o) => o.kind === 'mairie').map((o) => o.commune_insee));
  const now = deps.now();
  const created: string[] = [];
  for (const c of communes.filter((x) => !served.has(x.inseeCode))) {
    const id = deps.newId();
    const name = mairieName(c.name);
    try {
      await inTransaction(deps.db, async (trx) => {
        await insertOrganisation(trx, { id, territoryId: actor.territoryId, kind: 'mairie', name, communeInsee: c.inseeCode, siret: null, createdAt: now.toISOString() });
        await audit(trx, actor, now, 'organisation.created', { type: 'organisation', id }, { name, kind: 'mairie', communeInsee: c.inseeCode });
      });
      created.push(name);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { created, alreadyThere: communes.length - created.length };
}
