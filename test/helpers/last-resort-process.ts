/**
 * A process with the app's last-resort handlers installed, for test/unit/last-resort.test.ts: a rejection nobody
 * handles and a connection error nobody catches must leave it running; any other uncaught throw must stop it (1).
 */
import { installLastResort, lastResort } from '../../src/last-resort.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger('info');
installLastResort(
  process,
  lastResort(logger, (code) => process.exit(code)),
);

void Promise.reject(new Error('nobody awaited this; token xoxb-123-secret'));
setTimeout(() => {
  throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
}, 10);
setTimeout(() => {
  logger.info('still running');
  throw new TypeError('a bug nobody caught');
}, 50);
setTimeout(() => logger.info('never reached'), 1000);
