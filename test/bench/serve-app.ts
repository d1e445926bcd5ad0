/** kintone-login itself, built exactly as src/main.ts builds it (real config, database, logger). Prints its port. */
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const started = performance.now();
const config = parseConfig(process.env);
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const app = createApp({ config, db, logger: createLogger(config.logLevel), clock: systemClock });
const port = await app.start(0);
process.stdout.write(`${JSON.stringify({ port, startupMs: Math.round(performance.now() - started) })}\n`);
process.on('SIGTERM', () => {
  void app.stop().then(() => {
    db.$client.close();
    process.exit(0);
  });
});
