/**
 * `npm run bench`: kintone-login against a bare Bolt app acking the same signed `/kintone-login help`, in the
 * same run, at 10 and 50 connections. Prints requests/s and p50/p99 latency of each and the ratios.
 * Targets (issue 2): throughput ≥ 0.7× bare, p99 ≤ 1.5× bare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { FakeSlack } from '../helpers/fake-slack.js';
import { sign } from '../helpers/slack-request.js';

const SECRET = 'bench-signing-secret';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 4);
/** Rounds alternate bare / ours so drift on a shared 2-core machine hits both alike; medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = [10, 50];

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function startServer(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const tsx = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(process.cwd(), script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) resolve(parsed.port);
      } catch {
        /* log lines */
      }
    });
  });
  return { child, port };
}

function slashCommandRequest() {
  const body = new URLSearchParams({
    token: 'legacy', team_id: 'T1', team_domain: 'bench', channel_id: 'C1', channel_name: 'general', user_id: 'UBENCH01',
    user_name: 'bench', command: '/kintone-login', text: 'help', api_app_id: 'A1', response_url: 'http://127.0.0.1:1/r', trigger_id: '1.2.3',
  }).toString();
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(SECRET, body) } };
}

async function load(port: number, connections: number): Promise<Figures> {
  const request = slashCommandRequest();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration: DURATION_S,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianOf(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  };
}

async function main(): Promise<void> {
  const slack = await FakeSlack.start();
  const dir = mkdtempSync(join(tmpdir(), 'kintone-login-bench-'));
  const common = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url };
  const ours = await startServer('test/bench/serve-app.ts', {
    ...common,
    SLACK_MODE: 'http',
    SUPPORT_CHANNEL_ID: 'CBENCH1',
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_LEVEL: 'warn',
  });
  const bare = await startServer('test/bench/serve-bare.ts', common);
  try {
    // Warm both up (JIT, the users.info cache) before measuring.
    await load(ours.port, 10);
    await load(bare.port, 10);
    const rows: string[] = [];
    let pass = true;
    for (const connections of CONNECTIONS) {
      const bareRuns: Figures[] = [];
      const ourRuns: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareRuns.push(await load(bare.port, connections));
        ourRuns.push(await load(ours.port, connections));
      }
      const b = medianOf(bareRuns);
      const o = medianOf(ourRuns);
      const rpsRatio = o.rps / b.rps;
      const p99Ratio = o.p99 / Math.max(b.p99, 1);
      const ok = rpsRatio >= 0.7 && p99Ratio <= 1.5 && o.errors === 0 && o.non2xx === 0;
      pass &&= ok;
      rows.push(
        `| ${connections} | ${b.rps.toFixed(0)} | ${b.p50} / ${b.p99} | ${o.rps.toFixed(0)} | ${o.p50} / ${o.p99} | ${rpsRatio.toFixed(2)}× | ${p99Ratio.toFixed(2)}× | ${o.errors + o.non2xx} | ${ok ? 'ok' : 'MISSED'} |`,
      );
    }
    console.log(`\n/kintone-login help, signed; median of ${ROUNDS} alternating runs of ${DURATION_S} s each (latency in ms)\n`);
    console.log('| connections | bare req/s | bare p50 / p99 | kintone-login req/s | kintone-login p50 / p99 | throughput ratio (≥0.7) | p99 ratio (≤1.5) | errors | target |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(pass ? '\nAll targets met.' : '\nSome targets were missed (see MISSED).');
  } finally {
    ours.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
