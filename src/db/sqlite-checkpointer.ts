// WAL checkpoints off the event loop (ADR 14).
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
// redemptions inside a commit. Past four times that, the writer is held back until the RESTART is done.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/** What the worker reports after each checkpoint that copied pages (tests, diagnostics). */
export interface CheckpointStats {
  /** Checkpoints that copied pages into the database file. */
  runs: number;
  /** RESTART checkpoints that let the next writer start the WAL over. */
  restarts: number;
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
    // RESTART checkpoint copies the few frames left and has the next writer start the WAL over.
    // (Nothing to do when the PASSIVE one copied everything: a commit whose transaction begins after
    // that copy starts the WAL over by itself.)
    //
    // Back-to-back transactions never leave such a moment (the WAL then grows without bound: see
    // ADR 14), nor a gap long enough for the RESTART to take the write lock. Past four
    // times the limit, the worker raises the shared flag for the duration of its RESTART, and the
    // app's writer waits before its next transaction (sqlite-driver.ts). Not below: each such RESTART
    // holds every write back for a copy and a sync.
    const hold = r.log >= workerData.holdFrames;
    if (hold || (r.log >= workerData.restartFrames && r.checkpointed < r.log)) {
      if (hold) Atomics.store(workerData.pause, 0, 1);
      try {
        [r] = db.pragma('wal_checkpoint(RESTART)');
        if (!r.busy) parentPort.postMessage({ restarted: true });
      } finally {
        if (hold) Atomics.store(workerData.pause, 0, 0);
      }
    }
    if (r.checkpointed > 0) parentPort.postMessage({ copied: true });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  setTimeout(tick, workerData.intervalMs);
};
setTimeout(tick, workerData.intervalMs);
parentPort.on('message', () => { stopping = true; db.close(); parentPort.close(); });
`;

/**
 * What the app's writer consults before each transaction (sqlite-driver.ts): whether the worker is
 * waiting for a moment without writes, and a promise of the end of that moment.
 */
export interface WritePause {
  requested(): boolean;
  ended(): Promise<void>;
}

export interface Checkpointer {
  stats: CheckpointStats;
  pause: WritePause;
  stop(): Promise<void>;
}

/** The longest a writer waits for the worker's RESTART before writing anyway (the worker then waits in turn). */
const MAX_PAUSE_MS = 1000;

/**
 * Starts the checkpoint worker for the database file at `path` (the app's connection must set
 * wal_autocheckpoint = 0). If the worker dies, `onFailure` runs once: the app's connection then
 * checkpoints by itself again, so the WAL never grows without bound.
 */
export function startCheckpointer(path: string, onFailure: (reason: string) => void, intervalMs = 100, restartFrames = 4096): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // No loader hooks in the worker (it needs none); the parent's --import tsx would only slow its start.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const workerData = { path, driver, intervalMs, restartFrames, holdFrames: 4 * restartFrames, pause };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, execArgv: [] });
  const stats: CheckpointStats = { runs: 0, restarts: 0, lastError: null };
  worker.on('message', (m: { copied?: boolean; restarted?: boolean; error?: string }) => {
    if (m.error) stats.lastError = m.error;
    else if (m.restarted) stats.restarts += 1;
    else if (m.copied) stats.runs += 1;
  });
  let stopping = false;
  let failed = false;
  const fail = (reason: string) => {
    if (stopping || failed) return;
    failed = true;
    stats.lastError = reason;
    Atomics.store(pause, 0, 0); // a worker that died mid-RESTART must not leave the writer paused
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
    pause: {
      requested: () => Atomics.load(pause, 0) === 1,
      // Polled on a timer (Atomics.waitAsync does not keep Node's event loop alive while it waits).
      async ended() {
        const deadline = performance.now() + MAX_PAUSE_MS;
        while (Atomics.load(pause, 0) === 1 && performance.now() < deadline) await sleep(1);
      },
    },
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
