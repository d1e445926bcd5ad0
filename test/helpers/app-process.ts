/**
 * Runs kintone-login as an operator does (`npm start`, or node on the sources) and watches it as a process:
 * its JSON log lines, its stderr, its exit, and every process it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { CONFIG_VARIABLES } from '../../src/config.js';

export interface RunningProcess {
  child: ChildProcess;
  /** JSON log lines from stdout, in order (anything else on stdout is kept as `{ raw }`). */
  lines: Record<string, any>[];
  stderr(): string;
  waitForLog(msg: string): Promise<Record<string, any>>;
  /** Exit code, or the signal's name when a signal ended it. */
  exit: Promise<number | string | null>;
}

export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): RunningProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, any>[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const waiters: { msg: string; resolve: (l: Record<string, any>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let parsed: Record<string, any>;
    try {
      parsed = JSON.parse(line) as Record<string, any>;
    } catch {
      parsed = { raw: line }; // npm's own banner ("> kintone-login@… start")
    }
    lines.push(parsed);
    for (const w of waiters.filter((w) => w.msg === parsed.msg)) w.resolve(parsed);
  });
  const exit = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exit,
    waitForLog: (msg) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => l.msg === msg);
        if (found) return resolve(found);
        waiters.push({ msg, resolve });
        void exit.then((code) =>
          reject(
            new Error(
              `exited (${code}) before logging "${msg}"; logged: ${lines.map((l) => l.msg ?? l.raw).join(' | ')}; stderr: ${stderr}`,
            ),
          ),
        );
      }),
  };
}

/**
 * Builds the app as `npm install` does (scripts/build.mjs) into a fresh folder, with links to the project's
 * node_modules and migrations, and answers the path of its main.js: a start costs half the CPU of one through tsx,
 * and the project's own dist/ is left alone. Remove `root` when done.
 */
export function buildApp(): { root: string; main: string } {
  const repo = process.cwd();
  const root = mkdtempSync(join(tmpdir(), 'kintone-login-build-'));
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--outDir', join(root, 'dist')], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stdout}${result.stderr}`);
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(root, 'node_modules'));
  mkdirSync(join(root, 'db'));
  symlinkSync(join(repo, 'db/migrations'), join(root, 'db/migrations'));
  return { root, main: join(root, 'dist/src/main.js') };
}

/**
 * The environment for a test run: PATH without any node_modules/.bin (npm test puts the project's there, and a
 * production install has no TypeScript compiler), and every app variable the test does not set present but empty,
 * so a developer's own .env in the checkout cannot fill it in (process.loadEnvFile keeps what is already set).
 */
export function processEnv(env: Record<string, string>): Record<string, string> {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !/node_modules[\\/]\.bin$/.test(dir))
    .join(delimiter);
  const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
  // The wall clock decides whether a daily duty post is due: off unless the test asks for it.
  return { PATH: path, HOME: process.env.HOME ?? '', ...blank, DAILY_POST_AT: 'off', ...env };
}

/** Socket Mode's health server takes PORT as given (no port 0 report), so ask the OS for a free one first. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every process started by `pid`, its children's children included (Linux /proc). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) parentOf.set(Number(entry), stat.ppid);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** The command line of a process, or '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** The program a process runs (its executable's path), or '' when it is gone. */
export function executable(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

/** Still running (a zombie waiting to be reaped has already exited). */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Polls `check` every 20 ms until it is true or `ms` have passed; answers whether it became true. */
export async function within(ms: number, check: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
