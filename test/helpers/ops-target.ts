import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase } from '../../src/db/database.ts';

/**
 * A whole, empty database of its own, as an operator has one: a fresh data directory for SQLite,
 * or a fresh PostgreSQL database (named passnum_ops_*) for PostgreSQL — the backup commands
 * work on a whole database, not on a test's schema. `env` points the CLI at it.
 */
export interface OpsTarget {
  dataDir: string;
  sqlitePath: string;
  databaseUrl?: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshOpsTarget(label: string): Promise<OpsTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `passnum-${label}-`));
  const sqlitePath = path.join(dataDir, 'passnum.sqlite');
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    return { dataDir, sqlitePath, env: { PASSNUM_DATA_DIR: dataDir, DATABASE_URL: '' }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `passnum_ops_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = createDatabase({ databaseUrl: baseUrl, sqlitePath: ':memory:', poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  const databaseUrl = baseUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    dataDir,
    sqlitePath,
    databaseUrl,
    env: { PASSNUM_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async drop() {
      const a = createDatabase({ databaseUrl: baseUrl, sqlitePath: ':memory:', poolSize: 1 });
      await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
      await a.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
