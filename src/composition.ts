import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { sqlitePath, type Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { stopJobs } from './jobs/run-job.ts';
import { auditKeyFrom, useAuditKey } from './repositories/audit.ts';
import type { AppOptions } from './http/app.ts';
import { createSecrets } from './usecases/support/secrets.ts';
import type { Deps } from './usecases/support/deps.ts';

/** The only wiring: config -> database -> use-case dependencies -> HTTP app. */
export function openDatabase(config: Config, extra: { pgSchema?: string; poolSize?: number } = {}): DatabaseHandle {
  return createDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePath(config), sqliteSynchronous: config.sqliteSynchronous, ...extra });
}

export function createDeps(config: Config, handle: DatabaseHandle, overrides: Partial<Deps> = {}): Deps {
  useAuditKey(auditKeyFrom(config.auditKey));
  return {
    db: handle.db,
    dialect: handle.dialect,
    config,
    secrets: createSecrets(config.codeSecret, config.sessionSecret),
    now: () => new Date(),
    newId: () => uuidv7(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    ...overrides,
  };
}

export async function createServer(config: Config, options: AppOptions & { pgSchema?: string } = {}) {
  const handle = openDatabase(config, { pgSchema: options.pgSchema });
  await migrateToLatest(handle, options.pgSchema);
  const deps = createDeps(config, handle);
  // Loaded here, not at the top: the CLI's commands and the bench's children wire the database and
  // the use cases without the HTTP app (Fastify, every route and its schemas: ~90 MB resident).
  const { buildApp } = await import('./http/app.ts');
  const app = await buildApp(deps, { pool: handle.pool, ...options });
  // Stopping: the running jobs finish or reach a safe point (bounded) before the database closes.
  app.addHook('onClose', async () => {
    await stopJobs(handle.db, config.shutdownTimeoutMs);
    await handle.close();
  });
  return { app, deps, handle };
}
