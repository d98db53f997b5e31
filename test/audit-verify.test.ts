import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/usecases/administration/create-campaign.ts';
import { openCampaign } from '../src/usecases/administration/change-campaign-status.ts';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

/** Runs the real CLI on the test database (same SQLite file, or same PostgreSQL schema). */
function runCli(tdb: TestDb, command: string) {
  const { databaseUrl, sqlitePath, pgSchema } = tdb.connection;
  const url = databaseUrl && pgSchema ? `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}` : '';
  return spawnSync(process.execPath, ['bin/passnum.js', command], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, PASSNUM_DATA_DIR: path.dirname(sqlitePath), DATABASE_URL: url, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe(`audit chain verification (${dialectName})`, () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    const admin = await g.user({ territoryId, role: 'admin' });
    const actor = { kind: 'user' as const, id: admin.id, role: 'admin' as const, territoryId, organisationId: null, structureId: null, label: admin.email };
    const c = await createCampaign(tdb.deps, actor, {
      name: 'Audit', year: 2026, ticketsPerBooklet: 5, faceValueCents: 1000, issuanceStart: '2026-01-01', issuanceEnd: '2026-12-31',
      validityEnd: '2027-01-31', claimDeadline: '2027-03-31', budgetCents: 100_000, eligibleServices: ['Aide aux démarches administratives'],
      diagnosticThreshold: 'intermediaire', allowReplacement: true, quotaFixed: 10, quotaWeightedTotal: 0,
    });
    await openCampaign(tdb.deps, actor, c.id);
  });
  afterAll(async () => tdb.close());

  it('accepts the intact chain, from the use case and from the CLI', async () => {
    const r = await verifyAudit(tdb.deps);
    expect(r).toMatchObject({ ok: true, entries: 3, keyedFrom: 1, checkpoints: [] });
    const cli = runCli(tdb, 'audit:verify');
    expect(cli.stdout).toContain('Journal d’audit intact : 3 entrées vérifiées.');
    expect(cli.status).toBe(0);
  });

  it('names the entry altered directly in the database, and the CLI exits non-zero', async () => {
    await tdb.deps.db.updateTable('audit_log').set({ details: '{"name":"Falsifié"}' }).where('seq', '=', 2).execute();
    expect(await verifyAudit(tdb.deps)).toMatchObject({ ok: false, entries: 1, seq: 2, problem: 'l’entrée n° 2 a été modifiée' });
    const cli = runCli(tdb, 'audit:verify');
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('Journal d’audit ALTÉRÉ : l’entrée n° 2 a été modifiée');
  });

  it('names a removed entry', async () => {
    await tdb.deps.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAudit(tdb.deps)).toMatchObject({ ok: false, entries: 1, seq: 2, problem: 'l’entrée n° 2 a été supprimée' });
  });
});
