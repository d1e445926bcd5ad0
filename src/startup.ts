// Reaching Slack at start: bounded retries with backoff, one log line per failed attempt naming the host and the
// error, and one line saying why when it gives up (instead of Bolt's default policy: 20 minutes of silence).

import { setTimeout as wait } from 'node:timers/promises';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { networkProblem, describeNetworkError } from './net/network-error.js';
import { describeProxy, hostAndPort } from './net/proxy.js';
import type { SocketModeEvents } from './slack/connection-state.js';

export interface StartupPolicy {
  /** Give up after this long (SLACK_STARTUP_TIMEOUT_SECONDS, default 60 s). */
  timeoutMs: number;
  /** First pause between attempts; doubled after each failure up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** One attempt may take this long (the HTTP timeout of auth.test). */
  attemptTimeoutMs: number;
  /** Waits; rejects when `signal` aborts. Tests pass one that moves a manual clock instead of sleeping. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export function startupPolicy(timeoutMs: number): StartupPolicy {
  return {
    timeoutMs,
    firstDelayMs: 1000,
    maxDelayMs: 15_000,
    attemptTimeoutMs: Math.min(10_000, timeoutMs),
    sleep: (ms, signal) => wait(ms, undefined, { signal }),
  };
}

/** Start-up failed; the message is the one line main prints (host and error, never a token). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** stop() was called while start() was still trying to reach Slack. */
export class StartupAborted extends Error {
  override readonly name = 'StartupAborted';
  constructor() {
    super('stopped while starting');
  }
}

export interface Target {
  /** What is being called, for the lines (`auth.test`). */
  what: string;
  url: URL;
  /** The proxy the request goes through, if any. */
  proxy: URL | null;
  /** The setting an operator would fix when Slack refuses the credentials. */
  credential: string;
}

interface Verdict {
  retry: boolean;
  /** Seconds Slack asked us to wait (429). */
  retryAfterSeconds?: number;
  line: string;
}

/** What a failed Web API call at start means: retry (network, 5xx, 429) or stop now (refused token, bad URL, certificate). */
export function classifyStartupFailure(error: unknown, target: Target): Verdict {
  const where = `${hostAndPort(target.url)}${target.proxy ? ` through the proxy ${describeProxy(target.proxy)}` : ''}`;
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    const transient = [
      'ratelimited',
      'internal_error',
      'fatal_error',
      'service_unavailable',
      'request_timeout',
    ].includes(code);
    return {
      retry: transient,
      line: transient
        ? `Slack is not answering ${target.what} at ${where}: ${code}`
        : `Slack refused ${target.credential} (${target.what}): ${code}`,
    };
  }
  if (error instanceof WebAPIRateLimitedError) {
    return {
      retry: true,
      retryAfterSeconds: error.retryAfter,
      line: `Slack is rate limiting ${target.what} at ${where}`,
    };
  }
  if (error instanceof WebAPIHTTPError) {
    const transient = error.statusCode >= 500 || error.statusCode === 408 || error.statusCode === 429;
    return {
      retry: transient,
      line: `${transient ? 'Slack is not answering' : 'unexpected answer to'} ${target.what} at ${where}: HTTP ${error.statusCode}`,
    };
  }
  const problem = networkProblem(error instanceof WebAPIRequestError ? error.original : error);
  if (problem.certificate) {
    return {
      retry: false,
      line: `cannot reach ${where}: ${describeNetworkError(error)} — the certificate is not trusted (a TLS-inspecting proxy needs its CA in NODE_EXTRA_CA_CERTS)`,
    };
  }
  return { retry: true, line: `cannot reach ${where}: ${describeNetworkError(error)}` };
}

export interface Deadline {
  readonly at: number;
  remaining(): number;
}

export function deadline(clock: Clock, ms: number): Deadline {
  const at = clock.now() + ms;
  return { at, remaining: () => Math.max(0, at - clock.now()) };
}

/**
 * Calls `attempt` until it succeeds, fails for good, or the deadline passes; waits 1, 2, 4, 8, 15, 15… seconds
 * between attempts (or what a 429 asks), the last wait ending at the deadline. Throws StartupError with the last
 * failure's line.
 */
