import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { CampaignTable } from '../src/db/schema.ts';
import { expireTickets } from '../src/jobs/expire-tickets.ts';
import { JOBS, runJobs } from '../src/jobs/registry.ts';
import { runJob, type JobDefinition } from '../src/jobs/run-job.ts';
import { nextDailyRun } from '../src/jobs/schedule.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

describe(`daily jobs (${dialectName})`, () => {
  let tdb: TestDb;
  let territoryId: string;
  let past: CampaignTable;
  let current: CampaignTable;

  /** `booklets` booklets of `campaign` whose tickets are all issued. */
  const issuedTickets = async (campaign: CampaignTable, booklets: number) => {
    const minted = await given(tdb.deps).stockBooklets({ campaign, count: booklets });
    const ids = minted.flatMap((b) => b.tickets.map((t) => t.id));
    for (let i = 0; i < ids.length; i += 500) {
      await tdb.deps.db.updateTable('tickets').set({ status: 'issued' }).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
    return ids;
  };
  const statuses = async (ids: string[]) => {
    const rows = await tdb.deps.db.selectFrom('tickets').select('status').where('id', 'in', ids).execute();
    return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  };
  const expiryAudit = async () => {
    const rows = await tdb.deps.db.selectFrom('audit_log').select(['target_id', 'details', 'actor_id']).where('action', '=', 'tickets.expired').execute();
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as { ticketIds: string[]; count: number } }));
  };

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    const g = given(tdb.deps);
    territoryId = await g.territory();
    past = await g.campaign({ territoryId, year: 2024, validity_end: '2025-01-31', name: 'Campagne 2024' });
    current = await g.campaign({ territoryId, year: 2026, validity_end: '2027-01-31', name: 'Campagne 2026' });
  });
  afterAll(async () => tdb.close());

  describe('expiry', () => {
    it('expires the issued tickets past their validity, leaves the others, audits by batch, and is idempotent', async () => {
      const old = await issuedTickets(past, 2);
      const [stock] = await given(tdb.deps).stockBooklets({ campaign: past });
      await tdb.deps.db.updateTable('tickets').set({ status: 'redeemed' }).where('id', '=', old[0]).execute();
      const fresh = await issuedTickets(current, 1);
      const before = (await expiryAudit()).length;

      const first = await runJobs(tdb.deps, ['expiry']);
      expect(first).toMatchObject([{ name: 'expiry', status: 'done', summary: { expired: 9, today: '2026-03-15' } }]);
      expect(await statuses(old)).toEqual({ redeemed: 1, expired: 9 });
      expect(await statuses(stock.tickets.map((t) => t.id))).toEqual({ in_stock: 5 });
      expect(await statuses(fresh)).toEqual({ issued: 5 });
      const audit = (await expiryAudit()).slice(before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ target_id: past.id, actor_id: null, details: { count: 9 } });
      expect(audit[0].details.ticketIds.sort()).toEqual(old.slice(1).sort());

      const second = await runJobs(tdb.deps, 'all');
      expect(second.find((o) => o.name === 'expiry')).toMatchObject({ status: 'done', summary: { expired: 0 } });
      expect((await expiryAudit()).length).toBe(before + 1);
      const runs = await tdb.deps.db.selectFrom('job_runs').selectAll().where('name', '=', 'expiry').execute();
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.every((r) => r.finished_at && JSON.parse(r.summary!).today === '2026-03-15')).toBe(true);
      expect(await tdb.deps.db.selectFrom('job_locks').selectAll().execute()).toEqual([]);
    });

    it('two instances expiring at once never expire or report a ticket twice (1,200 tickets, several batches)', async () => {
      const ids = await issuedTickets(past, 240);
      // PostgreSQL: a second connection pool, as a second instance would have. SQLite: one
      // in-process connection (a second one would block this thread on the file lock); the
      // two runs still interleave batch by batch.
      const second = tdb.handle.dialect === 'postgresql' ? createDatabase({ ...tdb.connection, poolSize: 5 }) : null;
      try {
        const otherDeps = second ? createDeps(tdb.config, second, { now: () => tdb.clock.now() }) : tdb.deps;
        const before = (await expiryAudit()).length;
        // no lock here: the conditional update alone must hold
        const [a, b] = await Promise.all([expireTickets(tdb.deps), expireTickets(otherDeps)]);
        expect(a.expired + b.expired).toBe(1200);
        expect(await statuses(ids)).toEqual({ expired: 1200 });
        const reported = (await expiryAudit()).slice(before).flatMap((e) => e.details.ticketIds);
        expect(reported).toHaveLength(1200);
        expect(new Set(reported).size).toBe(1200);
      } finally {
        await second?.close();
      }
    });
  });

  describe('runJob', () => {
    it('lets only one instance run a job at once: the other skips, and the lock is released after', async () => {
      let release!: () => void;
      let runs = 0;
      const slow: JobDefinition = { description: 'lente', run: () => new Promise((r) => { runs += 1; release = () => r({ ok: true }); }) };
      const first = runJob(tdb.deps, 'slow', slow, { holder: 'instance-a' });
      await new Promise((r) => setTimeout(r, 100));
      const second = await runJob(tdb.deps, 'slow', slow, { holder: 'instance-b' });
      expect(second).toEqual({ name: 'slow', status: 'skipped', reason: 'locked' });
      expect((await tdb.deps.db.selectFrom('job_locks').selectAll().execute()).map((l) => l.holder)).toEqual(['instance-a']);
      release();
      expect(await first).toMatchObject({ status: 'done', summary: { ok: true } });
      expect(runs).toBe(1);
      expect(await tdb.deps.db.selectFrom('job_locks').selectAll().execute()).toEqual([]);
      const again = runJob(tdb.deps, 'slow', slow, { holder: 'instance-b' });
      await new Promise((r) => setTimeout(r, 50));
      release();
      expect(await again).toMatchObject({ status: 'done' });
    });

    it('many instances racing for the lock: exactly one wins', async () => {
      let runs = 0;
      const job: JobDefinition = { description: 'course', run: async () => { runs += 1; await new Promise((r) => setTimeout(r, 200)); return {}; } };
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => runJob(tdb.deps, 'race', job, { holder: `i${i}` })));
      expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'skipped')).toHaveLength(7);
      expect(runs).toBe(1);
    });

    it('takes over a lock left by a crashed instance once it has lapsed', async () => {
      await tdb.deps.db.insertInto('job_locks').values({ name: 'stale', holder: 'crashed', locked_until: new Date(tdb.clock.now().getTime() + 60_000).toISOString() }).execute();
      const job: JobDefinition = { description: 'x', run: async () => ({ done: 1 }) };
      expect((await runJob(tdb.deps, 'stale', job)).status).toBe('skipped');
      tdb.clock.advance(61_000);
      expect((await runJob(tdb.deps, 'stale', job)).status).toBe('done');
    });

    it('records a failing job with its error, releases its lock, and carries on with the others', async () => {
      const failing: JobDefinition = { description: 'x', run: async () => { throw new Error('disque plein'); } };
      const outcome = await runJob(tdb.deps, 'failing', failing);
      expect(outcome).toMatchObject({ status: 'failed', error: 'disque plein' });
      const run = await tdb.deps.db.selectFrom('job_runs').selectAll().where('name', '=', 'failing').executeTakeFirstOrThrow();
      expect(JSON.parse(run.summary!)).toEqual({ error: 'disque plein' });
      expect(await tdb.deps.db.selectFrom('job_locks').selectAll().where('name', '=', 'failing').execute()).toEqual([]);
      await expect(runJobs(tdb.deps, ['nope'])).rejects.toThrow(/Tâche inconnue : nope/);
      expect(Object.keys(JOBS)).toContain('expiry');
    });
  });

  describe('daily schedule', () => {
    it('next run is 03:00 Paris time, across the clock changes', () => {
      expect(nextDailyRun(new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-16T02:00:00.000Z');
      expect(nextDailyRun(new Date('2026-01-16T01:59:00Z')).toISOString()).toBe('2026-01-16T02:00:00.000Z');
      expect(nextDailyRun(new Date('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-07-02T01:00:00.000Z');
      // 30 March 2025: 02:00 → 03:00, so 03:00 is already summer time
      expect(nextDailyRun(new Date('2025-03-29T12:00:00Z')).toISOString()).toBe('2025-03-30T01:00:00.000Z');
      // 26 October 2025: 03:00 → 02:00, so 03:00 is winter time again
      expect(nextDailyRun(new Date('2025-10-25T12:00:00Z')).toISOString()).toBe('2025-10-26T02:00:00.000Z');
      expect(nextDailyRun(new Date('2026-01-15T12:00:00Z'), '22:30').toISOString()).toBe('2026-01-15T21:30:00.000Z');
    });
  });
});

describe('passnum jobs:run (command line, on an embedded database)', () => {
  it('expires the tickets of a past campaign, then finds nothing on a second run', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passnum-jobs-'));
    const config = loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir });
    const handle = createDatabase({ sqlitePath: path.join(dataDir, 'passnum.sqlite') });
    await migrateToLatest(handle);
    const deps = createDeps(config, handle, { now: () => new Date('2026-03-15T10:00:00Z') });
    const g = given(deps);
    const territoryId = await g.territory();
    const campaign = await g.campaign({ territoryId, year: 2022, validity_end: '2023-01-31' });
    const org = await g.organisation({ territoryId });
    const booklet = await g.issuedBooklet({ campaign, organisationId: org });
    await handle.close();

    const run = (name: string) =>
      promisify(execFile)(process.execPath, ['bin/passnum.js', 'jobs:run', name], {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...process.env, NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir, DATABASE_URL: '' },
      });
    const first = await run('expiry');
    expect(first.stdout).toMatch(/✔ expiry : terminée — \{"expired":5,/);
    const second = await run('all');
    expect(second.stdout).toMatch(/✔ expiry : terminée — \{"expired":0,/);
    await expect(run('nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/Tâche inconnue : nope/) });

    const check = createDatabase({ sqlitePath: path.join(dataDir, 'passnum.sqlite') });
    const rows = await check.db.selectFrom('tickets').select('status').where('booklet_id', '=', booklet.id).execute();
    expect(rows.every((r) => r.status === 'expired')).toBe(true);
    await check.close();
  });
});
