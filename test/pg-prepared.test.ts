import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/database.ts';
import { statementName } from '../src/db/pg-prepared.ts';

// ADR 17: on PostgreSQL, a parameterised statement seen a second time is prepared once per
// connection and then only bound and executed (src/db/pg-prepared.ts).

describe('names of prepared statements', () => {
  it('names a text from its second sighting on, always the same name', () => {
    const text = `select $1 as v -- ${Math.random()}`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^passnum_\d+$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL connections', () => {
  it('prepare a repeated statement once, answer every call with its own values, leave the others unprepared', async () => {
    const schema = `t_prep_${Date.now().toString(36)}`;
    const handle = createDatabase({ databaseUrl: process.env.DATABASE_URL, sqlitePath: ':memory:', pgSchema: schema, poolSize: 1 });
    const db = handle.db as unknown as Kysely<{ items: { id: number; name: string } }>;
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      await sql`create table items (id integer primary key, name text not null)`.execute(db);
      await sql`insert into items select g, 'n' || g from generate_series(1, 20) g`.execute(db);
      const lookup = (id: number) => db.selectFrom('items').select('name').where('id', '=', id).executeTakeFirst();
      for (let id = 1; id <= 12; id++) expect(await lookup(id)).toEqual({ name: `n${id}` });
      // Several commands in one text, without parameters: sent as before (the simple protocol).
      await sql.raw(`update items set name = 'x' where id = 20; update items set name = 'y' where id = 19`).execute(db);

      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
      const texts = prepared.rows.map((r) => r.statement);
      expect(texts).toContain('select "name" from "items" where "id" = $1');
      expect(texts.filter((t) => t.includes('"items"'))).toHaveLength(1);
      expect(texts.some((t) => t.includes('update items'))).toBe(false);
      expect(await lookup(19)).toEqual({ name: 'y' });
      // A failing execution leaves the prepared statement usable.
      await expect(sql`insert into items (id, name) values (${1}, ${'dup'})`.execute(db)).rejects.toThrow();
      await expect(sql`insert into items (id, name) values (${1}, ${'dup'})`.execute(db)).rejects.toThrow();
      await sql`insert into items (id, name) values (${21}, ${'n21'})`.execute(db);
      expect(await lookup(21)).toEqual({ name: 'n21' });
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
      await handle.close();
    }
  });
});