export async function untilReached<T>(
  attempt: () => Promise<T>,
  target: Target,
  options: {
    policy: StartupPolicy;
    clock: Clock;
    deadline: Deadline;
    signal: AbortSignal;
    logger: Logger;
    onProblem?: (line: string) => void;
  },
): Promise<T> {
  const { policy, clock, signal, logger } = options;
  const started = clock.now();
  let delay = policy.firstDelayMs;
  for (let attempts = 1; ; attempts++) {
    if (signal.aborted) throw new StartupAborted();
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted) throw new StartupAborted();
      const verdict = classifyStartupFailure(error, target);
      options.onProblem?.(verdict.line);
      const left = options.deadline.remaining();
      // The last wait is cut short so one attempt is made at the deadline itself.
      const pause = Math.min(left, Math.max(delay, (verdict.retryAfterSeconds ?? 0) * 1000));
      if (!verdict.retry || left <= 0) {
        const spent = Math.round((clock.now() - started) / 1000);
        throw new StartupError(
          verdict.retry
            ? `${verdict.line}; gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${spent} s`
            : verdict.line,
          { cause: error },
        );
      }
      logger.warn(
        {
          target: hostAndPort(target.url),
          call: target.what,
          attempt: attempts,
          retryInMs: pause,
          problem: verdict.line,
        },
        'Slack not reachable yet: retrying',
      );
      await sleepOrAbort(policy, pause, signal);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

async function sleepOrAbort(policy: StartupPolicy, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await policy.sleep(ms, signal);
  } catch (error) {
    if (signal.aborted) throw new StartupAborted();
    throw error;
  }
}

/**
 * Starts Socket Mode (apps.connections.open, then the WebSocket) and waits for Slack's hello until the deadline.
 * The client retries on its own; this only bounds the wait and remembers the last problem for the line.
 */
export async function openSocketMode(
  start: () => Promise<unknown>,
  client: SocketModeEvents,
  options: {
    policy: StartupPolicy;
    deadline: Deadline;
    signal: AbortSignal;
    lastProblem: () => string | null;
    /** Says why a connection to the WebSocket's host fails (undici's WebSocket does not), or null when it opens. */
    probe: (target: URL) => Promise<string | null>;
  },
): Promise<void> {
  let socketUrl: URL | null = null;
  // apps.connections.open's answer holds a one-time ticket in the URL: only scheme, host and port are kept.
  client.on('authenticated', (answer: { url?: string }) => {
    if (answer?.url) socketUrl = new URL(new URL(answer.url).origin);
  });
  const timer = new AbortController();
  const abort = () => timer.abort();
  options.signal.addEventListener('abort', abort, { once: true });
  const timedOut = options.policy.sleep(options.deadline.remaining(), timer.signal).then(
    () => 'timeout' as const,
    () => 'aborted' as const,
  );
  const starting = start();
  // After a time-out the client may still fail later: that is not news any more.
  starting.catch(() => undefined);
  try {
    const outcome = await Promise.race([starting.then(() => 'connected' as const), timedOut]);
    if (outcome === 'connected') return;
    if (options.signal.aborted) throw new StartupAborted();
    const seconds = Math.round(options.policy.timeoutMs / 1000);
    const url = socketUrl as URL | null;
    if (url) {
      const problem =
        (await options.probe(url)) ?? 'the connection opens, but Slack never completed the WebSocket handshake (hello)';
      throw new StartupError(
        `cannot open the Socket Mode connection to ${hostAndPort(url)}: ${problem}; gave up after ${seconds} s`,
      );
    }
    throw new StartupError(
      `cannot get a Socket Mode URL (apps.connections.open): ${options.lastProblem() ?? 'no answer'}; gave up after ${seconds} s`,
    );
  } catch (error) {
    if (error instanceof StartupError || error instanceof StartupAborted) throw error;
    if (options.signal.aborted) throw new StartupAborted();
    // apps.connections.open refused for good (e.g. invalid_auth: a wrong SLACK_APP_TOKEN), or the client gave up.
    if (error instanceof WebAPIPlatformError) {
      throw new StartupError(`Slack refused SLACK_APP_TOKEN (apps.connections.open): ${String(error.data.error)}`, {
        cause: error,
      });
    }
    throw new StartupError(`cannot get a Socket Mode URL (apps.connections.open): ${describeNetworkError(error)}`, {
      cause: error,
    });
  } finally {
    timer.abort();
    options.signal.removeEventListener('abort', abort);
  }
}

/** Remembers the last failure of requests sent with `send` (host and error or HTTP status), for the give-up line. */
export function observeFailures(send: typeof fetch, onFailure: (line: string) => void): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const target = hostAndPort(new URL(input instanceof Request ? input.url : String(input)));
    try {
      const response = await send(input, init);
      if (response.status !== 200) onFailure(`${target} answered HTTP ${response.status}`);
      return response;
    } catch (error) {
      onFailure(`cannot reach ${target}: ${describeNetworkError(error)}`);
      throw error;
    }
  }) as typeof fetch;
}
