// PostgreSQL connections that keep the app's statements prepared (ADR 17).
//
// Kysely sends every query as an unnamed statement: PostgreSQL parses, analyses and plans the SQL
// text again at every execution. The app's statements are few and repeated (the redemption runs
// the same fourteen texts every time), so here a text seen a second time gets a name, and the
// pg driver prepares it once per connection (Parse) and only binds and executes it afterwards.
//
// - Only statements with parameters: pg sends a statement without parameters with the simple
//   protocol, which allows several commands in one text (migrations) and cannot be prepared.
// - Names are given to at most PREPARED_STATEMENT_LIMIT texts per process, for the life of the
//   process: a text built with a varying number of parameters cannot fill the server's memory.
// - Plans: PostgreSQL's default (`plan_cache_mode = auto`) plans the first five executions with
//   their values, then keeps a generic plan only if it is not costlier than those.
// - A schema change invalidates the prepared plans and PostgreSQL plans them again by itself, except
//   when the columns a `select *` returns change under a running process (ADR 17).
import pg from 'pg';

const PREPARED_STATEMENT_LIMIT = 500;
/** Distinct texts counted before naming: texts seen once beyond it stay unnamed. */
const SIGHTINGS_LIMIT = 10_000;

const names = new Map<string, string>();
const seenOnce = new Set<string>();

/** The name under which `text` is prepared, or undefined while it has been seen only once. */
export function statementName(text: string): string | undefined {
  const name = names.get(text);
  if (name || names.size >= PREPARED_STATEMENT_LIMIT) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size < SIGHTINGS_LIMIT) seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const fresh = `passnum_${names.size + 1}`;
  names.set(text, fresh);
  return fresh;
}

type QueryArgs = [config: unknown, values?: unknown, callback?: unknown];

/** pg's Client, naming the repeated parameterised statements Kysely sends as (text, values). */
export class PreparingClient extends pg.Client {
  override query(...args: QueryArgs): any {
    const [config, values, callback] = args;
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values });
    }
    return (super.query as (...a: QueryArgs) => unknown)(...args);
  }
}
