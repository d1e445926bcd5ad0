import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.js';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The migrations folder as a release that shipped only the first `count` migrations had it. */
function releaseWith(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
  writeFileSync(
    join(dir, 'meta/_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  return dir;
}

function schemaOf(db: Db): unknown[] {
  return db.$client
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE '__drizzle%' ORDER BY type, name")
    .all();
}

describe('migrations', () => {
  // A migration that has shipped is never edited or renamed: databases out there have it applied already, and
  // the migrator only runs what comes after. Each earlier release's database must upgrade to today's schema.
  it('upgrade a database from every earlier release to the same schema as a new one', () => {
    const fresh = openDatabase(':memory:');
    migrateDatabase(fresh);
    const expected = schemaOf(fresh);
    const { entries } = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
    expect(entries.length).toBeGreaterThan(1);
    for (let count = 1; count < entries.length; count++) {
      const db = openDatabase(':memory:');
      migrate(db, { migrationsFolder: releaseWith(count) });
      migrateDatabase(db);
      expect(schemaOf(db), `upgraded from ${entries[count - 1]!.tag}`).toEqual(expected);
    }
  });

  it('keep the migrations that shipped in the last release, unrenamed and in order', () => {
    const { entries } = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
    expect(entries.slice(0, 9).map((e) => e.tag)).toEqual([
      '0000_init',
      '0001_audit_append_only',
      '0002_routing',
      '0003_account_actions',
      '0004_identity',
      '0005_health_probe',
      '0006_reporter_latest_index',
      '0007_outbox_pending_order',
      '0008_report_indexes',
    ]);
  });
});
