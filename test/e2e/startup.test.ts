/**
 * What an operator sees when the app cannot start or is stopped early: the real process, compiled as npm install
 * compiles it and started in an empty directory with plain node, as `npm start` starts it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FakeSlack } from '../helpers/fake-slack.js';
import { buildApp, freePort, processEnv, startProcess, type RunningProcess } from '../helpers/app-process.js';

let main = '';
beforeAll(() => {
  const build = buildApp();
  main = build.main;
  return () => rmSync(build.root, { recursive: true, force: true });
}, 180_000);

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kintone-login-start-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `fromDotEnv`: variables left unset, so that a .env file may fill them in. */
function startMain(env: Record<string, string>, cwd: string, fromDotEnv: string[] = []): RunningProcess {
  const fullEnv = processEnv(env);
  for (const name of fromDotEnv) delete fullEnv[name];
  const app = startProcess(process.execPath, [main], fullEnv, cwd);
  cleanup.push(() => void app.child.kill('SIGKILL'));
  return app;
}

/** Runs the app until it exits by itself (it must, within the test's time) and answers its exit code and stderr lines. */
async function runToExit(
  env: Record<string, string>,
  cwd = emptyDir(),
  fromDotEnv: string[] = [],
): Promise<{ code: number | string | null; stderr: string[]; stdout: Record<string, any>[] }> {
  const app = startMain(env, cwd, fromDotEnv);
  const code = await app.exit;
  return { code, stderr: app.stderr().trimEnd().split('\n'), stdout: app.lines };
}

const STACK_FRAME = /^\s+at /m;
const valid = {
  SLACK_BOT_TOKEN: 'xoxb-start-test',
  SLACK_SIGNING_SECRET: 'start-secret',
  SLACK_MODE: 'http',
  SUPPORT_CHANNEL_ID: 'CSTART1',
  PORT: '0',
};

describe('starting without a usable configuration', { timeout: 120_000 }, () => {
  it('runs from a bundle written in ASCII only, so V8 holds its source as one-byte text (docs/operations.md, Memory)', () => {
    const source = readFileSync(main, 'utf8');
    expect([...source].filter((c) => c.charCodeAt(0) > 0x7f)).toEqual([]);
    // The Japanese wording is still there, escaped.
    expect(source).toContain('\\u30e9\\u30a4\\u30bb\\u30f3\\u30b9'); // ライセンス
  });

  it('with no .env and nothing set, says in one line to copy .env.example, then names each missing variable', async () => {
    const { code, stderr } = await runToExit({});
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'config error: no .env file in this directory: create it with `cp .env.example .env` and fill it in',
      'config error: SLACK_BOT_TOKEN: is required',
      'config error: SUPPORT_CHANNEL_ID: is required',
      expect.stringMatching(/^config error: SLACK_APP_TOKEN: .*SLACK_SIGNING_SECRET/),
    ]);
  });

  it('does not suggest creating .env when there is one, and reads it', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-from-dotenv\nSLACK_SIGNING_SECRET=s\n');
    const { code, stderr } = await runToExit({}, dir, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(code).toBe(1);
    expect(stderr).toEqual(['config error: SUPPORT_CHANNEL_ID: is required']);
  });

  it('reports an unreadable .env in one line', async () => {
    const dir = emptyDir();
    mkdirSync(join(dir, '.env'));
    const { code, stderr } = await runToExit(valid, dir);
    expect(code).toBe(1);
    expect(stderr).toEqual([expect.stringMatching(/^config error: \.env: cannot be read \(EISDIR/)]);
  });

  it('reports malformed values and problems between variables in the same run, one line each, echoing no value', async () => {
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-start-test-secret',
      SLACK_MODE: 'http', // without SLACK_SIGNING_SECRET
      PORT: 'eighty',
      CYBOZU_BASE_URL: 'https://example.cybozu.com',
      CYBOZU_API_TOKEN: 'cy.s.api1.secret-token',
      CYBOZU_BASIC_AUTH: 'basic:secret-password',
      OIDC_ISSUER: 'https://idp.example.com', // without the other three
    });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'config error: no .env file in this directory: create it with `cp .env.example .env` and fill it in',
      'config error: PORT: expected a port number',
      'config error: SUPPORT_CHANNEL_ID: is required',
      'config error: SLACK_SIGNING_SECRET: is required in http mode',
      expect.stringMatching(/^config error: CYBOZU_API_TOKEN: .*CYBOZU_BASIC_AUTH/),
      expect.stringMatching(/^config error: OIDC_ISSUER: single sign-on needs/),
    ]);
    const all = stderr.join('\n');
    for (const secret of ['xoxb-start-test-secret', 'secret-token', 'secret-password', 'eighty'])
      expect(all).not.toContain(secret);
  });

  it('reports the signing secret and the OIDC issuer even when the other variables are malformed too', async () => {
    const { code, stderr } = await runToExit({
      ...valid,
      SLACK_SIGNING_SECRET: '',
      SUPPORT_CHANNEL_ID: '#support',
      OIDC_ISSUER: 'http://idp.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URL: 'https://app.example.com/oidc/callback',
    });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      expect.stringMatching(/^config error: SUPPORT_CHANNEL_ID: expected a channel ID/),
      'config error: SLACK_SIGNING_SECRET: is required in http mode',
      expect.stringMatching(/^config error: OIDC_ISSUER: expected an https:\/\/ URL/),
    ]);
  });
});

