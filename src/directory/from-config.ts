import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { CybozuUserApi } from './cybozu-client.js';
import type { RequestObserver } from './cybozu-http.js';
import type { EnvironmentCheck } from './environment-check.js';
import type { Directory } from './port.js';
import type { AuthAccount } from './write-capability.js';

/** The directory the app uses: the port plus the environment check behind `diagnose`. */
export interface DirectoryService extends Directory {
  readonly baseUrl: URL;
  /** Which credentials are used (never their secret); undefined when not known (e.g. a test double). */
  readonly authAccount?: AuthAccount | undefined;
  environmentCheck(): Promise<EnvironmentCheck[]>;
}

/**
 * The cybozu.com User API client from CYBOZU_* settings, or null when the directory is not configured. `send` is
 * the fetch to use (the app's honours HTTPS_PROXY / NO_PROXY).
 */
export function directoryFromConfig(
  config: Config,
  logger: Logger,
  send: typeof fetch = globalThis.fetch,
  observe?: RequestObserver,
): DirectoryService | null {
  const cybozu = config.cybozu;
  if (!cybozu) return null;
  const log = logger.child({ component: 'directory' });
  return new CybozuUserApi({
    baseUrl: new URL(cybozu.baseUrl),
    auth: cybozu.apiToken
      ? { kind: 'token', token: cybozu.apiToken }
      : { kind: 'password', login: cybozu.login ?? '', password: cybozu.password ?? '' },
    basicAuth: cybozu.basicAuth,
    timeoutMs: cybozu.timeoutMs,
    // Real time on purpose: it measures latency shown to people and ages a short cache, not domain time.
    now: Date.now,
    log: { warn: (obj, msg) => log.warn(obj, msg), debug: (obj, msg) => log.debug(obj, msg) },
    fetch: send,
    ...(observe ? { observe } : {}),
  });
}
