// Typed errors of the directory. Messages carry status, cybozu code and error id, never
// credentials, request bodies or passwords: they end up in logs.

export type DirectoryErrorKind =
  | 'auth'
  | 'two_factor'
  | 'missing_auth'
  | 'validation'
  | 'no_licence'
  | 'forbidden'
  | 'ip_restricted'
  | 'not_configured'
  | 'timeout'
  | 'unavailable'
  | 'user_not_found'
  | 'unexpected';

export interface CybozuErrorFacts {
  status?: number;
  cybozuCode?: string;
  /** The `id` cybozu support asks for. */
  cybozuErrorId?: string;
  /** cybozu's own message, in the API caller's language; kept out of `message`. */
  cybozuMessage?: string;
}

export abstract class DirectoryError extends Error {
  abstract readonly kind: DirectoryErrorKind;
  /** Whether trying the same request again later may succeed (reads retry these). */
  abstract readonly retryable: boolean;
  readonly status?: number;
  readonly cybozuCode?: string;
  readonly cybozuErrorId?: string;
  readonly cybozuMessage?: string;

  constructor(summary: string, facts: CybozuErrorFacts = {}, options?: { cause?: unknown }) {
    super(describe(summary, facts), options);
    this.name = new.target.name;
    if (facts.status !== undefined) this.status = facts.status;
    if (facts.cybozuCode !== undefined) this.cybozuCode = facts.cybozuCode;
    if (facts.cybozuErrorId !== undefined) this.cybozuErrorId = facts.cybozuErrorId;
    if (facts.cybozuMessage !== undefined) this.cybozuMessage = facts.cybozuMessage;
  }
}

function describe(summary: string, facts: CybozuErrorFacts): string {
  const parts: string[] = [];
  if (facts.cybozuCode) parts.push(facts.cybozuCode);
  if (facts.status !== undefined) parts.push(`status ${facts.status}`);
  if (facts.cybozuErrorId) parts.push(`id ${facts.cybozuErrorId}`);
  return parts.length > 0 ? `${summary} (${parts.join(', ')})` : summary;
}

/** CB_WA01 (520 or 401), or 401 without a cybozu body: the credentials are wrong. */
export class DirectoryAuthError extends DirectoryError {
  readonly kind = 'auth' as const;
  readonly retryable = false;
  /** The answer was an HTTP Basic challenge: the subdomain has Basic auth on (CYBOZU_BASIC_AUTH). */
  readonly basicAuthChallenge: boolean;
  constructor(facts: CybozuErrorFacts, basicAuthChallenge = false) {
    super(
      basicAuthChallenge ? 'cybozu.com asks for HTTP Basic authentication' : 'cybozu.com rejected the credentials',
      facts,
    );
    this.basicAuthChallenge = basicAuthChallenge;
  }
}

/** CB_TW02: password auth for an account with two-factor authentication on (cybozu refuses it for the API). */
export class DirectoryTwoFactorError extends DirectoryError {
  readonly kind = 'two_factor' as const;
  readonly retryable = false;
  constructor(facts: CybozuErrorFacts) {
    super('cybozu.com refused password authentication: the account has two-factor authentication on', facts);
  }
}

/** CB_AU01: cybozu saw no authentication header at all. */
export class DirectoryMissingAuthError extends DirectoryError {
  readonly kind = 'missing_auth' as const;
  readonly retryable = false;
  constructor(facts: CybozuErrorFacts) {
    super('cybozu.com received no authentication', facts);
  }
}

/** CB_VA01, with cybozu's per-field messages (`errors["users[0].password"].messages`). */
export class DirectoryValidationError extends DirectoryError {
  readonly kind = 'validation' as const;
  readonly retryable = false;
  readonly fieldMessages: Record<string, string[]>;
  constructor(facts: CybozuErrorFacts, fieldMessages: Record<string, string[]>) {
    const fields = Object.keys(fieldMessages);
    super(
      fields.length > 0
        ? `cybozu.com rejected the request: invalid ${fields.join(', ')}`
        : 'cybozu.com rejected the request as invalid',
      facts,
    );
    this.fieldMessages = fieldMessages;
  }
}

