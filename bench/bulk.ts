// Bulk loading for the synthetic dataset, straight on the driver (the bench is not the app: no
// use-case rules to honour here, only speed). SQLite: prepared multi-row INSERTs inside large
// transactions. PostgreSQL: INSERT … SELECT FROM unnest(arrays) — one round trip per 10,000 rows,
// the COPY-like path that the pg driver offers without an extra package.
// During the load, secondary indexes and unique constraints are dropped and rebuilt afterwards
// (a sorted index build beats millions of random B-tree inserts), and foreign-key checks are off.
import SQLite from 'better-sqlite3';
import pg from 'pg';

export type ColType = 'text' | 'int' | 'bigint' | 'real';
export type Columns = Record<string, ColType>;

export interface BulkSink {
  readonly dialect: 'sqlite' | 'postgresql';
  insert(table: string, columns: Columns, rows: unknown[][]): Promise<void>;
  exec(sqlText: string): Promise<void>;
  query<T>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Drops the secondary indexes (and, on PostgreSQL, unique constraints) of `tables`. */
  dropIndexes(tables: string[]): Promise<void>;
  /** Rebuilds what dropIndexes dropped; returns the seconds it took. */
  rebuildIndexes(): Promise<number>;
  close(): Promise<void>;
}

export function sqliteSink(path: string): BulkSink {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -2000000'); // 2 GB of page cache while loading
  db.pragma('temp_store = MEMORY');
  const statements = new Map<string, SQLite.Statement>();
  let dropped: { name: string; sql: string }[] = [];
  const stmt = (table: string, cols: string[], n: number) => {
    const key = `${table}:${n}`;
    let s = statements.get(key);
    if (!s) {
      const one = `(${cols.map(() => '?').join(',')})`;
      s = db.prepare(`insert into ${table} (${cols.join(',')}) values ${Array(n).fill(one).join(',')}`);
      statements.set(key, s);
    }
    return s;
  };
  return {
    dialect: 'sqlite',
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const cols = Object.keys(columns);
      const per = Math.max(1, Math.min(200, Math.floor(30000 / cols.length)));
      db.exec('begin');
      try {
        let i = 0;
        for (; i + per <= rows.length; i += per) stmt(table, cols, per).run(rows.slice(i, i + per).flat());
        if (i < rows.length) stmt(table, cols, rows.length - i).run(rows.slice(i).flat());
        db.exec('commit');
      } catch (error) {
        db.exec('rollback');
        throw error;
      }
    },
    async exec(sqlText) {
      db.exec(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      return db.prepare(sqlText).all(...params) as T[];
    },
    async dropIndexes(tables) {
      const rows = db
        .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`)
        .all(...tables) as { name: string; sql: string }[];
      for (const r of rows) db.exec(`drop index ${r.name}`);
      dropped = rows;
    },
    async rebuildIndexes() {
      const t0 = performance.now();
      for (const r of dropped) db.exec(r.sql);
      dropped = [];
      return (performance.now() - t0) / 1000;
    },
    async close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

const PG_TYPES: Record<ColType, string> = { text: 'text[]', int: 'integer[]', bigint: 'bigint[]', real: 'double precision[]' };

export async function pgSink(url: string): Promise<BulkSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set session_replication_role = replica'); // no FK triggers while loading
  await client.query('set synchronous_commit = off');
  await client.query(`set maintenance_work_mem = '512MB'`);
  let droppedIndexes: { name: string; def: string }[] = [];
  let droppedConstraints: { table: string; name: string; def: string }[] = [];
  return {
    dialect: 'postgresql',
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const cols = Object.keys(columns);
      for (let i = 0; i < rows.length; i += 10_000) {
        const chunk = rows.slice(i, i + 10_000);
        const arrays = cols.map((_, c) => chunk.map((r) => r[c]));
        const params = cols.map((c, k) => `$${k + 1}::${PG_TYPES[columns[c]]}`).join(', ');
        await client.query(`insert into ${table} (${cols.join(',')}) select * from unnest(${params})`, arrays);
      }
    },
    async exec(sqlText) {
      await client.query(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      return (await client.query(sqlText, params)).rows as T[];
    },
    async dropIndexes(tables) {
      const cons = await client.query<{ table: string; name: string; def: string }>(
        `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
           from pg_constraint where contype = 'u' and connamespace = 'public'::regnamespace and conrelid::regclass::text = any($1)`,
        [tables],
      );
      const idx = await client.query<{ name: string; def: string }>(
        `select indexname as name, indexdef as def from pg_indexes
          where schemaname = 'public' and tablename = any($1)
            and indexname not in (select conname from pg_constraint where connamespace = 'public'::regnamespace)`,
        [tables],
      );
      for (const c of cons.rows) await client.query(`alter table ${c.table} drop constraint ${c.name}`);
      for (const i of idx.rows) await client.query(`drop index ${i.name}`);
      droppedConstraints = cons.rows;
      droppedIndexes = idx.rows;
    },
    async rebuildIndexes() {
      const t0 = performance.now();
      for (const c of droppedConstraints) await client.query(`alter table ${c.table} add constraint ${c.name} ${c.def}`);
      for (const i of droppedIndexes) await client.query(i.def);
      droppedConstraints = [];
      droppedIndexes = [];
      return (performance.now() - t0) / 1000;
    },
    async close() {
      await client.end();
    },
  };
}
