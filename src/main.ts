import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger, scrubSecrets } from './logger.js';
import { StartupError } from './startup.js';

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
    if (stopping) return; // SIGTERM while reaching Slack: shutdown() exits
    // One line saying why (host and network error, or which token Slack refused); never a token.
    const line = error instanceof StartupError ? error.message : `could not start: ${scrubSecrets((error as Error).message)}`;
    logger.fatal({ problem: line }, 'could not start');
    process.stderr.write(`start error: ${line}\n`);
    db.$client.close();
    process.exit(1);
  }
}

await main();
