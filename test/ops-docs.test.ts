// docs/operations.md cannot rot (issue 23, point 8): every shell block marked as run by this test
// is run as written (`npx passnum` is this checkout's CLI), in order, against a real database and
// a real `passnum start`; the configuration examples keep the directives the guide relies on.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/composition.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { dialectName } from './helpers/db.ts';
import { redemptionScene } from './helpers/given-redemption.ts';
import { freePort, ROOT } from './helpers/ops-cli.ts';
import { freshOpsTarget } from './helpers/ops-target.ts';

const doc = readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
const MARK = '<!-- exécuté par test/ops-docs.test.ts -->';
const runBlocks = [...doc.matchAll(new RegExp(`${MARK}\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
const block = (fence: string) => new RegExp('```' + fence + '\\n([\\s\\S]*?)```').exec(doc)![1];

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe(`docs/operations.md (${dialectName})`, () => {
  it('has its four runnable blocks: key and backup, restore, upgrade, monitoring', () => {
    expect(runBlocks.length).toBe(4);
  });

  it('every marked block runs as written and does what the guide says', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'passnum-docs-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    // `npx passnum …` → this checkout's CLI.
    const shims = path.join(work, 'shims');
    mkdirSync(shims);
    writeFileSync(path.join(shims, 'npx'), `#!/bin/sh\n[ "$1" = passnum ] && shift\nexec "${process.execPath}" "${path.join(ROOT, 'bin/passnum.js')}" "$@"\n`);
    chmodSync(path.join(shims, 'npx'), 0o755);
    const source = await freshOpsTarget('docs');
    cleanups.push(() => source.drop());
    const handle = createDatabase({ databaseUrl: source.databaseUrl, sqlitePath: source.sqlitePath });
    await migrateToLatest(handle);
    await redemptionScene(createDeps(loadConfig({ NODE_ENV: 'test', PASSNUM_DATA_DIR: source.dataDir }), handle));
    await handle.close();
    const restored = await freshOpsTarget('docs_restored');
    cleanups.push(() => restored.drop());
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PATH: `${shims}:${process.env.PATH}`,
      ...source.env,
      CLES: path.join(work, 'cles'),
      SAUVEGARDES: path.join(work, 'sauvegardes'),
      NOUVELLES_DONNEES: restored.dataDir,
      PASSNUM_METRICS_TOKEN: 'jeton-de-supervision-docs-0123456789',
    };
    mkdirSync(env.CLES);
    const sh = (script: string, extra: Record<string, string> = {}) =>
      promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, env: { ...env, ...extra }, timeout: 120_000 });

    const [backupBlock, restoreBlock, upgradeBlock, monitoringBlock] = runBlocks;
    const made = await sh(backupBlock);
    expect(made.stdout).toContain('Clé créée');
    expect(made.stdout).toContain('chiffrées (AES-256-GCM)');
    expect(made.stdout).toContain('Sauvegarde intacte');

    // On PostgreSQL the restore goes to a new database (the guide says so under the block).
    const restoredRun = await sh(restoreBlock, restored.databaseUrl ? { DATABASE_URL: restored.databaseUrl } : {});
    expect(restoredRun.stdout).toContain('Sauvegarde restaurée');
    expect(restoredRun.stdout).toMatch(/Journal d’audit intact : \d+ entrées vérifiées\.\n[\s\S]*Journal d’audit intact/);

    const upgraded = await sh(upgradeBlock);
    expect(upgraded.stdout).toContain('Sauvegarde écrite');
    expect(upgraded.stdout).toContain('La base est déjà à jour.');

    const port = await freePort();
    const server = spawn(process.execPath, [path.join(ROOT, 'bin/passnum.js'), 'start', '--no-demo'], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    server.stderr.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => server.on('exit', resolve));
    cleanups.push(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    for (let i = 0; i < 600 && !out.includes('passnum est prêt'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('passnum est prêt');
    const monitored = await sh(monitoringBlock, { PORT: String(port) });
    expect(monitored.stdout).toContain('"status":"ok"');
    expect(monitored.stdout).toContain('"status":"ready"');
    expect(monitored.stdout).toContain('passnum_http_requests_total{method="GET",route="/api/health",status="200"}');
    server.kill('SIGTERM');
    await exited;
    expect(out).toContain('passnum arrêté proprement');
  }, 300_000);

  it('the configuration examples keep what the guide relies on', () => {
    const unit = block('ini');
    expect(unit).toContain('ExecStartPre=/usr/bin/node bin/passnum.js migrate');
    expect(unit).toContain('ExecStart=/usr/bin/node bin/passnum.js start --no-demo');
    expect(unit).toMatch(/KillSignal=SIGTERM\nTimeoutStopSec=(\d+)/);
    // systemd must wait longer than passnum's own grace period (PASSNUM_SHUTDOWN_TIMEOUT_MS).
    expect(Number(/TimeoutStopSec=(\d+)/.exec(unit)![1]) * 1000).toBeGreaterThan(loadConfig({}).shutdownTimeoutMs);
    const caddy = block('caddy');
    expect(caddy).toContain('health_uri /api/health/readiness');
    expect(caddy).toContain('respond /metrics 404');
    const nginx = block('nginx');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(nginx).toContain('location = /metrics { return 404; }');
    expect(nginx).toContain('proxy_next_upstream error timeout http_503;');
    // Every variable the guide names is one the configuration reads.
    const configSource = readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
    for (const name of doc.match(/\bPASSNUM_[A-Z_]+\b/g) ?? []) expect(configSource, name).toContain(`env.${name}`);
  });
});
