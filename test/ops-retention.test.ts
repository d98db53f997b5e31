// The daily backup job and its retention (issue 23, point 1): 7 daily, 4 weekly, 12 monthly.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { backupTakenAt } from '../src/db/backup.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { backupsToDelete, isoWeek } from '../src/domain/backup-retention.ts';
import { pruneBackups } from '../src/jobs/backup.ts';
import { runJobs } from '../src/jobs/registry.ts';
import { FakeClock } from './helpers/clock.ts';
import { dialectName } from './helpers/db.ts';
import { freshOpsTarget } from './helpers/ops-target.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('backup retention', () => {
  it('ISO weeks, across year ends', () => {
    expect(['2026-01-01', '2026-12-07', '2027-01-01', '2021-01-03', '2021-01-04'].map(isoWeek)).toEqual(['2026-W01', '2026-W50', '2026-W53', '2020-W53', '2021-W01']);
  });

  it('a backup every day for 400 days: keeps the last 7 days, the newest of the last 4 weeks and of the last 12 months', () => {
    const start = Date.parse('2025-11-01T02:00:00Z');
    const backups = Array.from({ length: 400 }, (_, i) => ({ takenAt: new Date(start + i * 86_400_000) }));
    const doomed = new Set(backupsToDelete(backups));
    const kept = backups.filter((b) => !doomed.has(b)).map((b) => b.takenAt.toISOString().slice(0, 10));
    // Newest: 2026-12-05. Days: 11-29 … 12-05; Sundays ending weeks 49, 48, 47 (+ this week's newest);
    // months: last day of each of the 11 months before December.
    expect(kept).toEqual([
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31',
      '2026-11-15', '2026-11-22', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05',
    ]);
    expect(backupsToDelete([])).toEqual([]);
    expect(backupsToDelete(backups.slice(0, 1))).toEqual([]);
  });

  it('pruning touches only files named as backups', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passnum-prune-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    for (let d = 1; d <= 20; d++) writeFileSync(path.join(dir, `passnum-2026-11-${String(d).padStart(2, '0')}T02-00-00-000Z.pnbak`), '');
    writeFileSync(path.join(dir, 'notes.txt'), 'à garder');
    const deleted = await pruneBackups(dir);
    expect(deleted.length).toBe(20 - 7 - 2); // kept: the last 7 days, and the newest of weeks 45 and 44 (Sundays 11-08 and 11-01)
    expect(readdirSync(dir)).toContain('notes.txt');
    expect(backupTakenAt('passnum-2026-11-20T02-00-00-000Z.pnbak')?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
  });
});

describe(`the daily backup job (${dialectName})`, () => {
  it('without PASSNUM_BACKUP_DIR: skipped, said so; with it: one backup per run, old ones pruned', async () => {
    const target = await freshOpsTarget('job');
    cleanups.push(() => target.drop());
    const handle = createDatabase({ databaseUrl: target.databaseUrl, sqlitePath: target.sqlitePath });
    cleanups.push(() => handle.close());
    await migrateToLatest(handle);
    const clock = new FakeClock('2026-11-01T02:00:00.000Z');
    const config = loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl ?? '' });
    const without = await runJobs(createDeps(config, handle, { now: () => clock.now() }), ['backup']);
    expect(without).toMatchObject([{ status: 'done', summary: { skipped: expect.stringContaining('PASSNUM_BACKUP_DIR non défini') } }]);

    const backupDir = mkdtempSync(path.join(tmpdir(), 'passnum-job-backups-'));
    cleanups.push(() => rmSync(backupDir, { recursive: true, force: true }));
    const deps = createDeps({ ...config, backupDir }, handle, { now: () => clock.now() });
    for (let day = 0; day < 10; day++) {
      const [outcome] = await runJobs(deps, ['backup']);
      expect(outcome).toMatchObject({ status: 'done', summary: { encrypted: false } });
      clock.advance(86_400_000);
    }
    const files = readdirSync(backupDir).sort();
    // Ten days, 11-01 (a Sunday) to 11-10: the last 7 days are kept, and the newest of each week
    // (11-10, 11-08, 11-01); 11-02 and 11-03 go.
    expect(files.map((f) => f.slice(8, 18))).toEqual(['2026-11-01', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10']);
  }, 120_000);
});
