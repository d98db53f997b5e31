import type { Command } from 'commander';
import { SCALES, SCENARIOS, type DbKind } from '../../bench/config.ts';
import { parseScenarios, runBench } from '../../bench/run.ts';

const int = (v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`Nombre entier attendu : ${v}`);
  return n;
};

/** `passnum bench`: the benchmark scenarios of issue #8 (see docs/benchmarks.md). */
export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('Mesure les performances (jeu de données national synthétique) et écrit bench/results/*.json')
    .option('--scenario <noms>', `scénario(s) séparés par des virgules, ou all : ${SCENARIOS.join(', ')}`, 'all')
    .option('--db <base>', 'sqlite | postgresql (une base neuve sur 127.0.0.1:5432, supprimée à la fin)', 'sqlite')
    .option('--scale <échelle>', `taille : ${Object.keys(SCALES).join(' | ')}`, 'smoke')
    .option('--duration <s>', 'secondes de charge par mesure HTTP', (v) => Number(v))
    .option('--connections <n>', 'connexions simultanées du générateur de charge', int)
    .option('--territories <n>', 'nombre de territoires du jeu de données', int)
    .option('--booklets <n>', 'carnets de l’historique (5 tickets chacun)', int)
    .option('--redemptions <n>', 'utilisations de l’historique', int)
    .option('--hot-booklets <n>', 'carnets dont le banc garde les codes (générateur de charge)', int)
    .option('--keep-db', 'PostgreSQL : garder la base construite pour la prochaine exécution')
    .action(async (o: { scenario: string; db: string; scale: string; duration?: number; connections?: number; territories?: number; booklets?: number; redemptions?: number; hotBooklets?: number; keepDb?: boolean }) => {
      if (o.db !== 'sqlite' && o.db !== 'postgresql') throw new Error('--db : sqlite ou postgresql');
      if (!(o.scale in SCALES)) throw new Error(`--scale : ${Object.keys(SCALES).join(', ')}`);
      const dataset = Object.fromEntries(
        Object.entries({ territories: o.territories, booklets: o.booklets, redemptions: o.redemptions, hotBooklets: o.hotBooklets }).filter(([, v]) => v !== undefined),
      );
      const overrides = Object.fromEntries(Object.entries({ duration: o.duration, connections: o.connections }).filter(([, v]) => v !== undefined));
      const { results } = await runBench({
        scenarios: parseScenarios(o.scenario),
        db: o.db as DbKind,
        scale: o.scale as keyof typeof SCALES,
        dataset,
        overrides,
        keepDb: o.keepDb,
        commandLine: `passnum ${process.argv.slice(2).join(' ')}`,
      });
      const broken = results.flatMap((r) => r.figures).filter((f) => f.name.startsWith('Exactement une fois') && !f.met);
      if (broken.length) process.exitCode = 1;
    });
}
