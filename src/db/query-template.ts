// Queries built and compiled once, then executed with new values (issue #8, the redemption's hot path).
//
// Kysely builds an immutable tree for every query and compiles it to SQL at every execution: ~50 µs
// of CPU per statement, a quarter of a redemption once the statements themselves were cheap. A
// template is written with the query builder as usual (same types, same SQL), but over placeholder
// values; it is compiled once per dialect, and each execution only swaps the placeholders in the
// compiled parameters for the call's values. The SQL text is then identical every time, so the
// SQLite driver's statement cache (sqlite-driver.ts) also prepares it once.
//
// A placeholder can stand for a single value only (a `where x = …`, a `set`, an inserted column):
// lists given to `in` must have a fixed length when the template is built. The placeholders object
// has no own keys: name each field (`{ a: p.a }`), never spread it (`{ ...p }` would be empty).
import { CompiledQuery, type Compilable, type QueryResult, type RawBuilder } from 'kysely';
import type { Executor } from '../repositories/tx.ts';

const MARK = '\u0000passnum-template:';

export interface QueryTemplate<P, R> {
  execute(db: Executor, values: P): Promise<R[]>;
  /** The statement with the call's values, not executed (to be part of a larger one: bulk-insert.ts). */
  compile(db: Executor, values: P): CompiledQuery<R>;
}

/** `build` returns a query builder or a `sql` template, over `values` whose fields are placeholders. */
export function queryTemplate<P extends object, R>(build: (db: Executor, values: P) => Compilable<R> | RawBuilder<R>): QueryTemplate<P, R> {
  const placeholders = new Proxy({} as P, { get: (_, key) => `${MARK}${String(key)}`, ownKeys: () => { throw new Error('queryTemplate: name the fields of the placeholders, do not spread them'); } });
  // Compiled per adapter class (SQLite, PostgreSQL): their SQL and placeholder syntax differ.
  const compiled = new Map<unknown, CompiledQuery<R>>();
  const template = {
    compile(db: Executor, values: P): CompiledQuery<R> {
      const adapter = db.getExecutor().adapter.constructor;
      let query = compiled.get(adapter);
      if (!query) {
        // A builder's compile() takes no argument; a `sql` template's takes the executor.
        query = (build(db, placeholders) as RawBuilder<R>).compile(db);
        compiled.set(adapter, query);
      }
      const parameters = query.parameters.map((p) => {
        if (typeof p !== 'string' || !p.startsWith(MARK)) return p;
        const key = p.slice(MARK.length);
        if (!(key in values)) throw new Error(`queryTemplate: no value for "${key}"`);
        return (values as Record<string, unknown>)[key];
      });
      return CompiledQuery.raw(query.sql, parameters) as CompiledQuery<R>;
    },
    async execute(db: Executor, values: P): Promise<R[]> {
      const result: QueryResult<R> = await db.executeQuery(template.compile(db, values));
      return result.rows;
    },
  };
  return template;
}
