import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachingSqliteDialect } from '../src/db/sqlite-driver.ts';

// ADR 11: the SQLite driver keeps prepared statements by SQL text. Reuse must give the same results
// as a fresh statement, in transactions, savepoints, streams and after schema changes.

interface T { items: { id: number; name: string } }

describe('SQLite driver with a statement cache', () => {
  let dialect: CachingSqliteDialect;
  let db: Kysely<T>;

  beforeEach(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'passnum-stmt-')), 'db.sqlite');
    dialect = new CachingSqliteDialect(new SQLite(file), 4);
    db = new Kysely<T>({ dialect });
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
  });
  afterEach(async () => db.destroy());

  it('prepares a statement once and reuses it with other parameters', async () => {
    for (let i = 1; i <= 5; i++) await db.insertInto('items').values({ id: i, name: `n${i}` }).execute();
    const before = dialect.driver.cacheStats();
    for (let i = 1; i <= 5; i++) {
      expect(await db.selectFrom('items').select('name').where('id', '=', i).executeTakeFirst()).toEqual({ name: `n${i}` });
    }
    const after = dialect.driver.cacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(4);
  });

  it('evicts the least recently used statement beyond its size and still answers', async () => {
    await db.insertInto('items').values({ id: 1, name: 'x' }).execute();
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < 6; k++) {
        const rows = await sql<{ v: number }>`select ${sql.lit(k)} as v, name from items`.execute(db);
        expect(rows.rows[0].v).toBe(k);
      }
    }
  });

  it('runs transactions with BEGIN IMMEDIATE and rolls back a failed one, savepoints included', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 10, name: 'kept?' }).execute();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ id: 11, name: 'a' }).execute();
    const sp = await trx.savepoint('sp1').execute();
    await sp.insertInto('items').values({ id: 12, name: 'b' }).execute();
    await sp.rollbackToSavepoint('sp1').execute();
    await trx.commit().execute();
    expect(await db.selectFrom('items').select('id').execute()).toEqual([{ id: 11 }]);
  });

  it('streams with a statement of its own, then runs the same query from the cache', async () => {
    await db.insertInto('items').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }]).execute();
    const q = db.selectFrom('items').select('name').orderBy('id');
    await q.execute();
    const streamed: string[] = [];
    for await (const row of q.stream()) streamed.push(row.name);
    expect(streamed).toEqual(['a', 'b', 'c']);
    expect((await q.execute()).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('a cached statement follows a schema change', async () => {
    await db.insertInto('items').values({ id: 1, name: 'a' }).execute();
    const all = () => sql<Record<string, unknown>>`select * from items`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: 'a' }]);
    await sql`alter table items add column extra integer not null default 7`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: 'a', extra: 7 }]);
  });
});
