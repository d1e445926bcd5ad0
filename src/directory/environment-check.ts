// A start-up / admin check of the cybozu.com environment: can we reach it, is TLS fine, does the
// login page answer, do our credentials work. Each step says what failed, without secrets.

import { authHeaders, basicAuthHeaders } from './auth.js';
import { loginUrl } from './base-url.js';
import { resolveOptions, type CybozuUserApiOptions } from './client-options.js';
import { exchange, type Answer } from './cybozu-http.js';
import { usersAnswer } from './cybozu-schemas.js';
import { errorFromAnswer, errorFromFetchFailure } from './error-mapping.js';
import { DirectoryAuthError, type DirectoryError, DirectoryUnavailableError } from './errors.js';
import { TtlCache } from './ttl-cache.js';

export type EnvironmentCheckName = 'base_url' | 'tls' | 'login_page' | 'api_auth';

export interface EnvironmentCheckDetail {
  /**
   * A DirectoryErrorKind ('auth', 'missing_auth', 'forbidden', 'ip_restricted', 'timeout',
   * 'unexpected', …), or for network failures the reason ('dns', 'connection', 'tls', 'server',
   * 'rate_limited'), 'basic_auth_required' for a Basic challenge, 'unexpected_redirect' /
   * 'not_cybozu' for answers that do not look like cybozu.com.
   */
  kind?: string;
  status?: number;
  cybozuErrorId?: string;
  /** Node's code for network failures, e.g. CERT_HAS_EXPIRED, ENOTFOUND. */
  networkCode?: string;
}

export interface EnvironmentCheck {
  check: EnvironmentCheckName;
  verdict: 'ok' | 'fail' | 'skipped';
  latencyMs: number;
  detail?: EnvironmentCheckDetail;
}

function detailOf(error: DirectoryError): EnvironmentCheckDetail {
  const detail: EnvironmentCheckDetail = { kind: error.kind };
  if (error instanceof DirectoryUnavailableError) {
    detail.kind = error.reason;
    if (error.networkCode) detail.networkCode = error.networkCode;
  }
  if (error instanceof DirectoryAuthError && error.basicAuthChallenge) detail.kind = 'basic_auth_required';
  if (error.status !== undefined) detail.status = error.status;
  if (error.cybozuErrorId) detail.cybozuErrorId = error.cybozuErrorId;
  return detail;
}

