import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createApp, type KintoneLoginApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeCybozu } from './fake-cybozu.js';
import { FakeSlack } from './fake-slack.js';
import { SlackClientSim } from './slack-request.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token-123';
export const SUPPORT_CHANNEL = 'CSUPPORT1';
/** 2026-11-25 10:00 in Tokyo (a Wednesday). */
export const T0 = Date.UTC(2026, 10, 25, 1, 0, 0);

/** Every log line the app wrote, parsed, so tests can assert on it (and on what it must never contain). */
export class CapturedLog {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get entries(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  text(): string {
    return this.lines.join('');
  }
}

export interface Harness {
  app: KintoneLoginApp;
  slack: FakeSlack;
  /** Present when started with `cybozu: true`. */
  cybozu: FakeCybozu;
  client: SlackClientSim;
  clock: ManualClock;
  db: Db;
  log: CapturedLog;
  baseUrl: string;
  dbPath: string;
  /** Report root messages posted in the support channel (not thread replies). */
  rootMessages(): ReturnType<FakeSlack['messagesIn']>;
  /** Replies posted in a report's thread. */
  threadReplies(rootTs: string): ReturnType<FakeSlack['messagesIn']>;
  /** Delivers every due outbox message now. */
  deliver(): Promise<void>;
  /** Stops the app and starts a new one on the same database (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const CYBOZU_TOKEN = 'cy.s.api1.test-token-secret';
export const SECRET_KEY_HEX = '0123456789abcdef'.repeat(4);

export interface HarnessOptions {
  env?: Record<string, string>;
  slack?: FakeSlack;
  /** Start a fake cybozu.com User API and point CYBOZU_BASE_URL at it. */
  cybozu?: boolean;
  /** The fake's credentials (default: the token CYBOZU_TOKEN with the Read and Write scope); password auth sets CYBOZU_LOGIN / CYBOZU_PASSWORD. */
  cybozuCredentials?:
    | { token: string; tokenScope?: 'read' | 'write' | 'dangerous' }
    | { login: string; password: string };
  /** What the manual clock reads at start (default T0): a restart on an earlier database goes on from its time. */
  now?: number;
}

/** Runs the real app in HTTP mode against a fake Slack API, with a temp database and a manual clock. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const slack = opts.slack ?? (await FakeSlack.start());
  const credentials = opts.cybozuCredentials ?? { token: CYBOZU_TOKEN };
  const cybozu = opts.cybozu ? await new FakeCybozu(credentials).start() : undefined;
  const cybozuAuthEnv: Record<string, string> =
    'token' in credentials
      ? { CYBOZU_API_TOKEN: credentials.token }
      : { CYBOZU_LOGIN: credentials.login, CYBOZU_PASSWORD: credentials.password };
  const dir = mkdtempSync(join(tmpdir(), 'kintone-login-'));
  const dbPath = join(dir, 'nested', 'test.db');
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_MODE: 'http',
    SLACK_API_URL: slack.url,
    SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'debug',
    HEALTH_TOKEN: 'test-health-token',
    // The clock starts on a business day after 09:00: without this every test would begin with a daily duty post.
    DAILY_POST_AT: 'off',
    ...(cybozu
      ? {
          CYBOZU_BASE_URL: cybozu.url,
          ...cybozuAuthEnv,
          CYBOZU_TIMEOUT_MS: '1000',
          SECRET_ENCRYPTION_KEY: SECRET_KEY_HEX,
        }
      : {}),
    ...opts.env,
  };
  const config = parseConfig(env);
  const clock = new ManualClock(opts.now ?? T0);
  const log = new CapturedLog();

  let db = openDatabase(config.databasePath);
  migrateDatabase(db);
  // The poll loop is effectively off: tests deliver explicitly, so nothing depends on wall-clock timing.
  const build = () =>
    createApp({
      config,
      db,
      logger: createLogger(config.logLevel, log),
      clock,
      outboxPollMs: 3_600_000,
      schedulerPollMs: 3_600_000,
    });
  let app = build();
  let port = await app.start(0);

  const harness: Harness = {
    get app() {
      return app;
    },
    slack,
    get cybozu() {
      if (!cybozu) throw new Error('start the harness with { cybozu: true }');
      return cybozu;
    },
    get client() {
      return new SlackClientSim(`http://127.0.0.1:${port}`, SIGNING_SECRET);
    },
    clock,
    get db() {
      return db;
    },
    log,
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    dbPath,
    rootMessages() {
      return slack.messagesIn(SUPPORT_CHANNEL).filter((c) => !c.args.thread_ts && c.status === 200);
    },
    threadReplies(rootTs: string) {
      return slack.messagesIn(SUPPORT_CHANNEL).filter((c) => c.args.thread_ts === rootTs && c.status === 200);
    },
    async deliver() {
      await app.services.outbox.drain();
    },
    async restart() {
      await app.stop();
      db.$client.close();
      db = openDatabase(config.databasePath);
      migrateDatabase(db);
      app = build();
      port = await app.start(0);
    },
    async close() {
      await app.stop();
      db.$client.close();
      if (!opts.slack) await slack.close();
      await cybozu?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
