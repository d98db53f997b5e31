// Runs the chosen scenarios on one database, prints a table and writes bench/results/<…>.json with
// the machine, the versions, the dataset, every figure and ratio, and the command line.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { pgAdminUrl, SCALES, SCENARIOS, type DatasetSize, type DbKind, type ScaleParams, type ScenarioName } from './config.ts';
import { checkScenario, redemptionScenario, scaleOutScenario } from './scenarios/http.ts';
import { dashboardsScenario } from './scenarios/dashboards.ts';
import { exportsScenario } from './scenarios/exports.ts';
import { issuanceScenario } from './scenarios/issuance.ts';
import type { BenchContext, ScenarioResult } from './scenarios/common.ts';
import { prepareDataset, type Prepared } from './target.ts';

export interface BenchOptions {
  scenarios: ScenarioName[];
  db: DbKind;
  scale: keyof typeof SCALES;
  /** Overrides of the scale's figures (explicit sizes, duration…). */
  dataset?: Partial<DatasetSize>;
  overrides?: Partial<Omit<ScaleParams, 'dataset' | 'name'>>;
  /** PostgreSQL: keep the built database for the next run instead of dropping it. */
  keepDb?: boolean;
  resultsDir?: string;
  log?: (message: string) => void;
  commandLine?: string;
}

const RUNNERS: Record<ScenarioName, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  redemption: redemptionScenario,
  check: checkScenario,
  issuance: issuanceScenario,
  dashboards: dashboardsScenario,
  exports: exportsScenario,
  'scale-out': scaleOutScenario,
};

export function parseScenarios(value: string): ScenarioName[] {
  if (value === 'all') return [...SCENARIOS];
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) if (!(SCENARIOS as readonly string[]).includes(n)) throw new Error(`Scénario inconnu : ${n} (${SCENARIOS.join(', ')}, all)`);
  return names as ScenarioName[];
}

async function versions(kind: DbKind) {
  const mem = new SQLite(':memory:');
  const sqlite = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
  mem.close();
  let postgresql: string | null = null;
  if (kind === 'postgresql') {
    const c = new pg.Client({ connectionString: pgAdminUrl() });
    await c.connect();
    postgresql = (await c.query<{ server_version: string }>('show server_version')).rows[0].server_version;
    await c.end();
  }
  return { node: process.version, sqlite, postgresql };
}

function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'inconnu', cores: cpus.length, ramGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

export function formatTable(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`\n== ${r.scenario} (${r.seconds} s, charge machine ${r.loadavg.before[0]} → ${r.loadavg.after[0]}) ==`);
    if (!r.figures.length) lines.push(`  ${JSON.stringify(r.details)}`);
    for (const f of r.figures) {
      const target = f.target ? `cible ${f.target.op} ${f.target.value}  ${f.met ? 'ATTEINTE' : 'MANQUÉE'}` : '';
      lines.push(`  ${f.name.padEnd(62)} ${String(f.value).padStart(12)} ${f.unit.padEnd(10)} ${target}`);
    }
  }
  return lines.join('\n');
}

export async function runBench(opts: BenchOptions): Promise<{ file: string; results: ScenarioResult[]; json: Record<string, unknown> }> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const base = SCALES[opts.scale];
  const scale: ScaleParams = { ...base, ...opts.overrides, dataset: { ...base.dataset, ...opts.dataset } };
  const startedAt = new Date();
  const host = machine();
  let prepared: Prepared | null = null;
  let preparing: Promise<Prepared> | null = null;
  const ctx: BenchContext = {
    kind: opts.db,
    scale,
    log,
    dataset: () => {
      preparing ??= prepareDataset(opts.db, scale.dataset, { keep: opts.db === 'sqlite' || !!opts.keepDb, log }).then((p) => {
        prepared = p;
        log(p.reused ? `Jeu de données réutilisé : ${p.target.where} (construit en ${Math.round(p.meta.buildSeconds)} s).` : `Jeu de données construit : ${p.target.where}.`);
        return p;
      });
      return preparing;
    },
  };
  const results: ScenarioResult[] = [];
  try {
    for (const name of opts.scenarios) {
      log(`\n▶ ${name} (${opts.db}, échelle ${scale.name})`);
      results.push(await RUNNERS[name](ctx));
    }
  } finally {
    if (prepared) await (prepared as Prepared).target.dispose();
  }
  const p = prepared as Prepared | null;
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: opts.commandLine ?? process.argv.slice(1).join(' '),
    database: opts.db,
    scale: scale.name,
    parameters: scale,
    machine: { ...host, loadavgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    versions: await versions(opts.db),
    dataset: p ? { key: p.meta.key, reused: p.reused, buildSeconds: Math.round(p.meta.buildSeconds), indexSeconds: Math.round(p.meta.indexSeconds), rowsPerSecond: p.meta.rowsPerSecond, counts: p.meta.counts, size: p.meta.size } : null,
    results,
  };
  const dir = opts.resultsDir ?? path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const file = path.join(dir, `${stamp}_${opts.db}_${scale.name}_${opts.scenarios.length === SCENARIOS.length ? 'all' : opts.scenarios.join('+')}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(formatTable(results));
  log(`\nRésultats : ${file}`);
  return { file, results, json };
}