function errorOf(answer: Answer): DirectoryError {
  return errorFromAnswer({
    status: answer.status,
    bodyText: answer.bodyText,
    wwwAuthenticate: answer.headers.get('www-authenticate'),
  });
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/** Detail of an answer that is not the one we wanted. */
function failedPageDetail(answer: Answer): EnvironmentCheckDetail {
  if (isRedirect(answer.status)) return { kind: 'unexpected_redirect', status: answer.status };
  if (answer.status < 300) return { kind: 'unexpected', status: answer.status };
  return detailOf(errorOf(answer));
}
// /login may send on to the IdP when SAML is on; both count as "a login page answered".
const LOGIN_LOCATION = /login|saml/i;

/**
 * Checks in order: base_url (any HTTP answer), tls (https only; derived from the base_url
 * connection, so its latency is 0), login_page (`GET /login` is 200 or redirects to a login
 * page), api_auth (`GET /v1/users.json?size=1` with our credentials is 200 with a user list).
 * When the host cannot be reached, the later checks are 'skipped'. Network failures become
 * verdicts, not exceptions; only invalid options throw (DirectoryNotConfiguredError).
 */
export async function environmentCheck(options: CybozuUserApiOptions): Promise<EnvironmentCheck[]> {
  const { baseUrl, auth, basicAuth, timeoutMs, now, fetch } = resolveOptions(options);
  const pageHeaders = basicAuthHeaders(basicAuth);
  const https = baseUrl.protocol === 'https:';

  const timed = async (
    url: URL,
    headers: Record<string, string>,
  ): Promise<{ answer: Answer; latencyMs: number } | { error: DirectoryError; latencyMs: number }> => {
    const started = now();
    try {
      const answer = await exchange(url, { method: 'GET', headers }, timeoutMs, fetch);
      return { answer, latencyMs: now() - started };
    } catch (error) {
      return { error: errorFromFetchFailure(error, timeoutMs), latencyMs: now() - started };
    }
  };

  const results: EnvironmentCheck[] = [];
  const skipRest = (...checks: EnvironmentCheckName[]): EnvironmentCheck[] => [
    ...results,
    ...checks.map((check) => ({ check, verdict: 'skipped' as const, latencyMs: 0 })),
  ];

  // base_url
  const root = await timed(baseUrl, pageHeaders);
  if ('error' in root) {
    results.push({ check: 'base_url', verdict: 'fail', latencyMs: root.latencyMs, detail: detailOf(root.error) });
    const tlsFailed = root.error instanceof DirectoryUnavailableError && root.error.reason === 'tls';
    if (https && tlsFailed) {
      results.push({ check: 'tls', verdict: 'fail', latencyMs: 0, detail: detailOf(root.error) });
      return skipRest('login_page', 'api_auth');
    }
    return skipRest('tls', 'login_page', 'api_auth');
  }
  results.push({ check: 'base_url', verdict: 'ok', latencyMs: root.latencyMs, detail: { status: root.answer.status } });

  // tls
  results.push({ check: 'tls', verdict: https ? 'ok' : 'skipped', latencyMs: 0 });

  // login_page
  const login = await timed(loginUrl(baseUrl), pageHeaders);
  if ('error' in login) {
    results.push({ check: 'login_page', verdict: 'fail', latencyMs: login.latencyMs, detail: detailOf(login.error) });
  } else {
    const { status, headers } = login.answer;
    const ok = status === 200 || (isRedirect(status) && LOGIN_LOCATION.test(headers.get('location') ?? ''));
    results.push({
      check: 'login_page',
      verdict: ok ? 'ok' : 'fail',
      latencyMs: login.latencyMs,
      detail: ok ? { status } : failedPageDetail(login.answer),
    });
  }

  // api_auth
  const apiUrl = new URL('/v1/users.json?size=1', baseUrl);
  const api = await timed(apiUrl, { Accept: 'application/json', ...authHeaders(auth, basicAuth) });
  if ('error' in api) {
    results.push({ check: 'api_auth', verdict: 'fail', latencyMs: api.latencyMs, detail: detailOf(api.error) });
  } else if (api.answer.status === 200) {
    const looksRight = usersAnswer.safeParse(safeJson(api.answer.bodyText)).success;
    results.push({
      check: 'api_auth',
      verdict: looksRight ? 'ok' : 'fail',
      latencyMs: api.latencyMs,
      detail: looksRight ? { status: 200 } : { kind: 'not_cybozu', status: 200 },
    });
  } else {
    results.push({
      check: 'api_auth',
      verdict: 'fail',
      latencyMs: api.latencyMs,
      detail: failedPageDetail(api.answer),
    });
  }
  return results;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How long one environment check answers every `diagnose`: the environment does not change by the second. */
export const ENVIRONMENT_CHECK_TTL_MS = 60_000;

/**
 * The environment check shared for `ttlMs` (on the injected clock): everyone running `diagnose` within a minute
 * gets the same answer, and callers arriving while a check runs wait for that one instead of starting their own.
 */
export function cachedEnvironmentCheck(
  check: () => Promise<EnvironmentCheck[]>,
  p: { now: () => number; ttlMs?: number },
): () => Promise<EnvironmentCheck[]> {
  const cache = new TtlCache<EnvironmentCheck[]>(p.ttlMs ?? ENVIRONMENT_CHECK_TTL_MS, p.now);
  return () => cache.get(check);
}
