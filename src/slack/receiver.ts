import { HTTPReceiver, type Logger as SlackLogger, type Receiver } from '@slack/bolt';
import type { Config } from '../config.js';
import { answer, type EdgeRoute } from '../http-edge.js';
import type { Logger } from '../logger.js';
import type { Outbound } from '../net/outbound.js';
import type { SlackConnection } from './connection-state.js';
import { guardSlackRequests } from './request-guard.js';
import { socketMode, type SocketMode } from './socket-mode.js';

/** How Slack's requests reach Bolt: in HTTP mode a route of the app's edge, in Socket Mode a WebSocket. */
export interface SlackReceiver {
  receiver: Receiver;
  /** HTTP mode: `POST /slack/events`, guarded (size, signature, shape) before Bolt sees a request. */
  route?: EdgeRoute;
  /** Socket Mode: the connection and what start-up needs to report about it. */
  socket?: SocketMode;
}

export function slackReceiver(p: {
  slack: Config['slack'];
  logger: Logger;
  slackLogger: SlackLogger;
  outbound: Outbound;
  connection: SlackConnection;
  socketModeClientPingTimeoutMs?: number | undefined;
}): SlackReceiver {
  const { slack, logger, connection } = p;
  if (slack.mode === 'http') {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      // Its request listener is reached only through guardSlackRequests below, which has checked the signature.
      signatureVerification: false,
      logger: p.slackLogger,
      // A listener that throws after Bolt parsed the request means the payload was not what it claimed: 400, not 500.
      processEventErrorHandler: async ({ error, response }) => {
        logger.warn({ err: (error as Error).message }, 'request could not be processed');
        if (!response.headersSent) {
          response.writeHead(400);
          response.end();
        }
        return true;
      },
    });
    // Bolt routes by path again, so it only ever gets the normalised `/slack/events` from the edge.
    // Slack's requests wait until Slack was reached (auth.test): until then they get 503, like /healthz.
    const guarded = guardSlackRequests(receiver.requestListener, { signingSecret: slack.signingSecret ?? '', logger });
    return {
      receiver,
      route: {
        path: '/slack/events',
        methods: {
          POST: (req, res) => (connection.isReady ? guarded(req, res) : answer(req, res, 503, { 'retry-after': '5' })),
        },
      },
    };
  }
  // No HTTP server of its own: the app's edge serves health and SSO, and listens before Slack is reached.
  const socket = socketMode({
    appToken: slack.appToken ?? '',
    apiUrl: slack.apiUrl,
    outbound: p.outbound,
    logger: p.slackLogger,
    connection,
    clientPingTimeoutMs: p.socketModeClientPingTimeoutMs,
  });
  return { receiver: socket.receiver, socket };
}
