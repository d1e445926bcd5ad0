/**
 * The container image, without a Docker daemon: the Dockerfile's stages, user and health check, compose.yaml as
 * Compose reads it, and the image's entry point and HEALTHCHECK run as the image runs them against the compiled app.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp, freePort, processEnv, startProcess } from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Splits the instructions into stages: FROM <image> AS <name>. */
function stages(all: Instruction[]): { from: string; name: string; steps: Instruction[] }[] {
  const found: { from: string; name: string; steps: Instruction[] }[] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(/\s+/);
      expect(as?.toUpperCase()).toBe('AS');
      found.push({ from: from!, name: name!, steps: [] });
    } else found.at(-1)?.steps.push(instruction);
  }
  return found;
}

/** The exec form of an instruction (`["node", "-e", "…"]`), as Docker reads it: a JSON array. */
function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}

const dockerfile = stages(instructions(readFileSync('Dockerfile', 'utf8')));
const compose = parse(readFileSync('compose.yaml', 'utf8')) as Record<string, any>;
const run = dockerfile.at(-1)!;
const step = (keyword: string) => run.steps.filter((s) => s.keyword === keyword);
const healthcheck = execForm(step('HEALTHCHECK')[0]!.args.slice(step('HEALTHCHECK')[0]!.args.indexOf('CMD')));
const entryPoint = execForm(step('CMD')[0]!.args);

describe('Dockerfile', () => {
  it('builds with dev dependencies in one stage and runs with production ones only in the last, as a non-root user', () => {
    expect(dockerfile.map((s) => s.name)).toEqual(['build', 'run']);
    for (const stage of dockerfile) expect(stage.from).toMatch(/^node:24-slim$/);
    const build = dockerfile[0]!.steps.map((s) => `${s.keyword} ${s.args}`).join('\n');
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/npm run build && npm prune --omit=dev/);
    // The last stage installs nothing: it copies the pruned packages, the build and the migrations.
    expect(
      step('RUN')
        .map((s) => s.args)
        .join('\n'),
    ).not.toMatch(/npm (ci|install)/);
    expect(step('COPY').map((s) => s.args)).toEqual([
      '--from=build /app/package.json ./package.json',
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      '--from=build /app/db/migrations ./db/migrations',
    ]);
    expect(step('USER').map((s) => s.args)).toEqual(['node']);
    expect(run.steps.findIndex((s) => s.keyword === 'USER')).toBeLessThan(
      run.steps.findIndex((s) => s.keyword === 'CMD'),
    );
  });

  it('keeps the database on a volume, checks /healthz with node, and runs the entry point npm start runs', () => {
    expect(
      step('ENV')
        .map((s) => s.args)
        .join(' '),
    ).toContain('DATABASE_PATH=/data/kintone-login.db');
    expect(step('VOLUME').map((s) => s.args)).toEqual(['["/data"]']);
    expect(healthcheck[0]).toBe('node');
    expect(healthcheck.join(' ')).toContain('/healthz');
    expect(step('HEALTHCHECK')[0]!.args).toMatch(/--start-period=90s/);
    // The same V8 flags as `npm start`: they bound the memory peak (docs/operations.md, Memory).
    expect(entryPoint).toEqual([
      'node',
      '--max-semi-space-size=2',
      '--heap-growing-percent=20',
      '--no-maglev',
      'dist/src/main.js',
    ]);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toBe(`exec ${entryPoint.join(' ')}`);
  });
});

describe('compose.yaml', () => {
  it('runs one service in Socket Mode from .env, with the database and backups on volumes and the image’s health check', () => {
    const services = Object.keys(compose.services);
    expect(services).toEqual(['kintone-login']);
    const service = compose.services['kintone-login'];
    expect(service.build).toBe('.');
    expect(service.env_file).toBe('.env');
    expect(service.environment).toMatchObject({
      SLACK_MODE: 'socket',
      DATABASE_PATH: '/data/kintone-login.db',
      BACKUP_DIR: '/backups',
    });
    expect(service.volumes).toEqual(['data:/data', 'backups:/backups']);
    expect(Object.keys(compose.volumes)).toEqual(['data', 'backups']);
    expect(service.restart).toBe('unless-stopped');
    expect(service.healthcheck.test).toEqual(['CMD', ...healthcheck]);
    expect(service.healthcheck).toMatchObject({ interval: '30s', timeout: '5s', start_period: '90s', retries: 3 });
  });

  it('keeps .env, data and local builds out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', 'data', '*.db', '.git']) expect(ignored).toContain(entry);
  });
});

describe('the image’s entry point and HEALTHCHECK, run as the image runs them', { timeout: 120_000 }, () => {
  let build: { root: string; main: string };
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    build = buildApp();
    slack = await FakeSlack.start();
    dir = mkdtempSync(join(tmpdir(), 'kintone-login-image-'));
  }, 180_000);
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build.root, { recursive: true, force: true });
  });

  /** The HEALTHCHECK command's exit code, run with the container's environment. */
  const check = (port: number) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, healthcheck.slice(1), {
        env: processEnv({ PORT: String(port) }),
        stdio: 'ignore',
      });
      child.once('exit', (code) => resolve(code));
    });

  it('starts from /app with the image’s command, is healthy, and stops with exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const app = startProcess(
      process.execPath,
      entryPoint.slice(1),
      processEnv({
        SLACK_BOT_TOKEN: 'xoxb-image',
        SLACK_SIGNING_SECRET: 'image-secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        SUPPORT_CHANNEL_ID: 'CIMAGE1',
        PORT: String(port),
        DATABASE_PATH: join(dir, 'data', 'kintone-login.db'),
      }),
      build.root,
    );
    try {
      await app.waitForLog('kintone-login is running');
      expect(await check(port)).toBe(0);
      app.child.kill('SIGTERM');
      expect(await app.exit).toBe(0);
      expect(await check(port)).toBe(1);
    } finally {
      app.child.kill('SIGKILL');
    }
  });
});
