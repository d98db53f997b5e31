import type { AccountCandidate } from '../domain/proconnect.ts';
import type { ProconnectFlowTable } from '../db/schema.ts';
import type { Executor } from './tx.ts';

// --- accounts as ProConnect candidates ---

function candidateQuery(db: Executor, issuer: string) {
  return db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('structures', 'structures.id', 'users.structure_id')
    .innerJoin('territories', 'territories.id', 'users.territory_id')
    .leftJoin('proconnect_links', (j) => j.onRef('proconnect_links.user_id', '=', 'users.id').on('proconnect_links.issuer', '=', issuer))
    .select([
      'users.id as user_id', 'users.role', 'users.disabled_at', 'users.territory_id',
      'organisations.siret as organisation_siret', 'organisations.name as organisation_name',
      'structures.siret as structure_siret', 'structures.name as structure_name',
      'territories.kind as territory_kind', 'territories.code as territory_code', 'territories.name as territory_name',
      'proconnect_links.sub as linked_sub',
    ]);
}

type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidateQuery>['executeTakeFirst']>>;

export interface CandidateWithNames extends AccountCandidate {
  territoryId: string;
  territoryName: string;
  establishmentName: string | null;
}

function toCandidate(row: NonNullable<CandidateRow>): CandidateWithNames {
  const hasEstablishment = row.organisation_name !== null || row.structure_name !== null;
  return {
    userId: row.user_id,
    role: row.role,
    disabled: row.disabled_at !== null,
    linkedSub: row.linked_sub,
    establishmentSiret: row.structure_siret ?? row.organisation_siret ?? null,
    // Territory staff belong to no organisation or structure: their establishment is the
    // territory's (an EPCI's SIRET starts with its SIREN, the territory's code).
    territorySiren: !hasEstablishment && row.territory_kind === 'epci' ? row.territory_code : null,
    territoryId: row.territory_id,
    territoryName: row.territory_name,
    establishmentName: row.structure_name ?? row.organisation_name ?? null,
  };
}

export async function findCandidateBySub(db: Executor, issuer: string, sub: string): Promise<CandidateWithNames | null> {
  const row = await candidateQuery(db, issuer).where('proconnect_links.sub', '=', sub).executeTakeFirst();
  return row ? toCandidate(row) : null;
}

export async function findCandidateByEmail(db: Executor, issuer: string, email: string): Promise<CandidateWithNames | null> {
  const row = await candidateQuery(db, issuer).where('users.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toCandidate(row) : null;
}

/** Organisations and structures known by this SIRET (to name the establishment on a refusal). */
export async function findEstablishmentsBySiret(db: Executor, siret: string): Promise<{ name: string; territoryName: string }[]> {
  const organisations = await db
    .selectFrom('organisations')
    .innerJoin('territories', 'territories.id', 'organisations.territory_id')
    .select(['organisations.name', 'territories.name as territoryName'])
    .where('organisations.siret', '=', siret)
    .execute();
  const structures = await db
    .selectFrom('structures')
    .innerJoin('territories', 'territories.id', 'structures.territory_id')
    .select(['structures.name', 'territories.name as territoryName'])
    .where('structures.siret', '=', siret)
    .execute();
  return [...organisations, ...structures];
}

// --- links ---

/**
 * Links the identity to the account. The primary key (one identity per account) and the unique
 * constraint `one_account_per_proconnect_identity` decide between concurrent first sign-ins:
 * false when the account or the identity was linked meanwhile.
 */
export async function insertLink(db: Executor, row: { userId: string; issuer: string; sub: string; now: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('proconnect_links')
    .values({ user_id: row.userId, issuer: row.issuer, sub: row.sub, linked_at: row.now, refuses_password: 0 })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function getLink(db: Executor, userId: string) {
  return db.selectFrom('proconnect_links').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function setRefusesPassword(db: Executor, userId: string, refuses: boolean): Promise<boolean> {
  const r = await db.updateTable('proconnect_links').set({ refuses_password: refuses ? 1 : 0 }).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True when the account is linked to ProConnect and set to refuse passwords. */
export async function refusesPassword(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('proconnect_links').select('refuses_password').where('user_id', '=', userId).where('refuses_password', '=', 1).executeTakeFirst();
  return row !== undefined;
}

// --- flows (one sign-in or sign-out under way in a browser) ---

export async function insertFlow(db: Executor, row: ProconnectFlowTable): Promise<void> {
  await db.insertInto('proconnect_flows').values(row).execute();
}

/**
 * Consumes a flow once: the conditional update decides, so a replayed callback (same browser
 * cookie, same code and state) finds nothing. Flows older than `notBefore` are expired.
 */
export function consumeFlow(db: Executor, idHash: string, kind: 'login' | 'logout', now: string, notBefore: string) {
  return db
    .updateTable('proconnect_flows')
    .set({ consumed_at: now })
    .where('id_hash', '=', idHash)
    .where('kind', '=', kind)
    .where('consumed_at', 'is', null)
    .where('created_at', '>', notBefore)
    .returning(['state', 'nonce', 'code_verifier', 'mfa_required', 'outcome'])
    .executeTakeFirst();
}

export async function setFlowOutcome(db: Executor, idHash: string, outcome: string): Promise<void> {
  await db.updateTable('proconnect_flows').set({ outcome }).where('id_hash', '=', idHash).execute();
}

export function getFlowOutcome(db: Executor, idHash: string, notBefore: string) {
  return db.selectFrom('proconnect_flows').select('outcome').where('id_hash', '=', idHash).where('created_at', '>', notBefore).executeTakeFirst();
}

/** Forgets flows older than the given instant (they can no longer be used nor shown). */
export async function deleteFlowsBefore(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('proconnect_flows').where('created_at', '<', before).execute();
}

// --- ProConnect sessions (for the sign-out at ProConnect) ---

export async function insertProconnectSession(db: Executor, row: { sessionIdHash: string; idToken: string; now: string }): Promise<void> {
  await db.insertInto('proconnect_sessions').values({ session_id_hash: row.sessionIdHash, id_token: row.idToken, created_at: row.now }).execute();
}

export function getProconnectSession(db: Executor, sessionIdHash: string) {
  return db.selectFrom('proconnect_sessions').select('id_token').where('session_id_hash', '=', sessionIdHash).executeTakeFirst();
}
