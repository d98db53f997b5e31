// Scenario 5: redemptions of the whole country to CSV and to XLSX through the export path, each in
// a child process of its own so that its peak resident memory is the export's and nothing else's.
// Each format runs at two sizes — a fifth of the rows, then all of them — so that the results show
// whether the peak depends on the size (it must not: keyset pages and streams with backpressure).
import { runChild } from '../children/run-child.ts';
import { childEnv } from '../load.ts';
import { figure, timed, type BenchContext, type Figure, type ScenarioResult } from './common.ts';

interface ExportRun { rows: number; seconds: number; bytes: number; peakRssMb: number; baselineRssMb: number }

export function exportsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('exports', async () => {
    const prepared = await ctx.dataset();
    const available = prepared.meta.counts.redemptions ?? ctx.scale.exportRows;
    const rows = Math.min(ctx.scale.exportRows, available);
    const small = Math.max(1, Math.round(rows / 5));
    const figures: Figure[] = [];
    const details: Record<string, ExportRun> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      const label = format.toUpperCase();
      const run = (n: number) => {
        ctx.log(`  export ${label} de ${n} utilisations (processus séparé)…`);
        return runChild<ExportRun>('bench/children/export.ts', [format, String(n)], childEnv(prepared.target));
      };
      const s = await run(small);
      const r = await run(rows);
      details[`${format}Fifth`] = s;
      details[format] = r;
      figures.push(
        figure(`Export ${label} — lignes`, r.rows, 'lignes'),
        figure(`Export ${label} — lignes/s`, r.rows / r.seconds, 'lignes/s'),
        figure(`Export ${label} — mémoire maximale`, r.peakRssMb, 'Mo', { op: '<=', value: 300 }),
        figure(`Export ${label} — mémoire maximale à ${s.rows} lignes`, s.peakRssMb, 'Mo', { op: '<=', value: 300 }),
        figure(`Export ${label} — mémoire du processus avant la première ligne`, r.baselineRssMb, 'Mo'),
      );
    }
    return { figures, details: { ...details, redemptionsInDatabase: available } };
  });
}
