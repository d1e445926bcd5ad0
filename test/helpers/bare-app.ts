import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createApp, type KintoneLoginApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import type { StartupPolicy } from '../../src/startup.js';
import { createLogger } from '../../src/logger.js';
import { CapturedLog, T0 } from './app-harness.js';

/**
 * The real app built but not started (the harness starts it and waits): for tests of start-up itself and of
 * Socket Mode, which the HTTP-mode harness does not cover. `env` is complete; nothing is read from process.env.
 */
export interface BareApp {
  app: KintoneLoginApp;
  clock: ManualClock;
  log: CapturedLog;
  db: Db;
  /** The HTTP port from the "starting: reaching Slack" line, once start() has logged it. */
  port(): Promise<number>;
  close(): Promise<void>;
}

export interface BareAppOptions {
  /** The start-up policy, made with the app's manual clock. */
  startupPolicy?: (clock: ManualClock) => StartupPolicy;
  socketModeClientPingTimeoutMs?: number;
}

/** The /healthz details need this bearer token (HEALTH_TOKEN). */
export const BARE_HEALTH_TOKEN = 'bare-app-health-token';
/** Headers that unlock the /healthz details. */
export const healthDetails = { authorization: `Bearer ${BARE_HEALTH_TOKEN}` };

export function buildApp(env: Record<string, string>, options: BareAppOptions = {}): BareApp {
  const dir = mkdtempSync(join(tmpdir(), 'kintone-login-bare-'));
  const config = parseConfig({
    DATABASE_PATH: join(dir, 'app.db'),
    SUPPORT_CHANNEL_ID: 'CSUPPORT1',
    LOG_LEVEL: 'debug',
    HEALTH_TOKEN: BARE_HEALTH_TOKEN,
    ...env,
  });
  const clock = new ManualClock(T0);
  const log = new CapturedLog();
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  const app = createApp({
    config,
    db,
    logger: createLogger(config.logLevel, log),
    clock,
    outboxPollMs: 3_600_000,
    schedulerPollMs: 3_600_000,
    ...(options.startupPolicy ? { startupPolicy: options.startupPolicy(clock) } : {}),
    ...(options.socketModeClientPingTimeoutMs
      ? { socketModeClientPingTimeoutMs: options.socketModeClientPingTimeoutMs }
      : {}),
  });
  let stopped = false;
  return {
    app,
    clock,
    log,
    db,
    async port() {
      for (;;) {
        const line = log.entries.find((e) => e.msg === 'starting: reaching Slack');
        if (line) return Number(line.port);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      if (!stopped) await app.stop();
      stopped = true;
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A start-up policy whose waits move the manual clock instead of sleeping; `held` pauses the first wait until released. */
export class InstantWaits {
  readonly waits: number[] = [];
  /** Resolves once start() waits before its second attempt. */
  readonly firstWait: Promise<void>;
  private onFirstWait: () => void = () => undefined;
  private release: () => void = () => undefined;
  private readonly gate: Promise<void> | undefined;

  constructor(
    private readonly clock: ManualClock,
    hold = false,
  ) {
    this.firstWait = new Promise((resolve) => (this.onFirstWait = resolve));
    if (hold) this.gate = new Promise((resolve) => (this.release = resolve));
  }

  policy(timeoutMs: number): StartupPolicy {
    return {
      timeoutMs,
      firstDelayMs: 1000,
      maxDelayMs: 15_000,
      attemptTimeoutMs: 2000,
      sleep: async (ms: number, signal: AbortSignal) => {
        this.waits.push(ms);
        this.onFirstWait();
        if (this.gate)
          await Promise.race([
            this.gate,
            new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
          ]);
        if (signal.aborted) throw signal.reason;
        this.clock.advance(ms);
      },
    };
  }

  resume(): void {
    this.release();
  }
}

/**
 * A start-up policy for Socket Mode tests: retries of auth.test wait no time, and the overall deadline only passes
 * when the test calls expire() (so a test decides when start-up gives up, without sleeping).
 */
export class ControlledDeadline {
  private expireNow: () => void = () => undefined;
  private readonly expired = new Promise<void>((resolve) => (this.expireNow = resolve));

  policy(timeoutMs = 60_000): StartupPolicy {
    return {
      timeoutMs,
      firstDelayMs: 1000,
      maxDelayMs: 15_000,
      attemptTimeoutMs: 2000,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (ms < timeoutMs) return resolve();
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          void this.expired.then(resolve);
        }),
    };
  }

  expire(): void {
    this.expireNow();
  }
}
