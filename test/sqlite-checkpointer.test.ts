import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/database.ts';
import { startCheckpointer } from '../src/db/sqlite-checkpointer.ts';

// ADR 14: the app's SQLite connection never checkpoints inside a commit; a worker thread
// does it, so the WAL is copied back and reused instead of growing, and nothing is lost on close.

const until = async (ok: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

describe('SQLite checkpoints in a worker thread', () => {
  it('copies committed pages into the database file while the app keeps writing, and the WAL stays bounded', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'passnum-ckpt-')), 'db.sqlite');
    const handle = createDatabase({ sqlitePath: file });
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
    expect(rows[0].wal_autocheckpoint).toBe(0);
    await sql`create table items (id integer primary key, payload text not null)`.execute(handle.db);
    // 40 rounds of 25 one-row transactions of ~2 KB over ~1.5 s: 1,000 commits, ~8 MB through the WAL.
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 25; i++) {
        await handle.db.transaction().execute((trx) => sql`insert into items (payload) values (${'x'.repeat(2000)})`.execute(trx));
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(await until(() => handle.checkpoints!.runs > 0)).toBe(true);
    expect(handle.checkpoints!.lastError).toBeNull();
    // Without checkpoints the WAL would hold every page written (~8 MB): it was reused.
    expect(statSync(`${file}-wal`).size).toBeLessThan(4_000_000);
    await handle.close();
    // Closed: everything is in the database file and the WAL is gone.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reader = new SQLite(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from items').get()).toEqual({ n: 1000 });
    reader.close();
  });

  it('keeps the WAL bounded under back-to-back transactions from concurrent callers', async () => {
    // With no gap between transactions, a commit never finds the WAL fully copied at its start, so
    // only the worker's RESTART past the hard limit starts it over.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'passnum-ckpt-')), 'db.sqlite');
    const handle = createDatabase({ sqlitePath: file });
    await sql`create table items (id integer primary key, payload text not null)`.execute(handle.db);
    // 20 callers × 2,000 commits of a page or more each (261 MB of WAL without the forced restart),
    // a fixed amount of work rather than a duration, so that a slow machine does the same.
    const written = 20 * 2000;
    const writer = async () => {
      for (let i = 0; i < 2000; i++) {
        await handle.db.transaction().execute((trx) => sql`insert into items (payload) values (${'x'.repeat(2000)})`.execute(trx));
      }
    };
    await Promise.all(Array.from({ length: 20 }, writer));
    expect(await until(() => handle.checkpoints!.restarts > 0)).toBe(true);
    // Every commit appends at least one 4 KB page: a WAL smaller than that was started over and reused.
    expect(statSync(`${file}-wal`).size).toBeLessThan(written * 4096);
    expect(handle.checkpoints!.lastError).toBeNull();
    await handle.close();
    const reader = new SQLite(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from items').get()).toEqual({ n: written });
    reader.close();
  });

  it('says so when the worker dies, so that the app checkpoints by itself again', async () => {
    const reasons: string[] = [];
    const checkpointer = startCheckpointer(path.join(tmpdir(), 'passnum-no-such-dir', 'db.sqlite'), (reason) => reasons.push(reason));
    expect(await until(() => reasons.length > 0)).toBe(true);
    expect(reasons).toHaveLength(1);
    expect(checkpointer.stats.lastError).toBe(reasons[0]);
    await checkpointer.stop();
  });
});
