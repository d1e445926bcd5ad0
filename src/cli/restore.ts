// `npm run restore -- <file>`: puts a backup in place of DATABASE_PATH; refuses while the app (or anything
// else holding the instance lock) uses the database. The database it replaces is kept beside it.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { acquireInstanceLock, clearInstanceLock, InstanceLockHeld } from '../../db/instance-lock.js';
import { ConfigError, databasePathFrom, loadDotEnv } from '../config.js';

function fail(line: string): never {
  process.stderr.write(`restore error: ${line}\n`);
  process.exit(1);
}

/** Why `file` is not a kintone-login backup, or null when it is one. */
function backupProblem(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('__drizzle_migrations') || !tables.has('reports') || !tables.has('audit_events'))
      return 'not a kintone-login database';
    const verdict = db.pragma('integrity_check', { simple: true });
    return verdict === 'ok' ? null : `failed its integrity check: ${String(verdict)}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

function main(): void {
  const source = process.argv[2];
  if (!source || process.argv.length > 3) fail('usage: npm run restore -- <backup file>');
  const file = resolve(source);
  let target: string;
  try {
    loadDotEnv('.env');
    target = resolve(databasePathFrom(process.env));
  } catch (error) {
    fail(error instanceof ConfigError ? error.problems.join('; ') : (error as Error).message);
  }
  if (!existsSync(file)) fail(`no file at ${file}`);
  if (file === target) fail(`${file} is DATABASE_PATH itself`);
  const problem = backupProblem(file);
  if (problem) fail(`${file}: ${problem}; nothing was changed`);

  const staged = `${target}.restoring`;
  rmSync(staged, { force: true });
  copyFileSync(file, staged);
  const copy = new Database(staged);
  clearInstanceLock(copy);
  copy.close();

  let kept: string | null = null;
  if (existsSync(target)) {
    // Holding the lock while the files are swapped: an app starting meanwhile is refused, not run on a half-restored file.
    const current = new Database(target, { fileMustExist: true });
    try {
      current.pragma('busy_timeout = 5000');
      acquireInstanceLock(current, { purpose: 'restore' });
      // Everything committed moves into the main file, so the one kept aside is whole without its -wal.
      current.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      current.close();
      rmSync(staged, { force: true });
      if (error instanceof InstanceLockHeld) fail(`${error.message}; nothing was changed`);
      fail(`${target}: ${(error as Error).message}; nothing was changed`);
    }
    current.close();
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, kept);
    // A -wal left beside the path would be replayed into the restored file: it belongs to the database kept aside.
    for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, kept + suffix);
  }
  renameSync(staged, target);
  process.stdout.write(
    `restored ${file} to ${target}${kept ? `; the database it replaced is kept as ${kept}` : ''}. Start the app to use it.\n`,
  );
}

main();
