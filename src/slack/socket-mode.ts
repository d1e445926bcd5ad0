// The Socket Mode receiver, wired for start-up and health: apps.connections.open and the WebSocket routed like every
// other request (proxy), its failures remembered for the give-up line, and its connection followed by /healthz.

import { SocketModeReceiver, type Logger as SlackLogger } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import { describeNetworkError } from '../net/network-error.js';
import type { Outbound } from '../net/outbound.js';
import { observeFailures, StartupAborted } from '../startup.js';
import type { SlackConnection } from './connection-state.js';

export interface SocketMode {
  receiver: SocketModeReceiver;
  /** The last failure of apps.connections.open (host and error or HTTP status), for the give-up line. */
  lastUrlProblem(): string | null;
  /** Ends the client's own retries of apps.connections.open at their next failure (after giving up, or at stop). */
  stopRetrying(): void;
}

export function socketMode(options: {
  appToken: string;
  apiUrl: string | undefined;
  outbound: Outbound;
  logger: SlackLogger;
  connection: SlackConnection;
  /** Pong timeout; the library also uses it as the unit of its reconnect backoff. */
  clientPingTimeoutMs?: number | undefined;
}): SocketMode {
  let lastUrlProblem: string | null = null;
  let stopped = false;
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    installerOptions: {
      clientOptions: {
        slackApiUrl: options.apiUrl,
        fetch: observeFailures(options.outbound.fetch, (line) => (lastUrlProblem = line)),
        // The library's own default ({ retries: 100, factor: 1.3 }: hours) — right while running. web-api hands it
        // to p-retry, which stops when onFailedAttempt throws (not in the declared type, which is node-retry's).
        retryConfig: {
          retries: 100,
          factor: 1.3,
          onFailedAttempt: () => {
            if (stopped) throw new StartupAborted();
          },
        } as RetryOptions,
      },
    },
    ...(options.outbound.dispatcher ? { dispatcher: options.outbound.dispatcher } : {}),
    ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
    logger: options.logger,
  });
  options.connection.watch(receiver.client, describeNetworkError);
  return {
    receiver,
    lastUrlProblem: () => lastUrlProblem,
    stopRetrying: () => {
      stopped = true;
    },
  };
}
