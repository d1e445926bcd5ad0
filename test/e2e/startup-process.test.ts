import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import { tsxArgs } from '../helpers/tsx-args.js';

const TOKEN = 'xoxb-process-start-secret-1';
const BOUND_SECONDS = 3;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs src/main.ts as `npm start` does (through tsx) and collects stdout's JSON lines and stderr. */
function startMain(env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, tsxArgs('src/main.ts'), {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  let stdout = '';
  let stderr = '';
  const logged: Record<string, (line: Record<string, any>) => void> = {};
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout += `${line}\n`;
    const parsed = JSON.parse(line) as Record<string, any>;
    parsed.receivedAt = Date.now();
    lines.push(parsed);
    logged[parsed.msg]?.(parsed);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return {
    child,
    lines,
    exit,
    output: () => ({ stdout, stderr }),
    logged: (msg: string) => new Promise<Record<string, any>>((resolve) => (logged[msg] = resolve)),
  };
}

describe('npm start when Slack cannot be reached', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  for (const failure of ['HTTP 500 from auth.test', 'nothing listening (ECONNREFUSED)'] as const) {
    it(`${failure}: /healthz says "starting" meanwhile, then the process exits 1 within SLACK_STARTUP_TIMEOUT_SECONDS with one line naming host and error`, async () => {
      const slack = await FakeSlack.start();
      cleanup.push(() => slack.close());
      let apiUrl = slack.url;
      if (failure === 'HTTP 500 from auth.test') slack.failAlways('auth.test', { status: 500 });
      else apiUrl = `http://127.0.0.1:${await freePort()}/api/`;
      const host = new URL(apiUrl).host;
      const dir = mkdtempSync(join(tmpdir(), 'kintone-login-start-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const port = await freePort();
      const app = startMain(
        {
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: 'process-secret',
          SLACK_MODE: 'http',
          SLACK_API_URL: apiUrl,
          SUPPORT_CHANNEL_ID: 'CPROC1',
          PORT: String(port),
          DATABASE_PATH: join(dir, 'app.db'),
          SLACK_STARTUP_TIMEOUT_SECONDS: String(BOUND_SECONDS),
        },
        dir,
      );
      cleanup.push(() => void app.child.kill('SIGKILL'));
      const starting = app.logged('starting: reaching Slack');
      const retrying = app.logged('Slack not reachable yet: retrying');
      const startedAt = (await starting).receivedAt as number;
      await retrying;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, state: 'starting' });

      const { code, at } = await app.exit;
      expect(code).toBe(1);
      // Within the bound (plus one attempt's time and the exit itself), not Bolt's 20 minutes.
      expect(at - startedAt).toBeLessThan((BOUND_SECONDS + 3) * 1000);
      const { stdout, stderr } = app.output();
      const problem =
        failure === 'HTTP 500 from auth.test'
          ? `Slack is not answering auth.test at ${host}: HTTP 500`
          : `cannot reach ${host}: connect ECONNREFUSED ${host}`;
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^start error: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; gave up after \\d+ attempts in ${BOUND_SECONDS} s$`,
          ),
        ),
      ]);
      expect(app.lines.find((l) => l.msg === 'could not start')).toMatchObject({
        level: 60,
        problem: expect.stringContaining(problem),
      });
      if (failure === 'HTTP 500 from auth.test') expect(slack.callsTo('auth.test').length).toBeGreaterThanOrEqual(2);
      expect(stdout + stderr).not.toContain(TOKEN);
    }, 60_000);
  }
});
