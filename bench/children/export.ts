// Child process (a clean heap): streams the first <rows> redemptions of the whole country through
// the app's export path (read model redemptionRows, keyset pages → csvStream / xlsxStream with the
// REDEMPTION_COLUMNS of the "utilisations" export) and prints rows, bytes, time and peak memory.
// Args: <csv|xlsx> <rows>. Database from the environment (bench/load.ts childEnv).
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/composition.ts';
import { REDEMPTION_COLUMNS } from '../../src/exports/datasets.ts';
import { csvStream, xlsxStream } from '../../src/exports/tabular.ts';
import { redemptionRows } from '../../src/repositories/read-models/exports.ts';
import { peakRssMb } from './peak-rss.ts';

const [format, limitArg] = process.argv.slice(2);
const limit = Number(limitArg);
const config = loadConfig();
const handle = openDatabase(config);
let rows = 0;
async function* limited() {
  for await (const row of redemptionRows(handle.db, { territoryId: null })) {
    yield row;
    if (++rows >= limit) return;
  }
}
const baselineRssMb = Math.round(process.memoryUsage.rss() / 2 ** 20);
const t0 = performance.now();
let bytes = 0;
const stream = format === 'xlsx' ? xlsxStream(REDEMPTION_COLUMNS, limited(), 'Tickets utilisés') : csvStream(REDEMPTION_COLUMNS, limited());
await pipeline(stream, new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } }));
const seconds = (performance.now() - t0) / 1000;
await handle.close();
console.log(JSON.stringify({ rows, seconds, bytes, peakRssMb: peakRssMb(), baselineRssMb }));
