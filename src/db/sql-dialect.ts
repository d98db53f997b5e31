import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './database.ts';

// The few expressions that SQLite and PostgreSQL spell differently, behind functions
// (ARCHITECTURE.md: "a dialect-specific query, if unavoidable, lives in db/").

/** Whole days elapsed between two ISO-8601 UTC instants stored as text (truncated, so 0 = same 24 h). */
export function wholeDaysBetween(dialect: Dialect, fromRef: string, toRef: string): RawBuilder<number> {
  return dialect === 'postgresql'
    ? sql<number>`floor(extract(epoch from (cast(${sql.ref(toRef)} as timestamptz) - cast(${sql.ref(fromRef)} as timestamptz))) / 86400)::integer`
    : sql<number>`cast(julianday(${sql.ref(toRef)}) - julianday(${sql.ref(fromRef)}) as integer)`;
}

/** The Paris calendar month ('YYYY-MM') of an ISO-8601 UTC instant stored as text, null for null. */
export function parisMonth(dialect: Dialect, ref: string | RawBuilder<unknown>): RawBuilder<string | null> {
  const col = typeof ref === 'string' ? sql.ref(ref) : ref;
  return dialect === 'postgresql'
    ? sql<string | null>`to_char(cast(${col} as timestamptz) at time zone 'Europe/Paris', 'YYYY-MM')`
    : sql<string | null>`paris_month(${col})`;
}

/**
 * A FROM item listing the text elements of a JSON array column as `<alias>.value` (for a
 * lateral join: `from t, <this>`).
 */
export function jsonTextElements(dialect: Dialect, ref: string, alias: string): RawBuilder<unknown> {
  return dialect === 'postgresql'
    ? sql`lateral jsonb_array_elements_text(cast(${sql.ref(ref)} as jsonb)) as ${sql.id(alias)}(value)`
    : sql`json_each(${sql.ref(ref)}) as ${sql.id(alias)}`;
}
