import { openDatabase, type Db } from '../db/client.js';
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
  let config;
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
  try {
    db = openDatabase(config.databasePath);
    migrateDatabase(db);
  } catch (error) {
    // A path that cannot hold the database is a setting to fix, not a crash: one line, like the config errors.
    process.stderr.write(`database error: DATABASE_PATH ${explainOpenError(error, config.databasePath)}\n`);
    process.exit(1);
  }
  // Nothing a client sends should get here (the HTTP edge answers it); this keeps one stray failure from ending
  // the service, and stops it cleanly on a throw that could have left it in an unknown state.
  installLastResort(
    process,
    lastResort(logger, (exitCode) => {
      closeQuietly(db);
      process.exit(exitCode);
    }),
  );
  const app = createApp({ config, db, logger, clock: systemClock });

  let started = false;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      // Until start() has finished nothing of ours is running, and Bolt cannot stop a receiver it has not
      // started yet (it logs an error): a connection still being made simply ends with the process.
      if (started) await app.stop();
    } finally {
      db.$client.close();
      logger.info('stopped');
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.start();
    started = true;
  } catch (error) {
    if (stopping) return; // SIGTERM while reaching Slack: shutdown() exits
    // One line saying why (host and network error, or which token Slack refused); never a token.
    const line = error instanceof StartupError ? error.message : `could not start: ${scrubSecrets((error as Error).message)}`;
    logger.fatal({ problem: line }, 'could not start');
    process.stderr.write(`start error: ${line}\n`);
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
