import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Why the database at `path` could not be opened or migrated, in one line an operator can act on (it starts with
 * the absolute path). The file system is looked at first: SQLite says "unable to open database file" for a
 * directory and for a missing permission alike.
 */
export function explainOpenError(error: unknown, path: string): string {
  const file = resolve(path);
  const code = errorCode(error);
  if (isDirectory(file)) return `${file} is a directory: give a file name such as ${join(file, 'kintone-login.db')}`;
  const ancestor = nearestExisting(dirname(file));
  if (ancestor && !isDirectory(ancestor)) return `${file}: ${ancestor} is a file, not a directory`;
  if (code === 'SQLITE_NOTADB')
    return `${file} is not a SQLite database (another file, or damaged): give another path or move it away`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `${file}: the disk is full`;
  if (/^(EACCES|EPERM|EROFS|SQLITE_CANTOPEN|SQLITE_READONLY)/.test(code ?? '')) {
    return `${file} cannot be created or written (${code}): the app may not write to it or to ${ancestor ?? dirname(file)}`;
  }
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `${file} cannot be used: ${message}${code ? ` (${code})` : ''}`;
}

/** The error's code (errno name or SQLite's extended code), looking through drizzle's wrapper to its cause. */
function errorCode(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** `path` or its nearest ancestor that exists: where the database's directory would be made. */
function nearestExisting(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(dir)) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}
