import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DirectoryService } from './directory/from-config.js';
import type { Logger } from './logger.js';

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
}
