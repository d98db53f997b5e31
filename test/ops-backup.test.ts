// Backups that restore (issue 23, points 1 and 2): the restore drill under load, and the faults —
// a truncated or tampered file, a non-empty target, a wrong or misplaced key, pg_dump missing.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { openBackup } from '../src/db/backup.ts';
import { createDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import type { Deps } from '../src/usecases/support/deps.ts';
import { dialectName } from './helpers/db.ts';
import { FakeClock } from './helpers/clock.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';
import { listen, postRedemption, spawnApp, stopApp } from './helpers/http-load.ts';
import { runCli } from './helpers/ops-cli.ts';
import { freshOpsTarget, type OpsTarget } from './helpers/ops-target.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Sent { ticketId: string; code: string; startedAt: number; answeredAt: number; status: number }

describe(`backup and restore (${dialectName})`, () => {
  let source: OpsTarget;
  let handle: DatabaseHandle;
  let deps: Deps;
  let scene: RedemptionScene;
  let app: FastifyInstance;
  let baseUrl: string;
  const backupDir = mkdtempSync(path.join(tmpdir(), 'passnum-backups-'));
  cleanups.push(() => rmSync(backupDir, { recursive: true, force: true }));

  beforeAll(async () => {
    source = await freshOpsTarget('drill');
    cleanups.push(() => source.drop());
    handle = createDatabase({ databaseUrl: source.databaseUrl, sqlitePath: source.sqlitePath, poolSize: 10 });
    await migrateToLatest(handle);
    const clock = new FakeClock('2026-03-15T10:00:00.000Z');
    deps = createDeps(loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: source.dataDir, DATABASE_URL: source.databaseUrl ?? '' }), handle, { now: () => clock.now() });
    scene = await redemptionScene(deps, { tickets_per_booklet: 20 });
    app = await buildApp(deps, { serveWeb: false });
    baseUrl = await listen(app);
    cleanups.push(async () => {
      await app.close();
      await handle.close();
    });
  });

  it('restore drill: redemptions under load, `passnum backup` in the middle, `passnum restore` into a fresh target — everything acknowledged before the backup is there, nothing sent after it, the audit chain verifies, the app starts', async () => {
    const g = given(deps);
    const tickets: { id: string; code: string }[] = [];
    for (let i = 0; i < 30; i++) tickets.push(...(await g.issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId })).tickets);
    expect(tickets.length).toBe(600);

    const sent: Sent[] = [];
    let backup: { startedAt: number; endedAt: number; out: string; code: number | null } | null = null;
    let backupStarted = false;
    let next = 0;
    const sentAfterBackup = () => (backup ? sent.filter((s) => s.startedAt > backup!.endedAt).length : 0);
    // Four scanners, each sending one ticket every ~40 ms, until 30 redemptions were sent after
    // the backup ended; the backup starts once 60 redemptions were acknowledged.
    const scanner = async () => {
      while (sentAfterBackup() < 30) {
        if (next >= tickets.length) throw new Error('not enough tickets for the drill: the backup took too long');
        const t = tickets[next++];
        const startedAt = performance.now();
        const r = await postRedemption(baseUrl, scene.token.token, { clientRedemptionId: randomUUID(), codes: [t.code], service: { ...SERVICE, siteId: scene.structure.siteId } });
        sent.push({ ticketId: t.id, code: t.code, startedAt, answeredAt: performance.now(), status: r.status });
        if (!backupStarted && sent.filter((s) => s.status === 201).length >= 60) {
          backupStarted = true;
          const startedAtB = performance.now();
          void runCli(['backup', '--to', backupDir], source.env, 60_000).then((b) => (backup = { ...b, startedAt: startedAtB, endedAt: performance.now() }));
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    };
    await Promise.all([scanner(), scanner(), scanner(), scanner()]);
    const b = backup as unknown as { startedAt: number; endedAt: number; out: string; code: number | null };
    expect(b.code, b.out).toBe(0);
    expect(sent.every((s) => s.status === 201)).toBe(true);
    const before = sent.filter((s) => s.answeredAt < b.startedAt);
    const after = sent.filter((s) => s.startedAt > b.endedAt);
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(after.length).toBeGreaterThanOrEqual(30);

    const [file] = readdirSync(backupDir).filter((f) => f.endsWith('.pnbak'));
    expect(b.out).toContain(`Sauvegarde écrite : ${path.join(backupDir, file)}`);
    const { manifest } = await openBackup(path.join(backupDir, file));
    expect(manifest).toMatchObject({ format: 1, appVersion: '0.1.0', dialect: dialectName, encryption: null });
    expect(manifest.rowCounts.redemptions).toBeGreaterThanOrEqual(before.length);

    const target = await freshOpsTarget('restored');
    cleanups.push(() => target.drop());
    const restore = await runCli(['restore', path.join(backupDir, file)], target.env, 60_000);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('Sauvegarde restaurée');
    expect(restore.out).toMatch(/Journal d’audit intact : \d+ entrées vérifiées/);

    const restored = createDatabase({ databaseUrl: target.databaseUrl, sqlitePath: target.sqlitePath });
    try {
      const rows = await restored.db.selectFrom('redemptions').select('ticket_id').execute();
      const redeemed = new Set(rows.map((r) => r.ticket_id));
      expect(rows.length).toBe(manifest.rowCounts.redemptions);
      expect(before.filter((s) => !redeemed.has(s.ticketId)).map((s) => s.code)).toEqual([]);
      expect(after.filter((s) => redeemed.has(s.ticketId)).map((s) => s.code)).toEqual([]);
      // No half-done redemption: each restored one is a ticket marked used, with its audit entry.
      const ticketRows = await restored.db.selectFrom('tickets').select(['id', 'status']).where('status', '=', 'redeemed').execute();
      expect(new Set(ticketRows.map((t) => t.id))).toEqual(redeemed);
      expect(sent.filter((s) => redeemed.has(s.ticketId)).every((s) => s.status === 201)).toBe(true);
    } finally {
      await restored.close();
    }
    // The app starts on the restored database and serves it.
    const started = await spawnApp(target.databaseUrl ? { DATABASE_URL: target.databaseUrl, PASSNUM_PG_SCHEMA: 'public' } : { PASSNUM_SQLITE_PATH: target.sqlitePath, DATABASE_URL: '' });
    try {
      const health = await fetch(`${started.url}/api/health`);
      expect(health.status).toBe(200);
      const check = await fetch(`${started.url}/api/redemptions`, { headers: { authorization: `Bearer ${scene.token.token}` } });
      expect(check.status).toBe(200);
    } finally {
      await stopApp(started.child);
    }
  }, 180_000);

  describe('refusals, each leaving the target untouched', () => {
    let good: string;
    beforeAll(async () => {
      const r = await runCli(['backup', '--to', backupDir], source.env, 60_000);
      expect(r.code, r.out).toBe(0);
      good = /Sauvegarde écrite : (.*\.pnbak)/.exec(r.out)![1];
    }, 60_000);

    const restoreInto = async (file: string, extraEnv: Record<string, string> = {}, args: string[] = []) => {
      const target = await freshOpsTarget('refused');
      cleanups.push(() => target.drop());
      const r = await runCli(['restore', file, ...args], { ...target.env, ...extraEnv }, 60_000);
      const db = createDatabase({ databaseUrl: target.databaseUrl, sqlitePath: target.sqlitePath });
      const tables = (await db.db.introspection.getTables()).filter((t) => !target.databaseUrl || t.schema === 'public');
      await db.close();
      return { ...r, tablesAfter: tables.length };
    };

    it('a truncated backup: refused as truncated, nothing restored', async () => {
      const cut = path.join(backupDir, 'cut.pnbak');
      copyFileSync(good, cut);
      truncateSync(cut, Math.floor(readFileSync(good).length / 2));
      const r = await restoreInto(cut);
      expect(r.code).toBe(1);
      expect(r.out).toContain('est tronquée');
      expect(r.tablesAfter).toBe(0);
      const verify = await runCli(['backup:verify', cut], source.env);
      expect(verify.code).toBe(1);
      expect(verify.out).toContain('est tronquée');
    }, 60_000);

    it('a tampered backup (one byte changed in the data): refused by its checksum, nothing restored', async () => {
      const bad = path.join(backupDir, 'tampered.pnbak');
      const bytes = readFileSync(good);
      bytes[Math.floor(bytes.length / 3)] ^= 0xff;
      writeFileSync(bad, bytes);
      const r = await restoreInto(bad);
      expect(r.code).toBe(1);
      expect(r.out).toContain('a été altérée : son empreinte SHA-256 ne correspond pas');
      expect(r.tablesAfter).toBe(0);
      expect((await runCli(['backup:verify', good], source.env)).out).toContain('Sauvegarde intacte');
    }, 60_000);

    it('a file that is not a backup: said so', async () => {
      const other = path.join(backupDir, 'notes.txt');
      writeFileSync(other, 'bonjour');
      const r = await restoreInto(other);
      expect(r.code).toBe(1);
      expect(r.out).toContain('n’est pas une sauvegarde passnum');
    }, 60_000);

    it('a non-empty target: refused, the database there unchanged', async () => {
      const before = await handle.db.selectFrom('redemptions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const r = await runCli(['restore', good], source.env, 60_000);
      expect(r.code).toBe(1);
      expect(r.out).toContain('Refus de restaurer : la destination n’est pas vide');
      const after = await handle.db.selectFrom('redemptions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    }, 60_000);

    it('encrypted with a key kept apart: restores with the key; refused without it, with a wrong one, or with a key inside the data directory', async () => {
      const keyDir = mkdtempSync(path.join(tmpdir(), 'passnum-key-'));
      cleanups.push(() => rmSync(keyDir, { recursive: true, force: true }));
      const keyFile = path.join(keyDir, 'backup.key');
      expect((await runCli(['backup:key', keyFile], source.env)).out).toContain('Clé créée');
      expect((await runCli(['backup:key', keyFile], source.env)).out).toContain('existe déjà');
      const encDir = path.join(backupDir, 'enc');
      const made = await runCli(['backup', '--to', encDir, '--key-file', keyFile], source.env, 60_000);
      expect(made.code, made.out).toBe(0);
      expect(made.out).toContain('chiffrées (AES-256-GCM)');
      const enc = /Sauvegarde écrite : (.*\.pnbak)/.exec(made.out)![1];
      // The SQLite file's own header is not readable in the encrypted copy.
      expect(readFileSync(enc).includes(Buffer.from('SQLite format 3'))).toBe(false);

      expect((await restoreInto(enc)).out).toContain('Cette sauvegarde est chiffrée : indiquez sa clé');
      const wrongKey = path.join(keyDir, 'wrong.key');
      writeFileSync(wrongKey, 'ab'.repeat(32));
      const wrong = await restoreInto(enc, {}, ['--key-file', wrongKey]);
      expect(wrong.out).toContain('Clé de chiffrement incorrecte');
      expect(wrong.tablesAfter).toBe(0);
      const inside = path.join(source.dataDir, 'backup.key');
      copyFileSync(keyFile, inside);
      const misplaced = await runCli(['backup', '--to', encDir, '--key-file', inside], source.env);
      expect(misplaced.code).toBe(1);
      expect(misplaced.out).toContain('ne doit pas se trouver dans');
      const ok = await restoreInto(enc, { PASSNUM_BACKUP_KEY_FILE: keyFile });
      expect(ok.code, ok.out).toBe(0);
      expect(ok.out).toMatch(/Journal d’audit intact/);
    }, 120_000);

    it.runIf(dialectName === 'postgresql')('pg_dump missing from the PATH: a clear French error, no file left', async () => {
      const emptyDir = path.join(backupDir, 'nopath');
      const r = await runCli(['backup', '--to', emptyDir], { ...source.env, PATH: '/nonexistent' });
      expect(r.code).toBe(1);
      expect(r.out).toContain('pg_dump est introuvable dans le PATH : installez le client PostgreSQL');
      expect(readdirSync(emptyDir)).toEqual([]);
    }, 60_000);
  });
});
