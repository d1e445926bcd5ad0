import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import Database from 'better-sqlite3';
import type { Db } from './client.js';

/** SQLite's own default threshold, restored whenever the checkpointer is not running. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * While the checkpointer runs, the app's connection still checkpoints once the WAL holds this many pages (~40 MiB).
 * SQLite only rewinds the WAL after a checkpoint that copied every frame, and under sustained load frames keep
 * arriving while the checkpointer waits on the disk, so its checkpoints never quite catch up. The app's, at this
 * bound, does (it runs inside a commit, nothing can append meanwhile), and it is short: the checkpointer has
 * copied and synced nearly everything by then. Once the WAL is past this bound the checkpointer sits out, so as not
 * to hold the WAL open against that checkpoint.
 */
const AUTOCHECKPOINT_PAGES_WITH_CHECKPOINTER = 10_000;

/** Makes a file's written data durable (`fdatasync`) without blocking the event loop. */
export type SyncFile = (path: string) => Promise<void>;

const fdatasync: SyncFile = async (path) => {
  const file = await open(path, 'r');
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
};

/**
 * Runs SQLite's WAL checkpoints beside the app's connection without blocking the event loop on the disk. By
 * default the commit that fills the WAL to 1000 pages copies them into the database file and fsyncs the WAL and
 * the file, on the event loop, inside whatever request made that commit (~13 ms on this machine's disk, several
 * times a second under load). Copying is cheap (a few µs a page, into the OS's cache); the two fsyncs are not.
 * So, every `intervalMs`:
 * 1. a *fence* connection opens a read transaction: it sees the WAL up to frame F and holds a read mark at F;
 * 2. the WAL file is fdatasync'd on libuv's pool: every frame up to F is now durable;
 * 3. a *copier* connection with `synchronous = OFF` runs `wal_checkpoint(PASSIVE)`: SQLite never copies a frame
 *    past an open reader's mark, so it copies only frames up to F, and does not fsync;
 * 4. the database file is fdatasync'd on libuv's pool;
 * 5. the fence ends. Until then its read mark keeps any writer from rewinding the WAL over frames whose pages are
 *    not yet durable in the file: after a power loss SQLite replays them from the WAL. If the sync fails the fence
 *    is kept and the sync retried on the next tick, as SQLite retries a checkpoint whose fsync failed.
 * These are the guarantees `synchronous = NORMAL` gives (a checkpoint's WAL is durable before the file is written,
 * the file is durable before the WAL is reused), with the waiting moved off the event loop.
 */
export class Checkpointer {
  private fence: Database.Database | null = null;
  private copier: Database.Database | null = null;
  private walIndex: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Set when the database file's sync failed: the fence stays until it succeeds. */
  private unsyncedCopy = false;
  private lastFailure = '';

  constructor(
    private readonly db: Db,
    /** Told when a checkpoint fails (each new reason once). */
    private readonly onFailure: (error: Error) => void,
    private readonly intervalMs = 100,
    private readonly sync: SyncFile = fdatasync,
  ) {}

  start(): void {
    const path = this.db.$client.name;
    if (this.fence || this.db.$client.memory || !path) return;
    try {
      this.fence = quietConnection(path);
      this.copier = quietConnection(path);
      this.copier.pragma('synchronous = OFF');
      // The app's connection made it when it switched the database to WAL.
      this.walIndex = openSync(`${path}-shm`, 'r');
    } catch (error) {
      // The app's connection keeps checkpointing as SQLite does by default.
      this.close();
      this.onFailure(new Error(`checkpointer not started: ${(error as Error).message}`));
      return;
    }
    this.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES_WITH_CHECKPOINTER}`);
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** One checkpoint, if none is running; resolves when it is over (the timer calls it; tests call it directly). */
  tick(): Promise<void> {
    this.running ??= this.checkpoint()
      .catch((error: Error) => this.failed(error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (!this.fence) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    // The fence is still up if the database file's sync kept failing: one last try before it goes.
    if (this.unsyncedCopy) await this.tick();
    this.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.close();
  }

  private close(): void {
    this.fence?.close();
    this.copier?.close();
    if (this.walIndex !== null) closeSync(this.walIndex);
    this.fence = this.copier = this.walIndex = null;
  }

  private async checkpoint(): Promise<void> {
    const fence = this.fence;
    const copier = this.copier;
    if (!fence || !copier || this.walIndex === null) return;
    const path = this.db.$client.name;
    if (this.unsyncedCopy) return this.syncDatabaseFile(path, fence);
    const wal = readWalIndex(this.walIndex);
    // Nothing to copy, or the WAL is past the app's bound and its own checkpoint should run unhindered.
    // (A read transaction begun when every frame is copied takes no mark in the WAL and would fence nothing.)
    if (wal.backfilled >= wal.frames || wal.frames >= AUTOCHECKPOINT_PAGES_WITH_CHECKPOINTER) return;
    fence.exec('BEGIN');
    try {
      fence.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get(); // reading is what takes the read mark
      await this.sync(`${path}-wal`);
      copier.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      fence.exec('COMMIT'); // nothing was copied past what is durable: the WAL may be rewound
      throw error;
    }
    this.unsyncedCopy = true;
    await this.syncDatabaseFile(path, fence);
  }

  private async syncDatabaseFile(path: string, fence: Database.Database): Promise<void> {
    await this.sync(path);
    this.unsyncedCopy = false;
    fence.exec('COMMIT');
    this.lastFailure = '';
  }

  private failed(error: Error): void {
    if (error.message !== this.lastFailure) this.onFailure(new Error(`checkpoint failed: ${error.message}`));
    this.lastFailure = error.message;
  }
}

/** A connection of the checkpointer's own: it never waits on a lock (the event loop is the app's) and caches little. */
function quietConnection(path: string): Database.Database {
  const connection = new Database(path, { fileMustExist: true });
  connection.pragma('busy_timeout = 0');
  connection.pragma('cache_size = -64');
  return connection;
}

/**
 * The WAL-index header in the `-shm` file (https://www.sqlite.org/walformat.html, "The WAL-Index Format"):
 * `mxFrame` (the WAL's last committed frame) at byte 16 and `nBackfill` (frames copied into the database file) at
 * byte 96, both in the machine's byte order. Read in the same turn of the event loop as the fence begins, with no
 * other writer in between (one instance per database).
 */
function readWalIndex(fd: number): { frames: number; backfilled: number } {
  const header = Buffer.alloc(100);
  if (readSync(fd, header, 0, 100, 0) < 100) return { frames: 0, backfilled: 0 };
  const u32 = (offset: number) => (LITTLE_ENDIAN ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
  return { frames: u32(16), backfilled: u32(96) };
}

const LITTLE_ENDIAN = endianness() === 'LE';
