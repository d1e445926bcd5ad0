import { App, type Logger as SlackLogger, type LogLevel, type Receiver } from '@slack/bolt';
import { getTypeAndConversation } from '@slack/bolt/dist/helpers.js';
import type { Logger } from '../logger.js';

/**
 * Bolt, as the app uses it: it only classifies requests and hands them to the dispatcher (see register.ts).
 * - deferInitialization: the constructor would otherwise call auth.test, and building the app must not touch the
 *   network.
 * - convoStore: false — Bolt's conversation store is a middleware on every request, and nothing here uses it.
 * - Its own client only calls auth.test (in init()): one try per call, start-up does the bounded retries.
 */
export function boltApp(p: {
  token: string;
  receiver: Receiver;
  logger: Logger;
  slackLogger: SlackLogger;
  logLevel: LogLevel;
  apiUrl: string | undefined;
  attemptTimeoutMs: number;
  /** Set when a proxy is configured: auth.test goes through it too. */
  fetch?: typeof fetch | undefined;
}): App {
  const { logger } = p;
  const bolt = new App({
    token: p.token,
    receiver: p.receiver,
    logger: p.slackLogger,
    logLevel: p.logLevel,
    clientOptions: {
      slackApiUrl: p.apiUrl,
      logger: p.slackLogger,
      logLevel: p.logLevel,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: p.attemptTimeoutMs,
      ...(p.fetch ? { fetch: p.fetch } : {}),
    },
    deferInitialization: true,
    convoStore: false,
  });
  // Bolt leaves a request it cannot classify (garbage that was correctly signed) unanswered until its 3-second
  // timeout, then answers 404: answer it at once instead. Uses Bolt's own classifier.
  const processEvent = bolt.processEvent.bind(bolt);
  bolt.processEvent = async (event) => {
    if (getTypeAndConversation(event.body).type === undefined) {
      logger.debug('unclassifiable request acknowledged and ignored');
      await event.ack();
      return;
    }
    await processEvent(event);
  };
  bolt.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'unhandled error in a listener');
  });
  return bolt;
}
