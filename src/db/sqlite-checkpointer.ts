// WAL checkpoints off the event loop (ADR 9, issue #8).
//
// In WAL mode SQLite appends each commit's pages to the -wal file and, by default, the commit that
// takes the WAL past 1,000 pages copies them back into the database file and syncs it
// ("checkpoint") — synchronously, inside that commit. better-sqlite3 runs on the event loop, so
// every few dozen redemptions one of them blocked the server for the copy and two fsyncs (~5 ms
// each on this disk): most of the commit's cost and the tail of the latency. The app's connection
// now never checkpoints (`wal_autocheckpoint = 0`); a worker thread with its own connection runs
// a PASSIVE checkpoint every `intervalMs`: it copies what no reader still needs and never waits for
// or blocks the app's readers and writer. Once the WAL holds `restartFrames` frames (16 MB of 4 KB
// pages), a RESTART checkpoint copies the last few and has the next commit start the WAL over: the
// app's writer waits for that moment only (a few ms), instead of paying a checkpoint every ~30
// redemptions inside a commit.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the worker reports after each checkpoint that copied pages (tests, diagnostics). */
export interface CheckpointStats {
  /** Checkpoints that copied pages into the database file. */
  runs: number;
  lastError: string | null;
}

// A CommonJS worker given as source (no file to resolve under tsx or in a build): better-sqlite3 is
// required by the absolute path resolved here.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
let stopping = false;
const tick = () => {
  if (stopping) return;
  try {
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under steady writes a PASSIVE checkpoint never catches up with the last commit, so the WAL is
    // never started over and grows (and every read searches a longer WAL index). Past the limit, a
    // RESTART checkpoint copies the few frames left while holding the write lock for that moment.
    // (Nothing to do when the PASSIVE one copied everything: the next commit starts the WAL over.)
    if (r.log >= workerData.restartFrames && r.checkpointed < r.log) [r] = db.pragma('wal_checkpoint(RESTART)');
    if (r.checkpointed > 0) parentPort.postMessage({ copied: true });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  setTimeout(tick, workerData.intervalMs);
};
setTimeout(tick, workerData.intervalMs);
parentPort.on('message', () => { stopping = true; db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stats: CheckpointStats;
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for the database file at `path` (the app's connection must set
 * wal_autocheckpoint = 0). If the worker dies, `onFailure` runs once: the app's connection then
 * checkpoints by itself again, so the WAL never grows without bound.
 */
export function startCheckpointer(path: string, onFailure: (reason: string) => void, intervalMs = 100, restartFrames = 4096): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // No loader hooks in the worker (it needs none); the parent's --import tsx would only slow its start.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs, restartFrames }, execArgv: [] });
  const stats: CheckpointStats = { runs: 0, lastError: null };
  worker.on('message', (m: { copied?: boolean; error?: string }) => {
    if (m.error) stats.lastError = m.error;
    else if (m.copied) stats.runs += 1;
  });
  let stopping = false;
  let failed = false;
  const fail = (reason: string) => {
    if (stopping || failed) return;
    failed = true;
    stats.lastError = reason;
    onFailure(reason);
  };
  worker.on('error', (e) => fail(String(e)));
  // Never keeps the process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(`checkpoint worker exited (${code})`);
      resolve();
    }),
  );
  return {
    stats,
    // Waits for the worker to close its connection (after the checkpoint it may be running), so that
    // the app's connection is the last one and its close checkpoints the rest and removes the WAL.
    async stop() {
      stopping = true;
      worker.ref(); // keeps the process alive until the worker has closed
      worker.postMessage('stop');
      await exited;
    },
  };
}
