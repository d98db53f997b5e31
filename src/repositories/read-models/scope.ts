import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * What a dashboard or export covers. Every read model takes this shape so that the same query
 * serves one territory, the whole country (territoryId null: national benchmarks and open data),
 * one issuing organisation (agents) or one structure (structure staff).
 */
export interface ReadScope {
  /** null = every territory (national). */
  territoryId: string | null;
  organisationId?: string | null;
  structureId?: string | null;
  campaignId?: string | null;
  /** Inclusive lower bound, ISO-8601 UTC instant. */
  from?: string | null;
  /** Exclusive upper bound, ISO-8601 UTC instant. */
  to?: string | null;
  /**
   * The same period as whole Paris months ('YYYY-MM', inclusive), when it is made of whole months
   * (or unbounded): the maintained aggregates (src/repositories/stats.ts) can answer it.
   */
  months?: { from: string | null; to: string | null } | null;
}

/** `<column> in (campaigns of the scope)`, or true when the scope is national and unfiltered. */
export function campaignIn(column: string, scope: Pick<ReadScope, 'territoryId' | 'campaignId'>): RawBuilder<SqlBool> {
  if (scope.campaignId) return sql<SqlBool>`${sql.ref(column)} = ${scope.campaignId}`;
  if (scope.territoryId) return sql<SqlBool>`${sql.ref(column)} in (select c.id from campaigns c where c.territory_id = ${scope.territoryId})`;
  return sql<SqlBool>`1 = 1`;
}

/** `<column> >= from and <column> < to` for the bounds that are set; usable in WHERE and CASE. */
export function inPeriod(column: string | RawBuilder<unknown>, scope: Pick<ReadScope, 'from' | 'to'>): RawBuilder<SqlBool> {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  const from = scope.from ? sql`${col} >= ${scope.from}` : sql`1 = 1`;
  const to = scope.to ? sql`${col} < ${scope.to}` : sql`1 = 1`;
  return sql<SqlBool>`(${from} and ${to})`;
}

export const USED_STATUSES = ['redeemed', 'claimed', 'paid'] as const;
export const USED = sql.raw(`('redeemed', 'claimed', 'paid')`);

/** SQL sums come back as numbers on SQLite, and as numbers or null on PostgreSQL (see database.ts). */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}
