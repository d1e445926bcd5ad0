/**
 * `npx tsx test/bench/memory-flags.ts '[[], ["--max-semi-space-size=4", "--heap-growing-percent=50"]]'`: the RSS
 * peak of kintone-login under the bench's heaviest loads (walks opened, then report submissions, `status` and
 * troubleshooter steps at saturation over 50 connections), once per list of node flags, next to a bare Bolt app
 * under the same loads, in one run: how the flags in `npm start` were chosen (docs/operations.md, "Memory").
 * An entry `NAME=value` (not a flag) is set in the app's environment instead, e.g.
 * `GLIBC_TUNABLES=glibc.malloc.arena_max=2`. MEMORY_SECONDS per load (default 6), MEMORY_WALKS opened first
 * (default 5000).
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ADMIN, goOnDuty, paths, signedRequests } from './paths.js';
import { SlackThread } from './slack-thread.js';
import { WalkPool } from './walk-pool.js';
const SECRET = 'bench-signing-secret';
const variants: string[][] = JSON.parse(process.argv[2] ?? '[[]]');
const SECS = Number(process.env.MEMORY_SECONDS ?? 6);
const mem = (pid: number) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const k = (f: string) => Math.round(Number(s.match(new RegExp(`${f}:\\s+(\\d+)`))?.[1]) / 1024);
  return { rss: k('VmRSS'), peak: k('VmHWM') };
};
const slack = await SlackThread.start();
const common = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url };
async function hammer(port: number, body: () => string, connections = 50) {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    connections,
    duration: SECS,
    requests: signedRequests(SECRET, body),
  });
  return Math.round(r.requests.average);
}
async function quiet() {
  for (let seen = -1; seen !== slack.calls; ) {
    seen = slack.calls;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
// bare
{
  const child = spawn(process.execPath, ['test/bench/serve-bare.mjs'], {
    env: { ...process.env, ...common },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((res) =>
    createInterface({ input: child.stdout! }).once('line', (l) => res(JSON.parse(l).port)),
  );
  const b = paths(slack.responseUrl);
  const rps = [
    await hammer(port, b['report submission']!),
    await hammer(port, b['slash command (status)']!),
    await hammer(port, b['troubleshooter step']!),
  ];
  console.log(JSON.stringify({ variant: 'BARE', rps, ...mem(child.pid!) }));
  child.kill();
}
for (const flags of variants) {
  const port = 39200 + Math.floor(Math.random() * 500);
  const dir = mkdtempSync(join(tmpdir(), 'memory-flags-'));
  const child = spawn(process.execPath, [...flags.filter((f) => f.startsWith('--')), 'dist/src/main.js'], {
    env: {
      ...process.env,
      ...Object.fromEntries(
        flags.filter((f) => !f.startsWith('--')).map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]),
      ),
      ...common,
      SLACK_MODE: 'http',
      SUPPORT_CHANNEL_ID: 'CBENCH1',
      ADMIN_SLACK_IDS: ADMIN,
      LOG_LEVEL: 'warn',
      DATABASE_PATH: join(dir, 'b.db'),
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const idle = mem(child.pid!);
  await goOnDuty(port, SECRET, slack.responseUrl);
  const pool = new WalkPool(port, SECRET, slack, `V${variants.indexOf(flags)}x`);
  const t0 = performance.now();
  await pool.fill(Number(process.env.MEMORY_WALKS ?? 5000));
  const fillS = Math.round(performance.now() - t0) / 1000;
  const p = paths(slack.responseUrl, pool);
  const rps = [await hammer(port, p['report submission']!)];
  await quiet();
  rps.push(await hammer(port, p['slash command (status)']!), await hammer(port, p['troubleshooter step']!));
  await quiet();
  pool.close();
  console.log(
    JSON.stringify({ variant: flags.join(' ') || 'default', idle: idle.rss, fillS, rps, ...mem(child.pid!) }),
  );
  child.kill();
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
await slack.close();