/**
 * No free licence (seat) for what the write asks: resuming a suspended user (使用中 users count, 停止中 do not) or
 * assigning a service. Which code cybozu answers with is unconfirmed, so it is recognised by its message
 * (error-mapping.ts). Not retryable: nothing changes until a seat is freed or more are bought.
 */
export class DirectoryNoLicenceError extends DirectoryError {
  readonly kind = 'no_licence' as const;
  readonly retryable = false;
  /** cybozu's per-field messages, when it sent any (shown to the admin with its own message). */
  readonly fieldMessages: Record<string, string[]>;
  constructor(facts: CybozuErrorFacts, fieldMessages: Record<string, string[]> = {}) {
    super('cybozu.com has no free licence for this change', facts);
    this.fieldMessages = fieldMessages;
  }
}

/**
 * 403. kind 'forbidden': cybozu answered with its JSON error (token scope too small, or an
 * administrator touched without the Dangerous Zone scope). kind 'ip_restricted': the 403 was not
 * cybozu JSON, which is how the IP restriction (アクセス制限) page answers: the bot's host is not
 * on the allow list. Both are configuration problems, so neither is retried.
 */
export class DirectoryForbiddenError extends DirectoryError {
  readonly kind: 'forbidden' | 'ip_restricted';
  readonly retryable = false;
  constructor(kind: 'forbidden' | 'ip_restricted', facts: CybozuErrorFacts) {
    super(
      kind === 'ip_restricted'
        ? 'cybozu.com refused access from this host (IP restriction)'
        : 'cybozu.com refused the request (missing permission or token scope)',
      facts,
    );
    this.kind = kind;
  }
}

/** The directory cannot be used as configured; `problems` name the settings to fix. */
export class DirectoryNotConfiguredError extends DirectoryError {
  readonly kind = 'not_configured' as const;
  readonly retryable = false;
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`cybozu directory is not configured: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

export class DirectoryTimeoutError extends DirectoryError {
  readonly kind = 'timeout' as const;
  readonly retryable = true;
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`cybozu.com did not answer within ${timeoutMs} ms`, {}, options);
    this.timeoutMs = timeoutMs;
  }
}

export type UnavailableReason = 'connection' | 'dns' | 'tls' | 'server' | 'rate_limited';

/** Network failures (refused, reset, DNS, TLS) and server-side 5xx / 429. */
export class DirectoryUnavailableError extends DirectoryError {
  readonly kind = 'unavailable' as const;
  readonly retryable: boolean;
  readonly reason: UnavailableReason;
  /** Node's error code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, …) for network failures. */
  readonly networkCode?: string;
  constructor(
    reason: UnavailableReason,
    facts: CybozuErrorFacts & { networkCode?: string },
    options?: { cause?: unknown },
  ) {
    const what = facts.networkCode ? `${reason} failure ${facts.networkCode}` : `${reason} failure`;
    super(`cybozu.com is unavailable: ${what}`, facts, options);
    this.reason = reason;
    if (facts.networkCode !== undefined) this.networkCode = facts.networkCode;
    // A missing host name or a bad certificate will not heal within a retry's backoff.
    this.retryable = !(reason === 'tls' || (reason === 'dns' && facts.networkCode === 'ENOTFOUND'));
  }
}

/** A write addressed an account that does not exist (reads answer null / [] instead). */
export class DirectoryUserNotFoundError extends DirectoryError {
  readonly kind = 'user_not_found' as const;
  readonly retryable = false;
  readonly loginName: string;
  constructor(loginName: string) {
    super('no cybozu.com account has this login name');
    this.loginName = loginName;
  }
}

/** Anything else: keeps status, code and id so it can be reported to cybozu support. */
export class DirectoryUnexpectedError extends DirectoryError {
  readonly kind = 'unexpected' as const;
  readonly retryable = false;
  constructor(summary: string, facts: CybozuErrorFacts = {}, options?: { cause?: unknown }) {
    super(`unexpected answer from cybozu.com: ${summary}`, facts, options);
  }
}

export function isDirectoryError(value: unknown): value is DirectoryError {
  return value instanceof DirectoryError;
}
