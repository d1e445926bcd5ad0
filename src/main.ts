import { openDatabase, type Db } from '../db/client.js';
import { acquireInstanceLock, InstanceLockHeld, type InstanceLock } from '../db/instance-lock.js';
import { migrateDatabase } from '../db/migrate.js';
import { explainOpenError } from '../db/open-error.js';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, configErrorLines, loadDotEnv, parseConfig } from './config.js';
import { installLastResort, lastResort } from './last-resort.js';
import { createLogger, scrubSecrets } from './logger.js';
import { StartupError } from './startup.js';

/** config → database → app → start. Everything else is built in createApp. */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  let dotEnvFound = false;
  try {
    dotEnvFound = loadDotEnv('.env');
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line per problem, no stack trace, no values: the operator fixes .env and starts again.
    for (const line of configErrorLines(error, dotEnvFound)) process.stderr.write(`config error: ${line}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let db: Db;
  let lock: InstanceLock;
  try {
    db = openDatabase(config.databasePath);
    // Before migrating: a second process must neither migrate nor run beside the first.
    lock = acquireInstanceLock(db.$client, { purpose: 'app' });
    migrateDatabase(db);
  } catch (error) {
    if (error instanceof InstanceLockHeld) {
      process.stderr.write(`start error: ${error.message}\n`);
      process.exit(1);
    }
    // A path that cannot hold the database is a setting to fix, not a crash: one line, like the config errors.
    process.stderr.write(`database error: DATABASE_PATH ${explainOpenError(error, config.databasePath)}\n`);
    process.exit(1);
  }
  // Nothing a client sends should get here (the HTTP edge answers it); this keeps one stray failure from ending
  // the service, and stops it cleanly on a throw that could have left it in an unknown state.
  if (lock.tookOverFrom)
    logger.warn({ previous: lock.tookOverFrom }, 'took over the database lock of a process that is gone');
  installLastResort(
    process,
    lastResort(logger, (exitCode) => {
      lock.release();
      closeQuietly(db);
      process.exit(exitCode);
    }),
  );
  const app = createApp({ config, db, logger, clock: systemClock });

  let started = false;
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      // Until start() has finished nothing of ours is running, and Bolt cannot stop a receiver it has not
      // started yet (it logs an error): a connection still being made simply ends with the process.
      if (started) await app.stop();
    } finally {
      lock.release();
      db.$client.close();
      logger.info('stopped');
      process.exit(exitCode);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Only after a stall long enough to look dead can another process take the database: this one then stops.
  lock.keepAlive(
    () => {
      logger.fatal('another process took over the database lock (this one looked stale): stopping');
      void shutdown('lock lost', 1);
    },
    (error) => logger.warn({ err: error.message }, 'database lock heartbeat failed'),
  );

  try {
    await app.start();
    started = true;
  } catch (error) {
    if (stopping) return; // SIGTERM while reaching Slack: shutdown() exits
    // One line saying why (host and network error, or which token Slack refused); never a token.
    const line =
      error instanceof StartupError ? error.message : `could not start: ${scrubSecrets((error as Error).message)}`;
    logger.fatal({ problem: line }, 'could not start');
    process.stderr.write(`start error: ${line}\n`);
    lock.release();
    db.$client.close();
    process.exit(1);
  }
}

function closeQuietly(db: { $client: { open: boolean; close(): void } }): void {
  try {
    if (db.$client.open) db.$client.close();
  } catch {
    // already closing: the exit follows anyway
  }
}

await main();
