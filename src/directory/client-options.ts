// Options of the cybozu client and the environment check, with defaults and the start-up checks.

import { settingsOf, validateDirectoryAuth, type DirectoryAuth } from './auth.js';
import { parseCybozuBaseUrl } from './base-url.js';
import type { DirectoryLog, RequestObserver } from './cybozu-http.js';
import { DirectoryNotConfiguredError } from './errors.js';

export interface CybozuUserApiOptions {
  baseUrl: URL;
  auth: DirectoryAuth;
  /** 'user:pass' when the subdomain has Basic authentication on. */
  basicAuth?: string;
  /** Per attempt; default 5000. */
  timeoutMs?: number;
  /** Extra attempts for GETs that failed in a retryable way; default 2. Writes never retry. */
  readRetries?: number;
  /** First backoff; doubles per retry. Default 200. */
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock for latency and the user-list cache; default Date.now. */
  now?: () => number;
  log?: DirectoryLog;
  /** Told each request's method and path, latency and error kind (null: it succeeded), for /metrics. */
  observe?: RequestObserver;
  /** How long findByEmail reuses the full user list; default 60 000 ms. */
  userListTtlMs?: number;
  /** Sends the requests; default the global fetch (the app passes one that honours HTTPS_PROXY / NO_PROXY). */
  fetch?: typeof fetch;
}

export interface ResolvedOptions {
  baseUrl: URL;
  auth: DirectoryAuth;
  basicAuth: string | undefined;
  timeoutMs: number;
  readRetries: number;
  retryBaseMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  log: DirectoryLog | undefined;
  observe: RequestObserver | undefined;
  userListTtlMs: number;
  fetch: typeof fetch;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function nonNegativeInteger(value: number | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be a whole number ≥ 0`);
  return value;
}

/** Applies defaults; throws DirectoryNotConfiguredError listing every problem. */
export function resolveOptions(options: CybozuUserApiOptions): ResolvedOptions {
  const problems = validateDirectoryAuth(settingsOf(options.auth, options.basicAuth));
  // Checked again here (not only in the config) so credentials never go to another host.
  const base = parseCybozuBaseUrl(options.baseUrl.href);
  if (!base.ok) problems.push(base.problem);
  const timeoutMs = nonNegativeInteger(options.timeoutMs, 5000, 'timeoutMs', problems);
  if (timeoutMs === 0) problems.push('timeoutMs must be more than 0');
  const resolved: ResolvedOptions = {
    baseUrl: base.ok ? base.url : options.baseUrl,
    auth: options.auth,
    basicAuth: options.basicAuth || undefined,
    timeoutMs,
    readRetries: nonNegativeInteger(options.readRetries, 2, 'readRetries', problems),
    retryBaseMs: nonNegativeInteger(options.retryBaseMs, 200, 'retryBaseMs', problems),
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
    log: options.log,
    observe: options.observe,
    userListTtlMs: nonNegativeInteger(options.userListTtlMs, 60_000, 'userListTtlMs', problems),
    fetch: options.fetch ?? globalThis.fetch,
  };
  if (problems.length > 0) throw new DirectoryNotConfiguredError(problems);
  return resolved;
}
