import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { clearInstanceLock } from './instance-lock.js';

/**
 * Online backups through SQLite's backup API (better-sqlite3's `db.backup()`): pages are read inside SQLite's own
 * read transactions, so the copy is consistent however busy the app is. A file copy of a live WAL database is not:
 * the last commits sit in the -wal file, and a copy taken between its writes is torn.
 */

const PREFIX = 'kintone-login-';
const SUFFIX = '.db';
const NAME = /^kintone-login-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/;

/**
 * Pages copied per step. In the app's own process its writes update the copy in place, so small steps keep the
 * event loop free. From another process (`npm run backup`) each write of the app restarts the copy, so it is
 * taken in one step: one read transaction, which never blocks the app's writers in WAL mode.
 */
export const PAGES_PER_STEP_IN_APP = 1000;
export const ALL_PAGES = 0x7fffffff;

/** `kintone-login-2026-11-25T01-00-00-000Z.db`: sorts as it was taken, and names the time in UTC. */
export function backupFileName(at: number): string {
  return `${PREFIX}${new Date(at).toISOString().replace(/[:.]/g, '-')}${SUFFIX}`;
}

/** When a backup file was taken, from its name; null for any other file. */
export function backupTakenAt(name: string): number | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, date, h, m, s, ms] = match;
  return Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
}

/** The backup files in `dir`, newest first. */
export function listBackups(dir: string): { name: string; takenAt: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, takenAt: backupTakenAt(name) }))
    .filter((b): b is { name: string; takenAt: number } => b.takenAt !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

export interface BackupResult {
  path: string;
  bytes: number;
}

/**
 * Writes a consistent copy of the database open at `sqlite` into `dir` (created if needed), readable by its owner
 * only, checked with `PRAGMA integrity_check`, as one self-contained file (rollback journal, no -wal beside it),
 * without the instance lock of the process it came from. Written under a temporary name first, so a file with
 * the backup name is always complete.
 */
export async function backupDatabase(
  sqlite: Database.Database,
  dir: string,
  options: { now: number; pagesPerStep: number },
): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = resolve(dir, backupFileName(options.now));
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    await sqlite.backup(partial, { progress: () => options.pagesPerStep });
    chmodSync(partial, 0o600);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const verdict = copy.pragma('integrity_check', { simple: true });
      if (verdict !== 'ok') throw new Error(`the copy failed its integrity check: ${String(verdict)}`);
      clearInstanceLock(copy);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { path, bytes: statSync(path).size };
}

/** Deletes all but the newest `keep` backups in `dir`; answers the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const backup of old) rmSync(join(dir, backup.name), { force: true });
  return old.map((b) => b.name);
}
