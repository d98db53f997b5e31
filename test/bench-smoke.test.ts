// Smoke version of every benchmark scenario (issue #8): a tiny dataset on the current database
// (SQLite, or a fresh database next to DATABASE_URL on PostgreSQL), every scenario run end to end
// through the real server child, load generator and memory probes, then the results file checked:
// every figure present and finite, the machine and versions recorded, exactly-once held.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'passnum-bench-'));
const db = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';

const EXPECTED: Record<string, RegExp[]> = {
  redemption: [/^Utilisation \(HTTP\) — requêtes\/s$/, /^Utilisation \(HTTP\) — p50$/, /^Utilisation \(HTTP\) — p99$/, /erreurs/, /^Plancher framework/, /^Plancher stockage/, /^Utilisation \/ plancher framework$/, /^Utilisation \/ plancher stockage$/, /^Exactement une fois/],
  check: [/^Vérification \(HTTP\) — requêtes\/s$/, /^Vérification \(HTTP\) — p99$/, /^Plancher framework/, /^Plancher stockage/, /^Vérification \/ plancher framework$/, /^Vérification \/ plancher stockage$/],
  issuance: [/^Émission — tickets\/s$/, /^PDF de carnet — carnets\/s$/, /^Lot d’impression .* durée$/, /^Lot d’impression — mémoire maximale$/],
  dashboards: [/^territoire — entonnoir: funnelFromStats — p95$/, /^national — entonnoir: funnelFromStats — p95$/, /^national — argent: moneyFromStats — p95$/, /^national — personnes: profilesFromStats — p95$/, /^national — à appeler: expiringUnused — p95$/, /^territoire — tableau argent \(cas d’usage\) — p95$/],
  exports: [/^Export CSV — lignes\/s$/, /^Export CSV — mémoire maximale$/, /^Export XLSX — lignes\/s$/, /^Export XLSX — mémoire maximale$/],
  'scale-out': db === 'postgresql' ? [/^1 processus — requêtes\/s$/, /^2 processus — requêtes\/s$/, /^2 processus \/ 1 processus$/, /^Exactement une fois/] : [],
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`benchmark smoke run (${db})`, () => {
  it('runs every scenario at tiny scale and writes a complete results file', { timeout: 240_000 }, async () => {
    process.env.PASSNUM_BENCH_DIR = path.join(dir, 'data');
    if (process.env.DATABASE_URL) process.env.PASSNUM_BENCH_PG_URL = process.env.DATABASE_URL;
    const { runBench } = await import('../bench/run.ts');
    const { file } = await runBench({
      scenarios: ['redemption', 'check', 'issuance', 'dashboards', 'exports', 'scale-out'],
      db,
      scale: 'smoke',
      overrides: { duration: 1, warmup: 0.3, connections: 10 },
      resultsDir: path.join(dir, 'results'),
      log: () => {},
      commandLine: 'test/bench-smoke.test.ts',
    });
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.database).toBe(db);
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.cpu).toBeTruthy();
    expect(json.machine.loadavgAtStart).toHaveLength(3);
    expect(json.versions.node).toBe(process.version);
    expect(json.versions.sqlite).toMatch(/^3\./);
    if (db === 'postgresql') expect(json.versions.postgresql).toMatch(/^\d+/);
    expect(json.dataset.counts.tickets).toBe((300 + 2_000) * 5);
    expect(json.dataset.counts.redemptions).toBe(600);

    const byName = new Map<string, { figures: { name: string; value: number; target?: unknown; met?: boolean }[]; details: any }>(json.results.map((r: any) => [r.scenario, r]));
    for (const [scenario, expected] of Object.entries(EXPECTED)) {
      const r = byName.get(scenario);
      expect(r, scenario).toBeDefined();
      for (const f of r!.figures) expect(Number.isFinite(f.value), `${scenario}: ${f.name}`).toBe(true);
      for (const pattern of expected) expect(r!.figures.some((f) => pattern.test(f.name)), `${scenario}: ${pattern}`).toBe(true);
    }
    // Every request of the load redeemed a real ticket; nothing was redeemed twice.
    const redemption = byName.get('redemption')!;
    expect(redemption.details.redemption.ok).toBeGreaterThan(0);
    expect(redemption.details.poolExhausted).toBe(false);
    expect(redemption.details.redemption.non2xx).toBe(0);
    expect(redemption.details.exactlyOnce).toMatchObject({ holds: true, ticketsWithSeveralLiveRedemptions: 0 });
    expect(redemption.figures.find((f) => f.name.startsWith('Exactement une fois'))!.value).toBe(1);
    expect(byName.get('check')!.details.check.non2xx).toBe(0);
    expect(byName.get('issuance')!.details.issuance.tickets).toBe(200 * 5);
    expect(byName.get('exports')!.details.csv.rows).toBe(500);
    expect(byName.get('exports')!.details.xlsx.rows).toBe(500);
    if (db === 'postgresql') {
      const scaleOut = byName.get('scale-out')!;
      expect(scaleOut.details.exactlyOnce.holds).toBe(true);
      expect(scaleOut.details.bursts).toMatchObject({ wins: scaleOut.details.bursts.tickets, unexpected: 0 });
    } else {
      expect(byName.get('scale-out')!.details.skipped).toBeTruthy();
    }
  });

  // The SQLite insert-ceiling diagnostic (docs/benchmarks.md): both variants, both rounds, and every
  // ticket in the database after each insert (the script checks the count and fails otherwise).
  it.runIf(db === 'sqlite')('runs the insert-ceiling diagnostic at tiny scale', { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/insert-ceiling.ts', '300'], {
      env: { ...process.env, PASSNUM_BENCH_DIR: path.join(dir, 'ceiling') },
    });
    expect(stdout).toContain('300 carnets, 1500 tickets');
    for (const round of [1, 2]) {
      for (const variant of ['as minted', 'ordered hashes']) expect(stdout).toMatch(new RegExp(`^${round} ${variant} +[1-9]\\d* tickets/s`, 'm'));
    }
  });
});
