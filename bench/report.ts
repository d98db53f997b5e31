// Prints results files as Markdown tables (for docs/benchmarks.md), so that the quoted figures are
// exactly the measured ones. Usage: node --import tsx bench/report.ts bench/results/<file>.json…
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioResult } from './scenarios/common.ts';

for (const file of process.argv.slice(2)) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    database: string; scale: string; command: string; startedAt: string; machine: { cpu: string; cores: number; ramGb: number; loadavgAtStart: number[] };
    versions: Record<string, string | null>; dataset: { counts: Record<string, number>; buildSeconds: number; reused: boolean; rowsPerSecond: number } | null; results: ScenarioResult[];
  };
  const c = json.dataset?.counts;
  console.log(`\n#### ${json.database} — ${path.basename(file)}\n`);
  console.log(`\`${json.command}\` — ${json.startedAt}, ${json.machine.cores} cœurs ${json.machine.cpu}, ${json.machine.ramGb} Go, Node ${json.versions.node}, SQLite ${json.versions.sqlite}${json.versions.postgresql ? `, PostgreSQL ${json.versions.postgresql}` : ''}.`);
  if (c) console.log(`Jeu de données : ${c.tickets?.toLocaleString('fr-FR')} tickets, ${c.booklets?.toLocaleString('fr-FR')} carnets, ${c.redemptions?.toLocaleString('fr-FR')} utilisations, ${c.territories} territoires ; ${json.dataset!.reused ? 'réutilisé, ' : ''}construit en ${json.dataset!.buildSeconds} s (${json.dataset!.rowsPerSecond.toLocaleString('fr-FR')} lignes/s).`);
  console.log('\n| scénario | mesure | valeur | cible | charge machine (1 min) |\n|---|---|---:|---|---|');
  for (const r of json.results) {
    if (!r.figures.length) console.log(`| ${r.scenario} | — | — | ${JSON.stringify(r.details).replace(/\|/g, '/')} | |`);
    for (const f of r.figures) {
      const target = f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${f.target.value} : ${f.met ? '**atteinte**' : '**manquée**'}` : '';
      console.log(`| ${r.scenario} | ${f.name} | ${f.value.toLocaleString('fr-FR')} ${f.unit} | ${target} | ${r.loadavg.before[0]} → ${r.loadavg.after[0]} |`);
    }
  }
}
