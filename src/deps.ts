import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DirectoryService } from './directory/from-config.js';
import type { Logger } from './logger.js';
import type { StartupPolicy } from './startup.js';

/** Everything the app is built from; tests pass fakes (a manual clock, a temp database, a captured logger). */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** How often the outbox looks for due retries. */
  outboxPollMs?: number;
  /** How often escalation timers and queued reports are checked (default 5 s). */
  schedulerPollMs?: number;
  /** Overrides the directory built from CYBOZU_* settings (null: not configured). */
  directory?: DirectoryService | null;
  /** How start() retries reaching Slack (default: SLACK_STARTUP_TIMEOUT_SECONDS, backing off 1 s → 15 s, real sleeps). */
  startupPolicy?: StartupPolicy;
  /**
   * Socket Mode: how long the client waits for a pong (default 5 s). @slack/socket-mode also uses it as the unit of
   * its reconnect backoff (n-th attempt after n × this), so tests shorten it to see a reconnection quickly.
   */
  socketModeClientPingTimeoutMs?: number;
}
