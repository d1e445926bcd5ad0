import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';

/**
 * One process per database. Two instances on one file would run two schedulers and two outbox workers (every
 * escalation and message twice), and a restore under a running app would be overwritten by it.
 *
 * The lock is a row in the database itself, taken in an IMMEDIATE transaction, so two processes starting at the
 * same moment cannot both see it free (a lock file beside the database could not be taken over atomically).
 * Its table is made here rather than by a migration: the lock is taken before migrations run, so that two new
 * versions starting on an old database do not migrate it at the same time.
 */

/** How often the holder writes its heartbeat. */
export const HEARTBEAT_MS = 10_000;
/** A lock whose heartbeat is older than this is stale even if a process with its pid exists (pid reused, other host). */
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;

export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it: the app, or `npm run restore`. */
  purpose: string;
  startedAt: number;
  heartbeatAt: number;
}

export interface LockOptions {
  purpose: 'app' | 'restore';
  now?: () => number;
  pid?: number;
  host?: string;
  /** Is a process with this pid running on this host? (default: process.kill(pid, 0)) */
  isAlive?: (pid: number) => boolean;
}

/** Another process holds the database; the message is the one line the caller prints. */
export class InstanceLockHeld extends Error {
  override readonly name = 'InstanceLockHeld';
  constructor(
    readonly holder: LockHolder,
    readonly path: string,
    now: number,
  ) {
    super(
      `another kintone-login process uses ${path}: ${holder.purpose === 'app' ? 'the app' : `npm run ${holder.purpose}`}, pid ${holder.pid} on host ${holder.host}, since ${new Date(holder.startedAt).toISOString()} (last heartbeat ${Math.max(0, Math.round((now - holder.heartbeatAt) / 1000))} s ago); stop it first`,
    );
  }
}

const CREATE = `CREATE TABLE IF NOT EXISTS instance_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  purpose TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
)`;

interface LockRow {
  token: string;
  pid: number;
  host: string;
  purpose: string;
  started_at: number;
  heartbeat_at: number;
}

export interface InstanceLock {
  readonly token: string;
  /** The stale holder this process took the lock over from, if there was one. */
  readonly tookOverFrom: LockHolder | null;
  /** Writes the heartbeat; false when the row is no longer ours (taken over after we looked stale). */
  beat(): boolean;
  /** Writes the heartbeat every HEARTBEAT_MS; `onLost` is called once if the lock was taken from us. */
  keepAlive(onLost: () => void, onError: (error: Error) => void): void;
  /** Gives the lock up (only if it is still ours). */
  release(): void;
}

function defaultIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the recorded holder is still there. On this host: its pid runs, is not this process (a container
 * restarted with the same hostname runs the app as the same pid again), and it beat recently. On another host
 * (two containers on one volume) only the heartbeat can tell.
 */
export function holderAlive(
  holder: LockHolder,
  here: { now: number; pid: number; host: string; isAlive: (pid: number) => boolean },
): boolean {
  const fresh = here.now - holder.heartbeatAt < STALE_AFTER_MS;
  if (holder.host !== here.host) return fresh;
  if (holder.pid === here.pid) return false;
  return fresh && here.isAlive(holder.pid);
}

/** The holder recorded in the database at `sqlite`, if any (for `restore`, and tests). */
export function readHolder(sqlite: Database.Database): LockHolder | null {
  sqlite.exec(CREATE);
  const row = sqlite
    .prepare('SELECT token, pid, host, purpose, started_at, heartbeat_at FROM instance_lock WHERE id = 1')
    .get() as LockRow | undefined;
  return row ? toHolder(row) : null;
}

function toHolder(row: LockRow): LockHolder {
  return {
    pid: row.pid,
    host: row.host,
    purpose: row.purpose,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
  };
}

/** Takes the database for this process, or throws InstanceLockHeld naming the live holder. A stale lock is taken over. */
export function acquireInstanceLock(sqlite: Database.Database, options: LockOptions): InstanceLock {
  const now = options.now ?? Date.now;
  const here = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    isAlive: options.isAlive ?? defaultIsAlive,
  };
  const token = randomUUID();
  const take = sqlite.transaction(() => {
    sqlite.exec(CREATE);
    const row = sqlite
      .prepare('SELECT token, pid, host, purpose, started_at, heartbeat_at FROM instance_lock WHERE id = 1')
      .get() as LockRow | undefined;
    const at = now();
    if (row && holderAlive(toHolder(row), { ...here, now: at }))
      throw new InstanceLockHeld(toHolder(row), sqlite.name, at);
    sqlite
      .prepare(
        'INSERT OR REPLACE INTO instance_lock (id, token, pid, host, purpose, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
      )
      .run(token, here.pid, here.host, options.purpose, at, at);
    return row ? toHolder(row) : null;
  });
  const tookOverFrom = take.immediate();

  let timer: NodeJS.Timeout | undefined;
  const lock: InstanceLock = {
    token,
    tookOverFrom,
    beat() {
      return (
        sqlite.prepare('UPDATE instance_lock SET heartbeat_at = ? WHERE id = 1 AND token = ?').run(now(), token)
          .changes === 1
      );
    },
    keepAlive(onLost, onError) {
      timer = setInterval(() => {
        try {
          if (lock.beat()) return;
          clearInterval(timer);
          onLost();
        } catch (error) {
          // A full disk or a busy moment: the next beat tries again, well before the lock looks stale.
          onError(error as Error);
        }
      }, HEARTBEAT_MS);
      timer.unref();
    },
    release() {
      clearInterval(timer);
      if (!sqlite.open) return;
      try {
        sqlite.prepare('DELETE FROM instance_lock WHERE id = 1 AND token = ?').run(token);
      } catch {
        // The database cannot be written: the lock goes stale when the heartbeat stops, and the pid check frees it.
      }
    },
  };
  return lock;
}

/** Removes any lock row (a backup or a restored copy must not carry the lock of the process it came from). */
export function clearInstanceLock(sqlite: Database.Database): void {
  sqlite.exec(CREATE);
  sqlite.prepare('DELETE FROM instance_lock').run();
}
