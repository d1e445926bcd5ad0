import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, parseConfig } from './config.js';
import { installLastResort, lastResort } from './last-resort.js';
import { createLogger } from './logger.js';

/** config → database → app → start. Everything else is built in createApp. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line per problem, no stack trace, no values: the operator fixes .env and starts again.
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  // Nothing a client sends should get here (the HTTP edge answers it); this keeps one stray failure from ending
  // the service, and stops it cleanly on a throw that could have left it in an unknown state.
  installLastResort(
    process,
    lastResort(logger, (exitCode) => {
      closeQuietly(db);
      process.exit(exitCode);
    }),
  );
  migrateDatabase(db);
  const app = createApp({ config, db, logger, clock: systemClock });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await app.stop();
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
  } catch (error) {
    logger.fatal({ err: (error as Error).message }, 'could not start: check SLACK_BOT_TOKEN / SLACK_APP_TOKEN and the network');
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
