import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { parisMonthOf } from '../domain/paris-time.ts';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.ts';
import { log } from '../logging.ts';
import { PreparingClient } from './pg-prepared.ts';
import { startCheckpointer, type CheckpointStats } from './sqlite-checkpointer.ts';
import { CachingSqliteDialect } from './sqlite-driver.ts';

export type Dialect = 'sqlite' | 'postgresql';
export type Database = Kysely<DB>;
export interface DatabaseHandle {
  db: Database;
  dialect: Dialect;
  close(): Promise<void>;
  /** SQLite file databases: what the checkpoint worker has done (sqlite-checkpointer.ts). */
  checkpoints?: CheckpointStats;
  /** PostgreSQL: the connection pool (its size and waiting clients are reported by /metrics). */
  pool?: pg.Pool;
}

export interface DatabaseConfig {
  databaseUrl?: string;
  sqlitePath: string;
  /** PostgreSQL only: a schema to create and use (tests isolate themselves this way). */
  pgSchema?: string;
  poolSize?: number;
  /**
   * SQLite only: `normal` (the default, ADR 9) syncs the WAL at checkpoints — durable against a
   * crash of the application, may lose the last transactions on a power cut or a kernel crash;
   * `full` syncs the WAL at every commit (one fdatasync per transaction, blocking the server).
   */
  sqliteSynchronous?: 'normal' | 'full';
  /**
   * PostgreSQL only: told when an IDLE pooled connection dies (the server restarted, an
   * administrator terminated it: 57P01). The pool drops it and opens another on the next query;
   * without a listener, Node would end the whole process on that 'error' event.
   */
  onIdleConnectionError?: (error: Error & { code?: string }) => void;
}

// PostgreSQL returns bigint and numeric as strings; our sums fit in a double (cents < 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.databaseUrl && /^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      Client: PreparingClient, // repeated statements prepared once per connection (pg-prepared.ts)
      ...(config.pgSchema ? { options: `-c search_path=${config.pgSchema}` } : {}),
    });
    pool.on('error', (error: Error & { code?: string }) => {
      if (config.onIdleConnectionError) config.onIdleConnectionError(error);
      else log('db').warn({ code: error.code, err: error }, 'idle PostgreSQL connection closed; the pool opens another on the next query');
    });
    // A connection that dies while checked out (in a query or a transaction) fails that query,
    // and pg also emits 'error' on the client, to which the pool does not listen while the client
    // is lent: without this listener Node would end the process. The pool drops the client when
    // it comes back unusable.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgresql', close: () => db.destroy(), pool };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const sqlite = new SQLite(config.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Paris calendar month of an ISO instant, for the dashboards' monthly aggregates (sql-dialect.ts).
  sqlite.function('paris_month', { deterministic: true }, (iso: unknown) => (typeof iso === 'string' && iso ? parisMonthOf(iso) : null));
  // BEGIN IMMEDIATE transactions and a prepared-statement cache (sqlite-driver.ts, ADR 1 and 9).
  const dialect = new CachingSqliteDialect(sqlite);
  const db = new Kysely<DB>({ dialect });
  if (config.sqlitePath === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy() };
  // Checkpoints run in a worker thread, not inside the commit that fills the WAL (sqlite-checkpointer.ts).
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(config.sqlitePath, (reason) => {
    sqlite.pragma('wal_autocheckpoint = 1000'); // SQLite's default: commits checkpoint again
    log('db').warn({ reason }, 'SQLite checkpoints are back in the commits');
  });
  dialect.driver.pauseWritesWhen(checkpointer.pause);
  const close = async () => {
    await checkpointer.stop();
    await db.destroy(); // the last connection to close checkpoints what is left and removes the WAL
  };
  return { db, dialect: 'sqlite', close, checkpoints: checkpointer.stats };
}
