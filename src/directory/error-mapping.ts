// Turns what came back (an HTTP answer, or a fetch failure) into a typed DirectoryError.
// Pure functions, so the mapping table is tested without a server.

import {
  DirectoryAuthError,
  DirectoryError,
  DirectoryForbiddenError,
  DirectoryMissingAuthError,
  DirectoryNoLicenceError,
  DirectoryTimeoutError,
  DirectoryTwoFactorError,
  DirectoryUnavailableError,
  DirectoryUnexpectedError,
  DirectoryValidationError,
  type CybozuErrorFacts,
} from './errors.js';

export interface FailedAnswer {
  status: number;
  bodyText: string;
  /** Value of WWW-Authenticate, if any. */
  wwwAuthenticate?: string | null;
}

interface CybozuErrorBody {
  code: string;
  id?: string;
  message?: string;
  errors?: unknown;
}

/** cybozu's error JSON `{ code, id, message, errors? }`, or null when the body is something else. */
export function parseCybozuErrorBody(bodyText: string): CybozuErrorBody | null {
  const trimmed = bodyText.trim();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.code !== 'string') return null;
  const body: CybozuErrorBody = { code: record.code };
  if (typeof record.id === 'string') body.id = record.id;
  if (typeof record.message === 'string') body.message = record.message;
  if ('errors' in record) body.errors = record.errors;
  return body;
}

/** `errors: { "users[0].password": { messages: ["…"] } }` → `{ "users[0].password": ["…"] }`. */
export function fieldMessagesOf(errors: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (typeof errors !== 'object' || errors === null) return result;
  for (const [field, value] of Object.entries(errors as Record<string, unknown>)) {
    const messages = (value as { messages?: unknown } | null)?.messages;
    result[field] = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : [];
  }
  return result;
}

/**
 * Words cybozu.com uses when no seat is free. UNCONFIRMED: cybozu's documentation names no error code for "no free
 * licence" on PUT /v1/users.json (valid: true) or PUT /v1/users/services.json, nor its status. So it is recognised
 * by what its message says, whatever the code, in the message or a field message (ja and en, as the API answers in
 * the caller's language). A licence refusal that does not match still fails safely: it is shown as a validation
 * or unexpected error with cybozu's id, never as success.
 */
const NO_LICENCE_WORDS =
  /ライセンス|licen[cs]e|(契約|利用)ユーザー数|ユーザー数の上限|user limit|number of (licensed )?users/iu;

function mentionsNoLicence(body: CybozuErrorBody): boolean {
  const messages = [body.message ?? '', ...Object.values(fieldMessagesOf(body.errors)).flat()];
  return messages.some((m) => NO_LICENCE_WORDS.test(m));
}

/** Codes whose meaning is known and which no licence message can change. */
const CREDENTIAL_CODES = new Set(['CB_WA01', 'CB_TW02', 'CB_NO02', 'CB_AU01']);

/**
 * Mapping (first match wins):
 * - CB_WA01 → auth; CB_TW02 → two_factor; CB_AU01 → missing_auth
 * - any other cybozu error whose message speaks of licences / the number of users → no_licence (code unconfirmed)
 * - CB_VA01 → validation (any status)
 * - CB_NO02 ("No privilege to proceed.") → forbidden, whatever the status (403 is what is seen)
 * - 401 → auth (a Basic challenge is flagged: the subdomain has Basic auth on)
 * - 403 with cybozu JSON → forbidden; 403 with anything else (HTML, empty) → ip_restricted
 * - 429 → unavailable/rate_limited (no limit is documented; treat as transient)
 * - 520 with another cybozu code → unexpected: 520 is cybozu's status for application errors,
 *   which a retry will not fix; it keeps code and id for support
 * - other 5xx (and 520 without cybozu JSON, e.g. a proxy's) → unavailable/server, retryable
 * - anything else → unexpected, keeping status, code and id
 */
export function errorFromAnswer(answer: FailedAnswer): DirectoryError {
  const body = parseCybozuErrorBody(answer.bodyText);
  const facts: CybozuErrorFacts = { status: answer.status };
  if (body) {
    facts.cybozuCode = body.code;
    if (body.id !== undefined) facts.cybozuErrorId = body.id;
    if (body.message !== undefined) facts.cybozuMessage = body.message;
  }
  const { status } = answer;

  if (body?.code === 'CB_WA01') return new DirectoryAuthError(facts);
  if (body?.code === 'CB_TW02') return new DirectoryTwoFactorError(facts);
  if (body?.code === 'CB_NO02') return new DirectoryForbiddenError('forbidden', facts);
  if (body?.code === 'CB_AU01') return new DirectoryMissingAuthError(facts);
  if (body && !CREDENTIAL_CODES.has(body.code) && mentionsNoLicence(body))
    return new DirectoryNoLicenceError(facts, fieldMessagesOf(body.errors));
  if (body?.code === 'CB_VA01') return new DirectoryValidationError(facts, fieldMessagesOf(body.errors));
  if (status === 401) {
    const challenge = !body && /^\s*basic\b/i.test(answer.wwwAuthenticate ?? '');
    return new DirectoryAuthError(facts, challenge);
  }
  if (status === 403) return new DirectoryForbiddenError(body ? 'forbidden' : 'ip_restricted', facts);
  if (status === 429) return new DirectoryUnavailableError('rate_limited', facts);
  if (status === 520 && body) return new DirectoryUnexpectedError('cybozu application error', facts);
  if (status >= 500 && status <= 599) return new DirectoryUnavailableError('server', facts);
  return new DirectoryUnexpectedError(`HTTP ${status}`, facts);
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

/** Node error codes found on the error, its `cause` chain and AggregateError members. */
export function networkCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 5 || typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const record = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    visit(record.cause, depth + 1);
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError';
}

/** A rejected fetch (no HTTP answer): timeout, DNS, TLS, or connection failure. */
export function errorFromFetchFailure(error: unknown, timeoutMs: number): DirectoryError {
  if (error instanceof DirectoryError) return error;
  // The cause is kept for debugging: undici's errors name host and code, never our headers.
  const cause = { cause: error };
  if (isTimeout(error)) return new DirectoryTimeoutError(timeoutMs, cause);
  const codes = networkCodesOf(error);
  const tls = codes.find(isTlsCode);
  if (tls) return new DirectoryUnavailableError('tls', { networkCode: tls }, cause);
  const dns = codes.find((c) => DNS_CODES.has(c));
  if (dns) return new DirectoryUnavailableError('dns', { networkCode: dns }, cause);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new DirectoryTimeoutError(timeoutMs, cause);
  }
  const first = codes[0];
  return new DirectoryUnavailableError('connection', first ? { networkCode: first } : {}, cause);
}