describe('starting with a DATABASE_PATH that cannot be used', { timeout: 120_000 }, () => {
  async function expectOneLine(databasePath: string, reason: RegExp): Promise<void> {
    const { code, stderr, stdout } = await runToExit({ ...valid, DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr).toEqual([expect.stringMatching(/^database error: DATABASE_PATH /)]);
    expect(stderr[0]).toContain(databasePath);
    expect(stderr[0]).toMatch(reason);
    expect(stderr.join('\n')).not.toMatch(STACK_FRAME);
    expect(stdout.map((l) => l.msg)).not.toContain('kintone-login is running');
  }

  it('a directory', async () => {
    const dir = emptyDir();
    await expectOneLine(dir, /is a directory.*file name/);
  });

  it('a path under a file', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'data'), 'not a directory');
    await expectOneLine(join(dir, 'data', 'app.db'), new RegExp(`${join(dir, 'data')} is a file, not a directory`));
  });

  it('a file that is not a database', async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'app.db'), 'plain text, '.repeat(100));
    await expectOneLine(join(dir, 'app.db'), /is not a SQLite database/);
  });

  it('a place it may not write', async () => {
    // root may write where chmod forbids it; sysfs refuses new files even to root.
    let target: string;
    let unwritable: string;
    if (process.getuid?.() === 0) {
      unwritable = '/sys';
      target = '/sys/kintone-login-test/app.db';
    } else {
      unwritable = join(emptyDir(), 'locked');
      mkdirSync(unwritable);
      chmodSync(unwritable, 0o555);
      target = join(unwritable, 'sub', 'app.db');
    }
    await expectOneLine(
      target,
      new RegExp(`cannot be created or written \\(E[A-Z]+\\): the app may not write to it or to ${unwritable}$`),
    );
  });
});

describe('stopping before the app has started', { timeout: 120_000 }, () => {
  async function startSocketMode(slack: FakeSlack) {
    const dir = emptyDir();
    return startMain(
      {
        SLACK_BOT_TOKEN: 'xoxb-start-test',
        SLACK_APP_TOKEN: 'xapp-1-A1-start-test',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CSTART1',
        PORT: String(await freePort()),
        DATABASE_PATH: join(dir, 'app.db'),
      },
      dir,
    );
  }

  async function expectQuietStop(app: RunningProcess): Promise<void> {
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    const problems = app.lines.filter((l) => typeof l.level !== 'number' || l.level >= 50);
    expect(problems).toEqual([]);
    expect(app.stderr()).toBe('');
    expect(app.lines.map((l) => l.msg)).toContain('stopped');
  }

  for (const method of ['auth.test', 'apps.connections.open']) {
    it(`while Slack has not answered ${method}: exits 0 and logs no error`, async () => {
      const slack = await FakeSlack.start();
      cleanup.push(() => slack.close());
      slack.delay(method, 60_000);
      const asked = slack.waitFor((c) => c.method === method, 90_000);
      const app = await startSocketMode(slack);
      await asked;
      await expectQuietStop(app);
    });
  }

  it('while the socket is open but Slack has not said hello: exits 0 and logs no error', async () => {
    const slack = await FakeSlack.start();
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    const opened = new Promise<void>((resolve) => silent.once('connection', () => resolve()));
    cleanup.push(
      () => slack.close(),
      () =>
        new Promise<void>((resolve) => {
          for (const client of silent.clients) client.terminate();
          silent.close(() => resolve());
        }),
    );
    slack.override('apps.connections.open', () => ({
      ok: true,
      url: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/link`,
    }));
    const app = await startSocketMode(slack);
    await opened;
    await expectQuietStop(app);
  });

  it('while Slack is unavailable and the app keeps retrying: exits 0 and logs no error', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.failAlways('apps.connections.open', { status: 503 });
    const asked = slack.waitFor((c) => c.method === 'apps.connections.open', 90_000);
    const app = await startSocketMode(slack);
    await asked;
    await expectQuietStop(app);
  });

  it('in HTTP mode, while Slack has not answered auth.test: exits 0 and logs no error', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.delay('auth.test', 60_000);
    const asked = slack.waitFor((c) => c.method === 'auth.test', 90_000);
    const dir = emptyDir();
    const app = startMain({ ...valid, SLACK_API_URL: slack.url, DATABASE_PATH: join(dir, 'app.db') }, dir);
    await asked;
    await expectQuietStop(app);
  });
});
