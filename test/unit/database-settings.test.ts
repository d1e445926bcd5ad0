import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';

describe('the database file is opened with the settings the app relies on', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a 2 MiB page cache (not better-sqlite3’s 16 MiB), WAL and NORMAL sync', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-db-'));
    dirs.push(dir);
    const sqlite = openDatabase(join(dir, 'app.db')).$client;
    // Negative: a size in KiB. better-sqlite3's build default is -16000, which set ~19 MiB of the bench's peak.
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-2000);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    sqlite.close();
  });
});
