/** Ad-hoc: CPU profile of the app while one bench path runs at a fixed rate. Not part of the suite. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pacedLoad } from './paced-load.js';
import { sign } from '../helpers/slack-request.js';
import { tsxArgs } from '../helpers/tsx-args.js';
import { ADMIN, form, paths } from './paths.js';
import { SlackThread } from './slack-thread.js';

const SECRET = 'bench-signing-secret';
const slack = await SlackThread.start();
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const env = { ...process.env, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url, SLACK_MODE: 'http', SUPPORT_CHANNEL_ID: 'CBENCH1', ADMIN_SLACK_IDS: 'UBENCHADM', LOG_LEVEL: 'warn', DATABASE_PATH: join(dir, 'b.db') };
const prof = [...(process.env.PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), ...(process.env.TRACE_GC ? ['--trace-gc'] : [])];
const child = spawn(process.execPath, [...prof, ...tsxArgs('test/bench/serve-app.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => { if (l.includes('ms: ')) process.stderr.write(l + '\n'); try { resolve(JSON.parse(l).port); } catch {} }));
const body = paths(slack.responseUrl)[Object.keys(paths('')).find((n) => n.includes(process.env.BENCH_PATHS ?? 'troubleshooter'))!]!;
const duty = form({ token: 't', team_id: 'T1', channel_id: 'C1', user_id: ADMIN, command: '/kintone-login', text: 'duty on', api_app_id: 'A1', response_url: slack.responseUrl, trigger_id: '1' });
await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(SECRET, duty) }, body: duty });
const run = async (rate: number) => {
  const r = await pacedLoad({ port, connections: Number(process.env.CONNS ?? 10), rate, seconds: 4, body, headers: (b) => ({ 'content-type': 'application/x-www-form-urlencoded', ...sign(SECRET, b) }) });
  console.log(`rate ${rate}: p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(1)} errors ${r.errors}`);
};
const RATE = Number(process.env.BENCH_RATE ?? 200);
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
  await run(RATE);
  await new Promise((r) => setTimeout(r, 3000));
}
await new Promise((r) => setTimeout(r, 3000));
console.log('slack calls', slack.calls);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await slack.close();
