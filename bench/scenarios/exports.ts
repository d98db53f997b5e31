// Scenario 5: redemptions of the whole country to CSV and to XLSX through the export path, each in
// a child process of its own so that its peak resident memory is the export's and nothing else's.
import { runChild } from '../children/run-child.ts';
import { childEnv } from '../load.ts';
import { figure, timed, type BenchContext, type Figure, type ScenarioResult } from './common.ts';

interface ExportRun { rows: number; seconds: number; bytes: number; peakRssMb: number }

export function exportsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('exports', async () => {
    const prepared = await ctx.dataset();
    const figures: Figure[] = [];
    const details: Record<string, ExportRun> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      ctx.log(`  export ${format.toUpperCase()} de ${ctx.scale.exportRows} utilisations (processus séparé)…`);
      const r = await runChild<ExportRun>('bench/children/export.ts', [format, String(ctx.scale.exportRows)], childEnv(prepared.target));
      details[format] = r;
      const label = format.toUpperCase();
      figures.push(
        figure(`Export ${label} — lignes`, r.rows, 'lignes'),
        figure(`Export ${label} — lignes/s`, r.rows / r.seconds, 'lignes/s'),
        figure(`Export ${label} — mémoire maximale`, r.peakRssMb, 'Mo', { op: '<=', value: 300 }),
      );
    }
    return { figures, details: { ...details, redemptionsInDatabase: prepared.meta.counts.redemptions ?? 0 } };
  });
}
