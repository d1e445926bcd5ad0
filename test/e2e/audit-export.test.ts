import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { audit } from '../../src/reports/audit.js';
import { buildApp, processEnv } from '../helpers/app-process.js';

/** Tokyo wall-clock time as epoch ms. */
const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes), to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}

// Each test starts node on the compiled script: seconds each on a loaded machine.
describe('npm run audit:export (the compiled script, as after npm install)', { timeout: 60_000 }, () => {
  let build: ReturnType<typeof buildApp>;
  let dir: string;
  let dbPath: string;
  beforeAll(() => {
    build = buildApp();
    dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    dbPath = join(dir, 'app.db');
    const db = openDatabase(dbPath);
    migrateDatabase(db);
    audit(db, {
      type: 'admin.added',
      actorSlackId: 'UADMIN1',
      data: { slackId: 'UNEW1' },
      now: tokyo('2026-03-31T23:59:59'),
    });
    audit(db, {
      type: 'report.created',
      reportId: null,
      actorSlackId: 'UREPORT1',
      data: { loginName: '山田, "花子"', remedy: 'reset\nunlock' },
      now: tokyo('2026-04-01T00:00:00'),
    });
    audit(db, { type: 'duty.on', actorSlackId: 'UADMIN1', data: { until: null }, now: tokyo('2026-04-30T23:59:59') });
    audit(db, { type: 'duty.off', actorSlackId: 'UADMIN1', data: {}, now: tokyo('2026-05-01T00:00:00') });
    db.$client.close();
  }, 180_000); // a full compile, as npm install makes: a minute or more on a loaded 2-core machine
  afterAll(() => {
    rmSync(build.root, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(build.root, 'dist/scripts/audit-export.js'), ...args], {
      cwd: dir,
      env: processEnv({ DATABASE_PATH: dbPath, TIMEZONE: 'Asia/Tokyo', ...env }),
      encoding: 'utf8',
    });

  it('is the npm script, run by plain node from dist/ (no tsx in a production install)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts['audit:export']).toBe('node dist/scripts/audit-export.js');
    expect(pkg.dependencies.tsx).toBeUndefined();
  });

  it('writes the days asked for, both included in TIMEZONE, as UTF-8 CSV with a BOM, a header, Japanese intact and fields quoted', () => {
    const result = run(['--from', '2026-04-01', '--to', '2026-04-30']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.startsWith('\uFEFFid,time,type,report_id,actor_slack_id,data,redacted_at\r\n')).toBe(true);
    const rows = parseCsv(result.stdout.slice(1));
    expect(rows.map((r) => r[2])).toEqual(['type', 'report.created', 'duty.on']);
    expect(rows[1]![1]).toBe('2026-04-01T00:00:00+09:00');
    expect(rows[1]![4]).toBe('UREPORT1');
    expect(JSON.parse(rows[1]![5]!)).toEqual({ loginName: '山田, "花子"', remedy: 'reset\nunlock' });
    expect(rows[2]![1]).toBe('2026-04-30T23:59:59+09:00');
    // The comma and the quotes are inside one quoted field, quotes doubled.
    expect(result.stdout).toContain('"{""loginName"":""山田, \\""花子\\"""",""remedy"":""reset\\nunlock""}"');
    expect(result.stderr).toContain('2 audit rows');
  });

  it('writes a file with --out, and a single day with --from and --to the same', () => {
    const out = join(dir, 'april-first.csv');
    const result = run(['--from', '2026-05-01', '--to', '2026-05-01', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString('utf8').slice(1)).map((r) => r[2])).toEqual(['type', 'duty.off']);
  });

  it('reads the days in TIMEZONE', () => {
    const result = run(['--from', '2026-04-01', '--to', '2026-04-01'], { TIMEZONE: 'UTC' });
    // In UTC, 2026-04-01 is 09:00 Tokyo onwards: only the row at 2026-04-30 23:59:59 Tokyo is outside it.
    expect(result.status, result.stderr).toBe(0);
    expect(parseCsv(result.stdout.slice(1)).map((r) => r[2])).toEqual(['type']);
  });

  it.each([
    [['--from', '2026-04-01'], /--from and --to are required/],
    [['--from', '2026-4-1', '--to', '2026-04-30'], /YYYY-MM-DD/],
    [['--from', '2026-05-01', '--to', '2026-04-01'], /not before --from/],
    [['--since', '2026-04-01'], /Unknown option/],
  ])('refuses %j with a usage line and exit code 2', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('says so when there is no database at DATABASE_PATH', () => {
    const result = run(['--from', '2026-04-01', '--to', '2026-04-30'], { DATABASE_PATH: join(dir, 'missing.db') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_PATH .*missing\.db: no database there/);
  });
});
