/**
 * Running it as a service, with real processes: one instance per database, online backups under load, restore.
 * The app is compiled as `npm install` compiles it; the backup and restore commands are the ones `npm run backup`
 * and `npm run restore` run (node dist/src/cli/…).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, processEnv, startProcess, type RunningProcess } from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { SlackClientSim } from '../helpers/slack-request.js';

const SECRET = 'ops-test-secret';
const ADMIN = 'UADMINOPS';

let build: { root: string; main: string };
let slack: FakeSlack;
beforeAll(async () => {
  build = buildApp();
  slack = await FakeSlack.start();
}, 180_000);
afterAll(async () => {
  await slack.close();
  rmSync(build.root, { recursive: true, force: true });
});

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kintone-login-ops-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function appEnv(databasePath: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-ops',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_MODE: 'http',
    SLACK_API_URL: slack.url,
    SUPPORT_CHANNEL_ID: 'COPS1',
    ADMIN_SLACK_IDS: ADMIN,
    PORT: '0',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
  };
}

function startApp(databasePath: string, cwd: string): RunningProcess {
  const app = startProcess(process.execPath, [build.main], processEnv(appEnv(databasePath)), cwd);
  cleanup.push(() => void app.child.kill('SIGKILL'));
  return app;
}

/**
 * Runs `npm run backup` / `npm run restore` as the scripts do (node on the compiled command) to its exit. Not
 * spawnSync: the load this test generates must go on while the command runs.
 */
function runCli(
  command: 'backup' | 'restore',
  arg: string,
  databasePath: string,
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(build.root, `dist/src/cli/${command}.js`), ...(arg ? [arg] : [])], {
    cwd,
    env: processEnv({ DATABASE_PATH: databasePath }),
  });
  cleanup.push(() => void child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

describe('one instance per database', { timeout: 120_000 }, () => {
  it('stops a second process on the same DATABASE_PATH at once, naming the first (pid, host, since); the first runs on', async () => {
    const dir = tempDir();
    const path = join(dir, 'app.db');
    const first = startApp(path, dir);
    const { port } = await first.waitForLog('kintone-login is running');

    const second = startApp(path, dir);
    expect(await second.exit).toBe(1);
    // At once: before migrating, listening or reaching Slack, it has not written a single log line.
    expect(second.lines).toEqual([]);
    const line = second.stderr().trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(
      new RegExp(
        `^start error: another kintone-login process uses ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the app, pid ${first.child.pid} on host ${hostname()}, since \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z \\(last heartbeat \\d+ s ago\\); stop it first$`,
      ),
    );

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    // Stopped cleanly, it let go: the next start takes the database without a word about a stale lock.
    const third = startApp(path, dir);
    await third.waitForLog('kintone-login is running');
    expect(third.lines.map((l) => l.msg)).not.toContain('took over the database lock of a process that is gone');
    third.child.kill('SIGTERM');
    expect(await third.exit).toBe(0);
  });

  it('takes over the lock a killed process left behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'app.db');
    const killed = startApp(path, dir);
    await killed.waitForLog('kintone-login is running');
    killed.child.kill('SIGKILL');
    await killed.exit;

    const next = startApp(path, dir);
    await next.waitForLog('kintone-login is running');
    const warning = next.lines.find((l) => l.msg === 'took over the database lock of a process that is gone');
    expect(warning?.previous).toMatchObject({ pid: killed.child.pid, host: hostname(), purpose: 'app' });
    next.child.kill('SIGTERM');
    expect(await next.exit).toBe(0);
  });
});

