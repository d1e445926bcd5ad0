import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { rawRequest, rawSocket } from '../helpers/raw-http.js';
import { sign } from '../helpers/slack-request.js';
import { tsxArgs } from '../helpers/tsx-args.js';

interface Running {
  child: ChildProcess;
  lines: Record<string, any>[];
  waitForLog(msg: string): Promise<Record<string, any>>;
  exit: Promise<number | null>;
}

/** Starts src/main.ts as `npm start` does (via tsx instead of the build) and collects its JSON log lines. */
function startMain(env: Record<string, string>, cwd: string): Running {
  const child = spawn(process.execPath, tsxArgs('src/main.ts'), {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  const waiters: { msg: string; resolve: (l: Record<string, any>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const parsed = JSON.parse(line) as Record<string, any>;
    lines.push(parsed);
    for (const w of waiters.filter((w) => w.msg === parsed.msg)) w.resolve(parsed);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    waitForLog: (msg) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => l.msg === msg);
        if (found) return resolve(found);
        waiters.push({ msg, resolve });
        void exit.then((code) => reject(new Error(`exited (${code}) before logging "${msg}"; logged: ${lines.map((l) => l.msg).join(' | ')}`)));
      }),
  };
}

describe('the app as a process (npm start)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('runs in HTTP mode: creates the database directory, serves /healthz and slash commands, and stops cleanly on SIGTERM', async () => {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-proc-'));
    cleanup.push(() => slack.close(), () => rmSync(dir, { recursive: true, force: true }));
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

    const body = new URLSearchParams({ command: '/kintone-login', text: 'help', user_id: 'UPROC1', team_id: 'T1', trigger_id: 't', response_url: 'http://127.0.0.1:1/' }).toString();
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
    cleanup.push(() => slack.close(), () => socket.close(), () => rmSync(dir, { recursive: true, force: true }));
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
      command: '/kintone-login', text: 'help', user_id: 'USOCK1', team_id: 'T1', channel_id: 'C1', trigger_id: 't', response_url: 'http://127.0.0.1:1/', api_app_id: 'A1',
    });
    expect(ack.payload.text).toContain('/kintone-login');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
  });
  it('stays up whatever strays it is sent: GET /, HEAD and POST /healthz, GET /slack/events, GET /favicon.ico, a signed null', async () => {
    const slack = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-proc-'));
    cleanup.push(() => slack.close(), () => rmSync(dir, { recursive: true, force: true }));
    const app = startMain(
      { SLACK_BOT_TOKEN: 'xoxb-process-test', SLACK_SIGNING_SECRET: 'process-secret', SLACK_MODE: 'http', SLACK_API_URL: slack.url, SUPPORT_CHANNEL_ID: 'CPROC1', PORT: '0', DATABASE_PATH: join(dir, 'app.db') },
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
      expect((await rawRequest(base, { method, path, ...(method === 'POST' ? { body: 'x' } : {}) })).status, `${method} ${path}`).toBe(status);
    }
    const signedNull = await rawRequest(base, { method: 'POST', path: '/slack/./events', headers: { 'content-type': 'application/json', ...sign('process-secret', 'null') }, body: 'null' });
    expect(signedNull.status).toBe(400);
    expect(await rawSocket(base, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 4/);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(exited).toBe(false);
    expect(app.lines.filter((l) => l.level >= 50)).toEqual([]);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
  }, 60_000);
});
