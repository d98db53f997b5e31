// Child process (a clean heap): streams one print batch to a single PDF through the app's own use
// case (printBatchPdf: booklets read page by page, codes decrypted while drawing), throws the bytes
// away as a download would, and prints time, size and peak resident memory as JSON.
// Args: <batchId> <adminId> <territoryId>. Database from the environment (bench/load.ts childEnv).
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../../src/config.ts';
import { createDeps, openDatabase } from '../../src/composition.ts';
import { printBatchPdf } from '../../src/usecases/issuance/manage-print-batches.ts';
import { peakRssMb } from './peak-rss.ts';

const [batchId, adminId, territoryId] = process.argv.slice(2);
const config = loadConfig();
const handle = openDatabase(config);
const deps = createDeps(config, handle);
const baselineRssMb = Math.round(process.memoryUsage.rss() / 2 ** 20);
const t0 = performance.now();
let bytes = 0;
const { stream } = await printBatchPdf(deps, { kind: 'user', id: adminId, role: 'admin', territoryId, organisationId: null, structureId: null, label: 'bench' }, batchId);
await pipeline(stream, new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } }));
const seconds = (performance.now() - t0) / 1000;
await handle.close();
console.log(JSON.stringify({ seconds, bytes, peakRssMb: peakRssMb(), baselineRssMb }));