describe('backup and restore', { timeout: 180_000 }, () => {
  it('backs up under a load of reports; restore refuses while the app runs, then brings back every acknowledged report and the audit trail', async () => {
    const dir = tempDir();
    const path = join(dir, 'live', 'app.db');
    const backups = join(dir, 'backups');
    const app = startApp(path, dir);
    const { port } = await app.waitForLog('kintone-login is running');
    const client = new SlackClientSim(`http://127.0.0.1:${port}`, SECRET);
    expect(
      (await client.slashCommand({ userId: ADMIN, text: 'duty on', responseUrl: slack.responseUrl('duty') })).status,
    ).toBe(200);

    const walkOf = new Map<string, number>();
    slack.onCall((call) => {
      if (call.method === 'views.open' && call.status === 200 && call.args.view?.callback_id === 'login_report') {
        walkOf.set(String(call.args.trigger_id), (JSON.parse(call.args.view.private_metadata) as { w: number }).w);
      }
    });
    /** Login names of reports the app answered "sent to the administrators" for. */
    const acknowledged = new Set<string>();
    let stop = false;
    let n = 0;
    const load = async (worker: number) => {
      while (!stop) {
        const key = `w${worker}n${n++}`;
        const reporter = `UREP${key.toUpperCase()}`;
        const trigger = `trig-${key}`;
        await client.slashCommand({
          userId: reporter,
          text: '',
          triggerId: trigger,
          responseUrl: slack.responseUrl('open'),
        });
        for (const until = Date.now() + 3000; !walkOf.has(trigger) && Date.now() < until; )
          await new Promise((resolve) => setTimeout(resolve, 5));
        const walkId = walkOf.get(trigger);
        if (walkId === undefined) continue;
        const res = await client.viewSubmission({
          userId: reporter,
          callbackId: 'login_report',
          viewId: `V${key}`,
          privateMetadata: JSON.stringify({ w: walkId, s: 'suspended', f: {} }),
          values: {
            login_name: { login_name_input: { value: `user-${key}` } },
            details: { details_input: { value: null } },
          },
        });
        // In the reporter's language, or in DEFAULT_LOCALE (ja) when users.info did not answer within its budget on a loaded machine.
        if (/has been sent to the administrators|を管理者に送りました/.test(JSON.stringify(res.body?.view)))
          acknowledged.add(`user-${key}`);
        if (n % 3 === 0)
          await client.blockAction({
            userId: ADMIN,
            actionId: 'report_ack',
            value: String(1 + Math.floor(n / 3)),
            responseUrl: slack.responseUrl('ack'),
          });
      }
    };
    const workers = Array.from({ length: 3 }, (_, i) => load(i));
    while (acknowledged.size < 20) await new Promise((resolve) => setTimeout(resolve, 10));

    // Taken while the load goes on: every report acknowledged before it started must be in it.
    const before = new Set(acknowledged);
    const backup = await runCli('backup', backups, path, dir);
    const duringBackup = acknowledged.size;
    stop = true;
    await Promise.all(workers);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(duringBackup).toBeGreaterThan(before.size); // the load really ran during the backup
    const files = readdirSync(backups);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^kintone-login-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
    const file = join(backups, files[0]!);
    expect(backup.stdout).toContain(`backup written: ${file}`);
    expect(existsSync(`${file}-wal`)).toBe(false);

    // The app holds the database: restore refuses and changes nothing.
    const refused = await runCli('restore', file, path, dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      `restore error: another kintone-login process uses ${path}: the app, pid ${app.child.pid} on host ${hostname()}`,
    );
    expect(refused.stderr).toContain('nothing was changed');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    const live = new Database(path, { readonly: true });
    const liveAudit = live.prepare('SELECT * FROM audit_events ORDER BY id').all() as { id: number }[];
    const liveReports = (live.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    live.close();

    const restored = await runCli('restore', file, path, dir);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(
      `restored ${file} to ${path}; the database it replaced is kept as ${path}.before-restore-`,
    );

    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const names = new Set(
      (db.prepare('SELECT login_name FROM reports').all() as { login_name: string }[]).map((r) => r.login_name),
    );
    expect([...before].filter((name) => !names.has(name))).toEqual([]);
    expect(names.size).toBeLessThanOrEqual(liveReports);
    // The audit trail is the live one up to the moment of the backup: same rows, same order, nothing missing.
    const audit = db.prepare('SELECT * FROM audit_events ORDER BY id').all() as { id: number }[];
    expect(audit.length).toBeGreaterThan(before.size);
    expect(audit).toEqual(liveAudit.slice(0, audit.length));
    const created = db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'report.created'").get() as {
      n: number;
    };
    expect(created.n).toBe(names.size);
    expect(db.prepare('SELECT count(*) AS n FROM instance_lock').get()).toEqual({ n: 0 });
    db.close();

    // And the app runs on it.
    const again = startApp(path, dir);
    const { port: portAgain } = await again.waitForLog('kintone-login is running');
    expect((await fetch(`http://127.0.0.1:${portAgain}/healthz`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
  });

  it('refuses what is not a kintone-login backup, and says how to call it', async () => {
    const dir = tempDir();
    const path = join(dir, 'app.db');
    expect(await runCli('backup', '', path, dir)).toMatchObject({
      status: 1,
      stderr: 'backup error: usage: npm run backup -- <directory>\n',
    });
    expect(await runCli('backup', join(dir, 'b'), path, dir)).toMatchObject({
      status: 1,
      stderr: `backup error: no database at ${path} (DATABASE_PATH)\n`,
    });
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    expect(await runCli('restore', other, path, dir)).toMatchObject({
      status: 1,
      stderr: `restore error: ${other}: not a kintone-login database; nothing was changed\n`,
    });
    expect(existsSync(path)).toBe(false);
  });
});
