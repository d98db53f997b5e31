// Kysely's SQLite driver, with two changes (ADR 1, ADR 11):
// - transactions start with BEGIN IMMEDIATE (ADR 1: several processes queue on the write lock
//   instead of failing with SQLITE_BUSY when a reader upgrades);
// - prepared statements are kept in a small LRU keyed by their SQL text. Kysely's own driver calls
//   better-sqlite3's prepare() for every query, which parses and plans the SQL again: on the
//   redemption path that was a third of the server's CPU.
//
// Reusing a statement is safe with better-sqlite3 because every call (all/run) binds its
// parameters afresh and runs the statement to completion synchronously, on the one connection
// Kysely serialises with its mutex. The one exception is iterate(): an iterator keeps the
// statement busy until it is closed, so streamed queries get a statement of their own.
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { WritePause } from './sqlite-checkpointer.ts';

/** How many distinct statements stay prepared: the app has a few hundred distinct queries at most. */
export const STATEMENT_CACHE_SIZE = 500;

class StatementCache {
  private readonly map = new Map<string, BetterSqlite3.Statement>();
  hits = 0;
  misses = 0;
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly capacity: number,
  ) {}

  get(sqlText: string): BetterSqlite3.Statement {
    const cached = this.map.get(sqlText);
    if (cached) {
      // Map keeps insertion order: re-inserting marks the statement as the most recently used.
      this.map.delete(sqlText);
      this.map.set(sqlText, cached);
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    const stmt = this.db.prepare(sqlText);
    this.map.set(sqlText, stmt);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return stmt;
  }

  clear(): void {
    this.map.clear();
  }
}

class CachingSqliteConnection implements DatabaseConnection {
  constructor(
    private readonly db: BetterSqlite3.Database,
    readonly statements: StatementCache,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statements.get(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // Not from the cache: an open iterator would make the shared statement busy for other callers.
    const stmt = this.db.prepare(compiledQuery.sql);
    for (const row of stmt.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/**
 * One connection, handed out to one user at a time, in arrival order. (Kysely's own SQLite driver
 * wakes every waiter at each release and lets them race for it again: with 50 requests waiting, each
 * release cost 50 wake-ups — a measurable share of the server's CPU under load.)
 */
class ConnectionMutex {
  private locked = false;
  private readonly waiters: (() => void)[] = [];
  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  unlock(): void {
    const next = this.waiters.shift();
    if (next) next(); // handed over: stays locked
    else this.locked = false;
  }
}

export class CachingSqliteDriver implements Driver {
  private readonly mutex = new ConnectionMutex();
  private readonly connection: CachingSqliteConnection;
  /** The checkpoint worker's requests for a moment without writes (sqlite-checkpointer.ts). */
  private pause: WritePause | null = null;

  constructor(private readonly db: BetterSqlite3.Database, cacheSize = STATEMENT_CACHE_SIZE) {
    this.connection = new CachingSqliteConnection(db, new StatementCache(db, cacheSize));
  }

  async init(): Promise<void> {}

  /** Lets the checkpoint worker hold the next transaction back while it starts the WAL over. */
  pauseWritesWhen(pause: WritePause): void {
    this.pause = pause;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    if (this.pause?.requested()) await this.pause.ended();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR…): a
    // second ROLLBACK would fail with "no transaction is active" and hide the real cause.
    if (!this.db.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteId(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteId(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteId(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.connection.statements.clear();
    this.db.close();
  }

  /** Hits and misses of the statement cache (tests and profiling). */
  cacheStats(): { hits: number; misses: number } {
    return { hits: this.connection.statements.hits, misses: this.connection.statements.misses };
  }
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * SQLite does run DDL inside transactions; Kysely's adapter says it does not, so its Migrator would
 * apply migrations one statement at a time, without a lock between processes. Saying so makes the
 * Migrator run them in one transaction (BEGIN IMMEDIATE: the write lock, held until the commit).
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class CachingSqliteDialect implements Dialect {
  readonly driver: CachingSqliteDriver;
  constructor(db: BetterSqlite3.Database, cacheSize = STATEMENT_CACHE_SIZE) {
    this.driver = new CachingSqliteDriver(db, cacheSize);
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
