// `npm run backup -- <dir>`: an online backup of DATABASE_PATH into <dir>, safe while the app runs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PAGES, backupDatabase } from '../../db/backup.js';
import { ConfigError, databasePathFrom, loadDotEnv } from '../config.js';

function fail(line: string): never {
  process.stderr.write(`backup error: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || process.argv.length > 3) fail('usage: npm run backup -- <directory>');
  let path: string;
  try {
    loadDotEnv('.env');
    path = resolve(databasePathFrom(process.env));
  } catch (error) {
    fail(error instanceof ConfigError ? error.problems.join('; ') : (error as Error).message);
  }
  if (!existsSync(path)) fail(`no database at ${path} (DATABASE_PATH)`);
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const { path: file, bytes } = await backupDatabase(sqlite, dir, { now: Date.now(), pagesPerStep: ALL_PAGES });
    process.stdout.write(
      `backup written: ${file} (${bytes} bytes). It holds the audit trail and sealed secrets: keep it as safe as the database.\n`,
    );
  } catch (error) {
    fail(`${path}: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

await main();
