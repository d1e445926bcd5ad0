import { pino, type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

export type { Logger } from 'pino';

/** Object keys whose values never reach a log line, whatever logged them. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'password',
  '*.password',
  '*.*.password',
  'temporaryPassword',
  '*.temporaryPassword',
  'secret',
  '*.secret',
  'signingSecret',
  '*.signingSecret',
  'clientSecret',
  '*.clientSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-cybozu-authorization"]',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
];

/** Slack tokens, cybozu API tokens and Bearer/Basic credentials inside free text (library messages). */
const SECRET_PATTERNS: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /cy\.s\.api1\.[A-Za-z0-9._-]+/g,
  /(Bearer|Basic)\s+[A-Za-z0-9+/=._-]+/gi,
];

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((s, re) => s.replace(re, '[redacted]'), text);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kintone-login' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        // Messages written by libraries are free text: scrub anything shaped like a credential.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

/**
 * Debug lines in which the Slack libraries dump whole request and response bodies: those bodies carry
 * message contents, including the one modal that shows a temporary password. Only their first words are kept.
 */
const BODY_DUMPS = /^(http request body|http request result|Received a message on the WebSocket|Calling ack\(\))/;

export function withoutBodies(line: string): string {
  const dump = line.match(BODY_DUMPS);
  return dump ? `${dump[1]}: [body omitted]` : line;
}

/** Bolt and the Web API client log through this, so their lines are structured and redacted too. */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m))).join(' ');
  let level = LogLevel.INFO;
  // Bolt logs at debug on every request: build the line only when it will be written.
  const at =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (child.isLevelEnabled(lvl)) child[lvl](withoutBodies(join(msg)));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
