import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './client.js';

/** SQLite's own default threshold, restored whenever the thread is not there to do the work. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * While the thread runs, the app's connection still checkpoints once the WAL holds this many pages (~40 MiB).
 * A passive checkpoint beside a writer that never pauses never catches up with the WAL's end, and SQLite only
 * rewinds the WAL after one that did: under sustained load the file grew by ~40 MiB/s. The thread has copied
 * nearly everything by then, so this checkpoint is short, completes, and lets the next commit rewind the WAL.
 * Two checkpoints cannot run at once (the second gets SQLITE_BUSY and the app's is simply skipped), so once the
 * thread sees the WAL past this bound it sits out its next tick and leaves that checkpoint to the app. The WAL
 * then stays under this bound plus what is written during one of the thread's checkpoints.
 */
const AUTOCHECKPOINT_PAGES_WITH_THREAD = 10_000;

/**
 * Runs SQLite's WAL checkpoints on a thread of their own. By default the commit that fills the WAL to 1000 pages
 * copies them into the database file and fsyncs it, on the event loop, inside whatever request made that commit
 * (~13 ms on this machine's disk, several times a second under load). Here a second connection does it every
 * `intervalMs`, passively: it never blocks a writer, and commits stay WAL appends (`synchronous = NORMAL`).
 * The app's connection keeps a far higher threshold as a bound on the WAL (see below); the thread runs often
 * (every 100 ms) so that what is left for that checkpoint is small. If the thread stops for
 * any reason, the app's connection takes the work back.
 */
export class Checkpointer {
  private worker: Worker | null = null;

  constructor(
    private readonly db: Db,
    /** Told when a checkpoint fails (each new reason once) or the thread stops and the app takes the work back. */
    private readonly onFailure: (error: Error) => void,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    const path = this.db.$client.name;
    if (this.worker || this.db.$client.memory || !path) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The thread only calls one pragma on a timer: a small heap of its own is plenty, and it keeps the app's
      // memory peak bounded (a thread that ran out would exit, and the app's connection takes the work back).
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        intervalMs: this.intervalMs,
        boundPages: AUTOCHECKPOINT_PAGES_WITH_THREAD,
      },
    });
    worker.unref();
    // A failed checkpoint (disk full, file made read-only) is retried on the next tick; each new reason is logged.
    let lastReason = '';
    worker.on('message', (reason: string) => {
      if (reason !== lastReason) this.onFailure(new Error(`checkpoint failed: ${reason}`));
      lastReason = reason;
    });
    const takeBack = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      this.onFailure(error);
    };
    worker.on('error', takeBack);
    worker.on('exit', (code) => takeBack(new Error(`checkpoint thread exited with code ${code}`)));
    this.worker = worker;
    this.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES_WITH_THREAD}`);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    await worker.terminate();
  }
}

/** Plain JavaScript, so the thread runs the same under `npm start` (compiled) and tsx. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
let stepAside = false;
setInterval(() => {
  if (stepAside) return void (stepAside = false);
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    stepAside = log >= workerData.boundPages;
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.intervalMs);
`;
