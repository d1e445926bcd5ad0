import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  commandLine,
  descendants,
  executable,
  isRunning,
  processEnv,
  startProcess,
  within,
  type RunningProcess,
} from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { rawRequest, rawSocket } from '../helpers/raw-http.js';
import { sign } from '../helpers/slack-request.js';

const repo = process.cwd();

beforeAll(() => {
  // What npm install / npm ci run once the packages are in: the build npm start runs.
  const result = spawnSync('npm', ['run', 'prepare'], {
    cwd: repo,
    env: processEnv({}),
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(result.status, result.stderr).toBe(0);
  expect(existsSync(join(repo, 'dist/src/main.js'))).toBe(true);
}, 200_000);

/** Starts the compiled app with plain node in `cwd` and collects its JSON log lines. */
function startMain(env: Record<string, string>, cwd: string): RunningProcess {
  return startProcess(process.execPath, [join(repo, 'dist/src/main.js')], processEnv(env), cwd);
}

describe('the build npm start runs', () => {
  it('is one bundle with drizzle-orm inlined (Node 24 re-reads its package.json for each of its files); every other package stays an import', () => {
    const main = readFileSync(join(repo, 'dist/src/main.js'), 'utf8');
    const imported = [...main.matchAll(/^import .* from ["']([^"']+)["'];$/gm)].map((m) => m[1]);
    expect(imported.filter((name) => name?.startsWith('drizzle-orm'))).toEqual([]);
    expect(imported.filter((name) => name?.startsWith('.'))).toEqual([]); // nothing of the app's own left outside it
    for (const name of ['@slack/bolt', 'better-sqlite3', 'zod', 'pino']) expect(imported).toContain(name);
  });

  it('loads openid-client only when single sign-on is first used (docs/operations.md, Memory)', () => {
    const main = readFileSync(join(repo, 'dist/src/main.js'), 'utf8');
    expect(main).not.toMatch(/^import .* from ["']openid-client["'];$/m);
    expect(main).toMatch(/\bimport\(["']openid-client["']\)/);
  });
});

describe('the app as a process', { timeout: 120_000 }, () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('runs in HTTP mode: creates the database directory, serves /healthz and slash commands, and stops cleanly on SIGTERM', async () => {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-proc-'));
    cleanup.push(
      () => slack.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const app = startMain(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: 'process-secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CPROC1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'deep', 'er', 'app.db'),
      },
      dir,
    );
    cleanup.push(() => void app.child.kill('SIGKILL'));
    const running = await app.waitForLog('kintone-login is running');
    expect(existsSync(join(dir, 'deep', 'er', 'app.db'))).toBe(true);
    const base = `http://127.0.0.1:${running.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, db: 'ok' });

    const body = new URLSearchParams({
      command: '/kintone-login',
      text: 'help',
      user_id: 'UPROC1',
      team_id: 'T1',
      trigger_id: 't',
      response_url: 'http://127.0.0.1:1/',
    }).toString();
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign('process-secret', body) },
      body,
    });
    expect(((await res.json()) as { text: string }).text).toContain('/kintone-login');

    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    expect(app.lines.map((l) => l.msg)).toContain('stopped');
  });

  it('connects in Socket Mode with the app token, answers commands over the socket, and serves /healthz', async () => {
    const slack = await FakeSlack.start();
    const socket = await FakeSocketMode.start(slack);
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-proc-'));
    cleanup.push(
      () => slack.close(),
      () => socket.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const app = startMain(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_APP_TOKEN: 'xapp-1-A1-socket-test',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CPROC1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'app.db'),
      },
      dir,
    );
    cleanup.push(() => void app.child.kill('SIGKILL'));
    const { port } = await app.waitForLog('kintone-login is running');
    await socket.connected;
    expect(slack.callsTo('apps.connections.open')[0]!.token).toBe('xapp-1-A1-socket-test');

    const ack = await socket.send('slash_commands', {
      command: '/kintone-login',
      text: 'help',
      user_id: 'USOCK1',
      team_id: 'T1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: 'http://127.0.0.1:1/',
      api_app_id: 'A1',
    });
    expect(ack.payload.text).toContain('/kintone-login');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
  });
  it('stays up whatever strays it is sent: GET /, HEAD and POST /healthz, GET /slack/events, GET /favicon.ico, a signed null', async () => {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-proc-'));
    cleanup.push(
      () => slack.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const app = startMain(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: 'process-secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CPROC1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'app.db'),
      },
      dir,
    );
    cleanup.push(() => void app.child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${(await app.waitForLog('kintone-login is running')).port}`;
    let exited = false;
    void app.exit.then(() => (exited = true));

    const strays: [method: string, path: string, status: number][] = [
      ['GET', '/', 404],
      ['HEAD', '/healthz', 200],
      ['POST', '/healthz', 405],
      ['GET', '/slack/events', 405],
      ['GET', '/favicon.ico', 404],
      ['GET', '//slack/events', 405],
    ];
    for (const [method, path, status] of strays) {
      expect(
        (await rawRequest(base, { method, path, ...(method === 'POST' ? { body: 'x' } : {}) })).status,
        `${method} ${path}`,
      ).toBe(status);
    }
    const signedNull = await rawRequest(base, {
      method: 'POST',
      path: '/slack/./events',
      headers: { 'content-type': 'application/json', ...sign('process-secret', 'null') },
      body: 'null',
    });
    expect(signedNull.status).toBe(400);
    expect(await rawSocket(base, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 4/);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(exited).toBe(false);
    expect(app.lines.filter((l) => l.level >= 50)).toEqual([]);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
  }, 60_000);
});

/** How long app.stop() lets in-flight work finish (SHUTDOWN_GRACE_MS in src/app.ts). */
const GRACE_MS = 10_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A production install next to the project: package.json, the build and the migrations, and a node_modules holding
 * only what the lock file marks as a production dependency (links into the project's own install), so neither
 * TypeScript nor tsx is there.
 */
function productionInstall(): string {
  const prod = mkdtempSync(join(tmpdir(), 'kintone-login-prod-'));
  for (const path of ['package.json', 'scripts/prepare.mjs', 'db/migrations', 'dist']) {
    cpSync(join(repo, path), join(prod, path), { recursive: true });
  }
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: nested ones are found through their parent's real path.
    if (!/^node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(path) || entry.dev) continue;
    mkdirSync(dirname(join(prod, path)), { recursive: true });
    symlinkSync(realpathSync(join(repo, path)), join(prod, path));
  }
  return prod;
}

describe('npm start, as the README says to start the app', { timeout: 120_000 }, () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** Runs `npm start` in `cwd` against a fake Slack until the app is ready; kills whatever is left at the end. */
  async function npmStart(cwd: string) {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-npm-'));
    cleanup.push(
      () => slack.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const npm = startProcess(
      'npm',
      ['start'],
      processEnv({
        SLACK_BOT_TOKEN: 'xoxb-npm-start-test',
        SLACK_SIGNING_SECRET: 'npm-start-secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CNPM1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'app.db'),
      }),
      cwd,
    );
    const started: number[] = [];
    cleanup.push(() => {
      for (const pid of [npm.child.pid!, ...started]) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    });
    const running = await npm.waitForLog('kintone-login is running');
    started.push(...descendants(npm.child.pid!));
    expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
    return { npm, started };
  }

  it("runs the compiled app as npm's own child, and on SIGTERM it stops gracefully within the grace period: npm exits 0 and the app process is gone", async () => {
    const { npm, started } = await npmStart(repo);
    // No shell between npm and node: npm passes SIGTERM to its child, and a shell would not pass it on.
    expect(started.map(executable)).toEqual([realpathSync(process.execPath)]);
    expect(commandLine(started[0]!)).toMatch(/ dist\/src\/main\.js$/);

    npm.child.kill('SIGTERM');
    const outcome = await Promise.race([npm.exit, delay(GRACE_MS).then(() => 'still running after the grace period')]);
    expect(outcome).toBe(0);
    expect(await within(2_000, () => started.every((pid) => !isRunning(pid)))).toBe(true);
    expect(npm.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
    expect(npm.stderr()).toBe('');
  });

  it('starts from a production install without dev dependencies: no TypeScript compiler at run time', async () => {
    const prod = productionInstall();
    cleanup.push(() => rmSync(prod, { recursive: true, force: true }));
    expect(existsSync(join(prod, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(prod, 'node_modules/tsx'))).toBe(false);

    const { npm } = await npmStart(prod);
    npm.child.kill('SIGTERM');
    expect(await npm.exit).toBe(0);
  });

  it('installing without dev dependencies keeps the build in dist/, and without a build says how to make one', () => {
    const prod = productionInstall();
    cleanup.push(() => rmSync(prod, { recursive: true, force: true }));
    const prepare = () =>
      spawnSync('npm', ['run', 'prepare', '--silent'], {
        cwd: prod,
        env: processEnv({}),
        encoding: 'utf8',
        timeout: 60_000,
      });

    const withBuild = prepare();
    expect(withBuild.status, withBuild.stderr).toBe(0);
    expect(withBuild.stdout + withBuild.stderr).toMatch(/TypeScript is not installed.*dist\//);

    rmSync(join(prod, 'dist'), { recursive: true });
    const withoutBuild = prepare();
    expect(withoutBuild.status).toBe(1);
    expect(withoutBuild.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/dist\/ is missing.*npm ci.*npm run build/),
    ]);
  });
});
