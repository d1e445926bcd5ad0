/**
 * `npx tsx test/bench/alloc-profile.ts [requests]` (after `npm run build`): what each of the bench's loads
 * allocates per request, garbage included, in kintone-login and in the bare Bolt app, from V8's sampling heap
 * profiler over the inspector. Each load is listed by the frame that allocated and by the app function that led
 * to it (the bundle's `// <file>` markers name the source file), so a query rebuilt on every call or a body
 * encoded piece by piece shows up by name. How the allocations behind the RSS peak were found
 * (docs/operations.md, "Memory"). ALLOC_LOADS: a comma-separated subset of the loads; ALLOC_SKIP_BARE=1. Needs
 * Node 22 or later (the global WebSocket), as the image has.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ADMIN, goOnDuty, paths, signedRequests } from './paths.js';
import { SlackThread } from './slack-thread.js';
import { startFlags } from './start-flags.js';
import { WalkPool } from './walk-pool.js';

const SECRET = 'bench-signing-secret';
const REQUESTS = Number(process.argv[2] ?? 2000);
const LOADS = (
  process.env.ALLOC_LOADS ?? 'troubleshooter step,report submission,slash command (status),action button (take it)'
).split(',');
const SAMPLING = {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
};

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
class Inspector {
  private id = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
      if (message.id) this.pending.get(message.id)?.(message.result);
    };
  }
  static async connect(port: number): Promise<Inspector> {
    for (;;) {
      try {
        const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
          webSocketDebuggerUrl: string;
        }[];
        const ws = new WebSocket(target!.webSocketDebuggerUrl);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        });
        return new Inspector(ws);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
  send(method: string, params: unknown = {}): Promise<unknown> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.pending.set(id, resolve));
  }
  async sampled(during: () => Promise<void>): Promise<ProfileNode> {
    await this.send('HeapProfiler.enable');
    await this.send('HeapProfiler.startSampling', SAMPLING);
    await during();
    return ((await this.send('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } }).profile.head;
  }
  close(): void {
    this.ws.close();
  }
}

const slack = await SlackThread.start();
const common = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url };

async function send(port: number, body: () => string, amount: number): Promise<void> {
  await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    connections: 10,
    amount,
    requests: signedRequests(SECRET, body),
  });
  // The work a request leaves behind (Slack calls, the outbox) is part of what it costs.
  for (let seen = -1; seen !== slack.calls; ) {
    seen = slack.calls;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The bundle's `// <file>` markers: which source file each line of dist/src/main.js came from. */
const bundleFiles = readFileSync('dist/src/main.js', 'utf8')
  .split('\n')
  .flatMap((line, index) => (/^\/\/ [a-z@][^ ]*\.(js|ts)$/.test(line) ? [{ from: index, file: line.slice(3) }] : []));
const fileAt = (line: number) => {
  let file = '?';
  for (const region of bundleFiles) if (region.from <= line) file = region.file;
  return file;
};

function report(label: string, root: ProfileNode, requests: number): void {
  const byFrame = new Map<string, number>();
  const byAppCaller = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const visit = (node: ProfileNode, caller: string) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    let here = caller;
    if (url.endsWith('dist/src/main.js') && fileAt(lineNumber).startsWith('dist/'))
      here = `${name} ${fileAt(lineNumber)}`;
    if (node.selfSize) {
      total += node.selfSize;
      add(byFrame, `${name} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`, node.selfSize);
      add(byAppCaller, here, node.selfSize);
    }
    for (const child of node.children) visit(child, here);
  };
  visit(root, '(outside the app)');
  const kib = (bytes: number) => `${(bytes / requests / 1024).toFixed(1)} KiB`.padStart(10);
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, bytes]) => `  ${kib(bytes)}  ${key}`);
  console.log(
    [
      `\n## ${label}: ${kib(total).trim()} per request`,
      ...top(byFrame, 12),
      '  -- by the app function that led there',
      ...top(byAppCaller, 20),
    ].join('\n'),
  );
}

async function spawnReady(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...common, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (env.PORT) {
    child.stdout!.resume();
    const port = Number(env.PORT);
    while (
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    return { child, port };
  }
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

async function profileLoads(prefix: string, inspector: Inspector, port: number, bodies: Record<string, () => string>) {
  for (const load of LOADS) {
    const body = bodies[load];
    if (!body) continue;
    await send(port, body, 200); // warm: compiled code and caches, not first-call costs
    report(`${prefix} ${load}`, await inspector.sampled(() => send(port, body, REQUESTS)), REQUESTS);
  }
}

if (!process.env.ALLOC_SKIP_BARE) {
  const { child, port } = await spawnReady(['--inspect=127.0.0.1:39901', 'test/bench/serve-bare.mjs'], {});
  const inspector = await Inspector.connect(39901);
  await profileLoads('bare Bolt', inspector, port, paths(slack.responseUrl));
  inspector.close();
  child.kill();
}
{
  const dir = mkdtempSync(join(tmpdir(), 'alloc-profile-'));
  const { child, port } = await spawnReady([...startFlags(), '--inspect=127.0.0.1:39902', 'dist/src/main.js'], {
    SLACK_MODE: 'http',
    SUPPORT_CHANNEL_ID: 'CBENCH1',
    ADMIN_SLACK_IDS: ADMIN,
    LOG_LEVEL: 'warn',
    DATABASE_PATH: join(dir, 'bench.db'),
    PORT: '39903',
  });
  const inspector = await Inspector.connect(39902);
  await goOnDuty(port, SECRET, slack.responseUrl);
  const pool = new WalkPool(port, SECRET, slack, 'AP');
  await pool.fill(200);
  const opened = await inspector.sampled(() => pool.fill(REQUESTS + 200));
  report('kintone-login walk opened (/kintone-login → views.open)', opened, REQUESTS);
  await profileLoads('kintone-login', inspector, port, paths(slack.responseUrl, pool));
  pool.close();
  inspector.close();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
await slack.close();
