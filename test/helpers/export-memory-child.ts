// Run by test/exports.test.ts in a child process (a clean heap, no test runner around it):
// streams N generated rows through the CSV or XLSX exporter, reading the output as a browser
// would, and prints the row count, the bytes and the peak resident memory as JSON.
import { csvStream, xlsxStream, type Column } from '../../src/exports/tabular.ts';

interface Row { id: string; at: string; cents: number; text: string }
const columns: Column<Row>[] = [
  { header: 'Identifiant', value: (r) => r.id },
  { header: 'Date', kind: 'instant', value: (r) => r.at },
  { header: 'Montant', kind: 'cents', value: (r) => r.cents },
  { header: 'Texte', value: (r) => r.text },
];
async function* source(n: number): AsyncGenerator<Row> {
  for (let i = 0; i < n; i++) {
    yield { id: `ticket-${i}`, at: new Date(Date.UTC(2026, 0, 1) + i * 37_000).toISOString(), cents: i % 10_000, text: i % 1000 === 0 ? '=1+1' : `Séance ${i}` };
  }
}

const [format, count, mode] = process.argv.slice(2);
const n = Number(count);
const baseline = process.memoryUsage.rss();
let peak = baseline;
let bytes = 0;
let lines = 0;
const kept: Buffer[] = [];
const stream = format === 'xlsx' ? xlsxStream(columns, source(n)) : csvStream(columns, source(n));
for await (const chunk of stream) {
  const buf = chunk as Buffer;
  bytes += buf.length;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines += 1;
  // Negative control: a download held in memory instead of streamed.
  if (mode === 'hold') kept.push(buf);
  peak = Math.max(peak, process.memoryUsage.rss());
}
console.log(JSON.stringify({ bytes, lines, baselineMb: baseline / 2 ** 20, peakMb: peak / 2 ** 20, kept: kept.length }));
