import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A database or a transaction: repositories accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;
export type Tx = Transaction<DB>;

/** Runs `fn` in one transaction (BEGIN IMMEDIATE on SQLite, READ COMMITTED on PostgreSQL). */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** True when an error is a unique-constraint violation (both dialects), optionally a named one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  const unique = e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || !constraint) return unique;
  return e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** True when an error is a CHECK-constraint violation, optionally a named one. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  const check = e?.code === '23514' || e?.code === 'SQLITE_CONSTRAINT_CHECK';
  if (!check || !constraint) return check;
  return e.constraint === constraint || (e.message ?? '').includes(constraint);
}
