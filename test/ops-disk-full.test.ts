// SQLite with its disk full, for real (issue 23, faults): a small tmpfs holds the data directory
// and is filled up. Writes answer a French 503 (not a generic 500), readiness says why, a backup
// onto the full disk fails cleanly, nothing acknowledged is lost, and the service recovers by
// itself when space is freed. Needs mount(8) (root); PostgreSQL's disk is the server's business.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { verifyAudit } from '../src/usecases/administration/verify-audit.ts';
import { dialectName } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE } from './helpers/given-redemption.ts';
import { listen, postRedemption } from './helpers/http-load.ts';
import { runCli } from './helpers/ops-cli.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'passnum-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Fills the filesystem of `dir` up to the last byte; returns the filler's path. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  const chunk = Buffer.alloc(64 * 1024, 1);
  for (;;) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
    } catch {
      break;
    }
  }
  for (const n of [4096, 512, 1]) {
    for (;;) {
      try {
        writeFileSync(filler, Buffer.alloc(n, 1), { flag: 'a' });
      } catch {
        break;
      }
    }
  }
  return filler;
}

describe.runIf(dialectName === 'sqlite' && canMount())('SQLite: the data disk full (a real, small tmpfs)', () => {
  it('writes answer a French 503, readiness says so, a backup there fails cleanly; space freed: everything resumes, nothing acknowledged lost', async () => {
    const mount = mkdtempSync(path.join(tmpdir(), 'passnum-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mount]);
      rmSync(mount, { recursive: true, force: true });
    });
    const dataDir = path.join(mount, 'data');
    const config = loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: dataDir, DATABASE_URL: '' });
    const handle = createDatabase({ sqlitePath: path.join(dataDir, 'passnum.sqlite') });
    await migrateToLatest(handle);
    const deps = createDeps(config, handle);
    const scene = await redemptionScene(deps, { tickets_per_booklet: 20 });
    const tickets: { id: string; code: string }[] = [];
    for (let i = 0; i < 10; i++) tickets.push(...(await given(deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId })).tickets);
    const app: FastifyInstance = await buildApp(deps, { serveWeb: false });
    const baseUrl = await listen(app);
    cleanups.push(async () => {
      await app.close();
      await handle.close();
    });
    const redeem = (t: { code: string }) => postRedemption(baseUrl, scene.token.token, { clientRedemptionId: randomUUID(), codes: [t.code], service: { ...SERVICE, siteId: scene.structure.siteId } });
    const answers: { id: string; status: number }[] = [];
    let next = 0;
    for (; next < 20; next++) answers.push({ id: tickets[next].id, status: (await redeem(tickets[next])).status });
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect((await fetch(`${baseUrl}/api/health/readiness`)).status).toBe(200);

    const filler = fill(mount);
    // Writes until the database cannot write any more (pages already free inside the file may
    // take a few first).
    let refusal: { status: number; body: any } | null = null;
    for (; next < 120 && !refusal; next++) {
      const r = await redeem(tickets[next]);
      answers.push({ id: tickets[next].id, status: r.status });
      if (r.status !== 201) refusal = r;
    }
    expect(refusal?.status).toBe(503);
    expect(refusal?.body.message).toContain('Le disque de la base de données est plein : rien n’a été enregistré');
    expect(refusal?.body.details.cause).toBe('disk_full');
    // Reads still work; the health probe stays cheap and up; readiness says why it is not ready.
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    const readiness = await fetch(`${baseUrl}/api/health/readiness`);
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).checks.disk).toContain('disque de la base presque plein');
    // A backup onto the full disk: a French error, no partial file left.
    const backupDir = path.join(mount, 'backups');
    const backup = await runCli(['backup', '--to', backupDir], { PASSNUM_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(backup.code).toBe(1);
    expect(backup.out).toMatch(/Le disque des sauvegardes est plein|Le disque de la base de données est plein/);
    expect(readdirSync(backupDir).filter((f) => !f.startsWith('.'))).toEqual([]);

    rmSync(filler);
    for (const end = next + 20; next < end; next++) answers.push({ id: tickets[next].id, status: (await redeem(tickets[next])).status });
    expect(answers.slice(-20).every((a) => a.status === 201)).toBe(true);
    expect((await fetch(`${baseUrl}/api/health/readiness`)).status).toBe(200);

    const stored = new Set((await handle.db.selectFrom('redemptions').select('ticket_id').execute()).map((r) => r.ticket_id));
    expect(answers.filter((a) => a.status === 201 && !stored.has(a.id))).toEqual([]);
    expect(answers.filter((a) => a.status !== 201 && stored.has(a.id))).toEqual([]);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
    // A backup now works.
    const again = await runCli(['backup', '--to', backupDir], { PASSNUM_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(again.code, again.out).toBe(0);
  }, 120_000);
});
