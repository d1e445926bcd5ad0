/**
 * `npm run audit:export -- --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--out <file>]`: the audit trail of those days
 * (both included, in TIMEZONE) as CSV, UTF-8 with a BOM so Excel shows Japanese correctly; to stdout without
 * --out. Reads DATABASE_PATH and TIMEZONE as the app does (.env included), read-only: safe while the app runs.
 * Compiled into dist/ like the app (`npm start` needs no TypeScript), so it runs after a production install.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadDotEnv } from '../src/config.js';
import { dayRange, writeAuditCsv } from '../src/reports/audit-export.js';

const USAGE = 'usage: npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv]';

function fail(line: string, code: number): never {
  process.stderr.write(`audit:export: ${line}\n`);
  process.exit(code);
}

let options: { from?: string; to?: string; out?: string };
try {
  options = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
try {
  loadDotEnv('.env');
} catch (error) {
  fail((error as Error).message, 1);
}
const timeZone = process.env.TIMEZONE || 'Asia/Tokyo';
const databasePath = process.env.DATABASE_PATH || 'data/kintone-login.db';
if (!options.from || !options.to) fail(`--from and --to are required\n${USAGE}`, 2);
let range: ReturnType<typeof dayRange>;
try {
  range = dayRange(options.from, options.to, timeZone);
} catch {
  fail(`TIMEZONE ${JSON.stringify(timeZone)} is not an IANA time zone such as Asia/Tokyo`, 1);
}
if (!range)
  fail(
    `expected dates as YYYY-MM-DD with --to not before --from (got --from ${options.from} --to ${options.to})\n${USAGE}`,
    2,
  );
if (!existsSync(databasePath)) fail(`DATABASE_PATH ${databasePath}: no database there`, 1);

const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
// Synchronous writes, one row at a time: a large export does not pile up in memory.
const fd = options.out ? openSync(options.out, 'w') : 1;
const count = writeAuditCsv(sqlite, range, timeZone, (chunk) => writeSync(fd, chunk));
if (options.out) closeSync(fd);
sqlite.close();
process.stderr.write(
  `audit:export: ${count} audit rows from ${options.from} to ${options.to} (${timeZone})${options.out ? ` written to ${options.out}` : ''}\n`,
);
