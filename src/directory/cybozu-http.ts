// One place that talks HTTP to cybozu.com: timeouts, error mapping, read retries and logging.

import type { z } from 'zod';
import { errorFromAnswer, errorFromFetchFailure } from './error-mapping.js';
import { DirectoryError, DirectoryUnexpectedError } from './errors.js';

export interface DirectoryLog {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

/** cybozu wants arrays as `codes[0]=a&codes[1]=b` (brackets percent-encoded, as in its examples). */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(key, String(value));
    else
      value.forEach((item, index) => {
        params.append(`${key}[${index}]`, item);
      });
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  bodyText: string;
}

/**
 * One request with a deadline covering headers and body. Redirects are not followed: a redirect
 * from the API is itself an answer to report, and following it would forward
 * X-Cybozu-Authorization to wherever it points.
 */
export async function exchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  send: typeof fetch = fetch,
): Promise<Answer> {
  try {
    const response = await send(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const bodyText = await response.text();
    return { status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    throw errorFromFetchFailure(error, timeoutMs);
  }
}

/** One request as /metrics counts it: `GET /v1/users.json`, seconds, and the error kind (null: it succeeded). */
export type RequestObserver = (request: { method: string; seconds: number; error: string | null }) => void;

export interface CybozuHttpOptions {
  baseUrl: URL;
  /** Credential headers; sent, never logged. */
  headers: Record<string, string>;
  timeoutMs: number;
  readRetries: number;
  retryBaseMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  log?: DirectoryLog | undefined;
  observe?: RequestObserver | undefined;
  /** Sends the requests (through the proxy when one applies); default the global fetch. */
  fetch?: typeof fetch;
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

export class CybozuHttp {
  constructor(private readonly options: CybozuHttpOptions) {}

  /** GET with retries of retryable failures (timeouts, network, 5xx), exponential backoff. */
  async read<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T> {
    const { readRetries, retryBaseMs, sleep } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.send('GET', path, query, undefined, attempt, attempt < readRetries);
        return this.parse(answer, schema);
      } catch (error) {
        if (!(error instanceof DirectoryError) || !error.retryable || attempt >= readRetries) throw error;
        await sleep(retryBaseMs * 2 ** attempt);
      }
    }
  }

  /**
   * PUT/POST/DELETE, never retried: after a timeout we cannot know whether cybozu applied the
   * write, and repeating a password change or a suspension is not ours to decide.
   */
  async write(method: Exclude<Method, 'GET'>, path: string, body: unknown): Promise<void> {
    await this.send(method, path, {}, JSON.stringify(body), 0, false);
  }

  private async send(
    method: Method,
    path: string,
    query: Query,
    body: string | undefined,
    attempt: number,
    willRetry: boolean,
  ): Promise<Answer> {
    const { baseUrl, headers, timeoutMs, now, log } = this.options;
    const url = new URL(`${path}${queryString(query)}`, baseUrl);
    const started = now();
    // Only method, path (no query: it holds login names), status, latency and cybozu's ids are logged.
    const context = { method, path, attempt };
    try {
      const answer = await exchange(
        url,
        {
          method,
          headers: {
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body } : {}),
        },
        timeoutMs,
        this.options.fetch,
      );
      const latencyMs = now() - started;
      if (answer.status >= 200 && answer.status < 300) {
        log?.debug({ ...context, status: answer.status, latencyMs }, 'cybozu request');
        this.options.observe?.({ method: `${method} ${path}`, seconds: latencyMs / 1000, error: null });
        return answer;
      }
      throw errorFromAnswer({
        status: answer.status,
        bodyText: answer.bodyText,
        wwwAuthenticate: answer.headers.get('www-authenticate'),
      });
    } catch (error) {
      const failure = error instanceof DirectoryError ? error : errorFromFetchFailure(error, timeoutMs);
      this.options.observe?.({ method: `${method} ${path}`, seconds: (now() - started) / 1000, error: failure.kind });
      log?.warn(
        {
          ...context,
          latencyMs: now() - started,
          kind: failure.kind,
          status: failure.status,
          cybozuCode: failure.cybozuCode,
          cybozuErrorId: failure.cybozuErrorId,
          willRetry: willRetry && failure.retryable,
        },
        'cybozu request failed',
      );
      throw failure;
    }
  }

  private parse<T>(answer: Answer, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(answer.bodyText);
    } catch (cause) {
      throw new DirectoryUnexpectedError('the answer is not JSON', { status: answer.status }, { cause });
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      throw new DirectoryUnexpectedError('the answer does not have the documented shape', {
        status: answer.status,
      });
    }
    return result.data;
  }
}
