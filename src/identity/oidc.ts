import * as client from 'openid-client';
import type { Db } from '../../db/client.js';
import { IdentityStore, type LinkedIdentity } from './identity-store.js';

export type { LinkedIdentity } from './identity-store.js';

/** A verification link is valid this long after it was made, and usable once. */
export const REQUEST_TTL_MS = 10 * 60 * 1000;
/** How long an admin's verification counts for step-up when OIDC_ADMIN_GROUP is set and no window is configured. */
export const DEFAULT_STEP_UP_WINDOW_MS = 8 * 60 * 60 * 1000;
/** Used requests and expired links are kept this long (so a late click still says "expired"), then purged. */
export const REQUEST_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface SingleSignOnOptions {
  db: Db;
  /** The issuer identifier (OIDC_ISSUER); discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The redirect URI registered at the provider (OIDC_REDIRECT_URL), ending in /oidc/callback. */
  redirectUrl: string;
  now: () => number;
  /** Tests only: allows an http:// issuer (a local provider). */
  allowInsecure?: boolean;
  /**
   * The scopes to request, verbatim (`openid` is added when missing). Default: `openid email profile`, plus
   * `groups` when the provider lists `groups` in `scopes_supported` (asking for an unknown scope makes some
   * providers refuse the whole request; others send the groups claim without any scope).
   */
  scopes?: string;
  /** The claim holding the user's groups (default `groups`). */
  groupsClaim?: string;
  /** Seconds before a request to the provider gives up (default 10: the user's browser is waiting). */
  timeoutSeconds?: number;
  /** Replaces fetch for every request to the provider (tests observe or alter responses with it). */
  fetch?: client.CustomFetch;
}

/** What the provider asserted about the person, taken from a validated ID token (and userinfo, see below). */
export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
}

export type VerifyFailureReason = 'unknown_state' | 'expired' | 'reused' | 'provider_error' | 'invalid_response';

export type VerifyOutcome =
  | { ok: true; slackUserId: string; identity: VerifiedIdentity }
  /** `slackUserId` is set when the state named a request; `detail` is a short code, safe to log and show. */
  | { ok: false; reason: VerifyFailureReason; slackUserId?: string; detail?: string };

/** Discovery failed (provider down, wrong OIDC_ISSUER, issuer mismatch): no link can be made right now. */
export class SingleSignOnUnavailable extends Error {
  override readonly name = 'SingleSignOnUnavailable';
  constructor(readonly code: string, options?: { cause?: unknown }) {
    super(`the identity provider could not be reached or is misconfigured (${code})`, options);
  }
}

/**
 * Single sign-on verification of Slack users against the company's OpenID provider (authorization code flow
 * with PKCE, `state` and `nonce`, via openid-client).
 *
 * - `startVerification` makes a one-time request bound to the Slack user (row in `oidc_requests`, 10 minutes).
 * - `completeVerification` handles `GET /oidc/callback`: claims the `state` once, exchanges the code, lets
 *   openid-client validate the ID token (signature — non-repudiation checks are enabled, as openid-client
 *   otherwise relies on TLS alone —, issuer, audience, expiry against the system clock, nonce) and links the
 *   identity. Claims come from the ID token; any of `email`, `email_verified` and the groups claim the ID token
 *   lacks is taken from the userinfo endpoint (subject checked to match). The ID token wins when both have it.
 * - Access, refresh and ID tokens, the authorization code, the PKCE verifier and the nonce are never stored,
 *   logged or audited: the verifier and nonce are erased from the row when the request is claimed.
 */
export class SingleSignOn {
  private readonly store: IdentityStore;
  private config: Promise<client.Configuration> | null = null;

  constructor(private readonly opts: SingleSignOnOptions) {
    this.store = new IdentityStore(opts.db);
  }

  /**
   * Makes a one-time verification link for the Slack user. `forceLogin` asks the provider to authenticate the
   * person again even when their browser has a session (`prompt=login`; useful for an admin step-up).
   * @throws SingleSignOnUnavailable when discovery fails (it is retried at the next call).
   */
  async startVerification(slackUserId: string, options: { forceLogin?: boolean } = {}): Promise<{ url: string; expiresAt: number }> {
    const config = await this.configuration();
    const state = client.randomState(); // 32 random bytes
    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const params: Record<string, string> = {
      redirect_uri: this.opts.redirectUrl,
      scope: this.scopes(config),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    };
    if (options.forceLogin) params.prompt = 'login';
    const url = client.buildAuthorizationUrl(config, params);
    const createdAt = this.opts.now();
    const expiresAt = createdAt + REQUEST_TTL_MS;
    this.store.insertRequest({ state, slackUserId, codeVerifier, nonce, createdAt, expiresAt });
    return { url: url.href, expiresAt };
  }

  /**
   * Completes a verification from the callback the provider redirected the browser to. Only the query of
   * `callbackUrl` is used: the URL sent to the token endpoint is always the configured redirect URL, so a proxy
   * in front of the app does not matter. Every outcome writes one audit row.
   */
  async completeVerification(callbackUrl: URL): Promise<VerifyOutcome> {
    const query = callbackUrl.searchParams;
    const state = query.get('state');
    const error = query.get('error');

    if (!state || state.length > 256) {
      // A provider error without a state cannot be tied to a request; anything else is not ours.
      return this.fail(error ? { reason: 'provider_error', detail: errorCode(error) } : { reason: 'unknown_state' });
    }

    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      // The request stays usable: reloading the page once the provider is back completes it.
      const slackUserId = this.store.findRequest(state)?.slackUserId;
      return this.fail({ reason: 'provider_error', slackUserId, detail: err instanceof SingleSignOnUnavailable ? `discovery:${err.code}` : 'discovery' });
    }

    const claim = this.store.claimRequest(state, this.opts.now());
    switch (claim.kind) {
      case 'unknown':
        return this.fail({ reason: 'unknown_state' });
      case 'expired':
        return this.fail({ reason: 'expired', slackUserId: claim.slackUserId });
      case 'reused':
        return this.fail({ reason: 'reused', slackUserId: claim.slackUserId });
    }
    const { slackUserId, codeVerifier, nonce } = claim;
    if (error) return this.fail({ reason: 'provider_error', slackUserId, detail: errorCode(error) });
    if (!codeVerifier || !nonce) return this.fail({ reason: 'invalid_response', slackUserId, detail: 'request_incomplete' });

    const current = new URL(this.opts.redirectUrl);
    current.search = callbackUrl.search;
    current.hash = '';

    let identity: VerifiedIdentity;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return this.fail({ reason: 'invalid_response', slackUserId, detail: 'no_id_token' });
      let claims: Record<string, unknown> = { ...idToken };
      const groupsClaim = this.opts.groupsClaim ?? 'groups';
      const missing = ['email', 'email_verified', groupsClaim].some((c) => claims[c] === undefined);
      if (missing && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        claims = { ...info, ...claims };
      }
      identity = {
        subject: idToken.sub,
        email: emailOf(claims.email),
        emailVerified: claims.email_verified === true || claims.email_verified === 'true',
        groups: groupsOf(claims[groupsClaim]),
      };
    } catch (err) {
      return this.fail({ slackUserId, ...classify(err) });
    }

    const verifiedAt = this.opts.now();
    this.store.link(slackUserId, { ...identity, verifiedAt }, {
      subject: identity.subject,
      email: identity.email,
      emailVerified: identity.emailVerified,
      groups: identity.groups.slice(0, 50),
      groupCount: identity.groups.length,
    });
    return { ok: true, slackUserId, identity };
  }

  identityOf(slackUserId: string): LinkedIdentity | null {
    return this.store.identityOf(slackUserId);
  }

  /** Deletes requests that expired more than a day ago; returns how many (call it from a periodic job). */
  purgeRequests(): number {
    return this.store.purgeRequests(this.opts.now() - REQUEST_RETENTION_MS);
  }

  private fail(f: { reason: VerifyFailureReason; slackUserId?: string | undefined; detail?: string | undefined }): VerifyOutcome {
    const now = this.opts.now();
    this.store.auditFailure(f.slackUserId ?? null, { reason: f.reason, ...(f.detail ? { detail: f.detail } : {}) }, now);
    return {
      ok: false,
      reason: f.reason,
      ...(f.slackUserId !== undefined ? { slackUserId: f.slackUserId } : {}),
      ...(f.detail ? { detail: f.detail } : {}),
    };
  }

  private scopes(config: client.Configuration): string {
    if (this.opts.scopes) {
      const scopes = this.opts.scopes.split(/\s+/).filter(Boolean);
      return (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' ');
    }
    const supported = config.serverMetadata().scopes_supported ?? [];
    return ['openid', 'email', 'profile', ...(supported.includes('groups') ? ['groups'] : [])].join(' ');
  }

  /** Discovery runs once and is cached; a failed discovery is forgotten so the next call tries again. */
  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const execute: Array<(c: client.Configuration) => void> = [client.enableNonRepudiationChecks];
      if (this.opts.allowInsecure) execute.push(client.allowInsecureRequests);
      const options: client.DiscoveryRequestOptions = { execute, timeout: this.opts.timeoutSeconds ?? 10 };
      if (this.opts.fetch) options[client.customFetch] = this.opts.fetch;
      this.config = client
        .discovery(
          new URL(this.opts.issuer),
          this.opts.clientId,
          { client_secret: this.opts.clientSecret },
          client.ClientSecretBasic(this.opts.clientSecret),
          options,
        )
        .catch((err: unknown) => {
          this.config = null;
          throw new SingleSignOnUnavailable(classify(err).detail, { cause: err });
        });
    }
    return this.config;
  }
}

/**
 * True when the linked identity proves the reporter owns the kintone account: the provider verified the e-mail
 * and it is the account's e-mail (compared case-insensitively, surrounding spaces ignored).
 */
export function reporterIdentityVerified(identity: Pick<LinkedIdentity, 'email' | 'emailVerified'> | null, accountEmail: string | null): boolean {
  if (!identity || !identity.emailVerified || !identity.email || !accountEmail) return false;
  const a = identity.email.trim().toLowerCase();
  const b = accountEmail.trim().toLowerCase();
  return a !== '' && a === b;
}

/**
 * Admin step-up: true when the admin verified less than `windowMs` ago (and not in the future) and the groups
 * claim of that verification holds `group` (exact, case-sensitive: some providers send group ids).
 */
export function adminStepUpSatisfied(
  identity: Pick<LinkedIdentity, 'groups' | 'verifiedAt'> | null,
  p: { group: string; windowMs: number; now: number },
): boolean {
  if (!identity) return false;
  const age = p.now - identity.verifiedAt;
  return age >= 0 && age < p.windowMs && identity.groups.includes(p.group);
}

function emailOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === 'string' && g !== '');
}

/** An OAuth error code from the callback, as a short safe token (it is attacker-controlled input). */
function errorCode(error: string): string {
  return /^[a-z_]{1,40}$/.test(error) ? error : 'other';
}

function token(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
}

/** Maps what openid-client throws to a reason and a short detail (a code, never a token, value or message text). */
function classify(err: unknown): { reason: 'provider_error' | 'invalid_response'; detail: string } {
  if (err instanceof client.ResponseBodyError) return { reason: 'provider_error', detail: `token_endpoint:${errorCode(err.error)}` };
  if (err instanceof client.AuthorizationResponseError) return { reason: 'provider_error', detail: errorCode(err.error) };
  if (err instanceof client.WWWAuthenticateChallengeError) return { reason: 'provider_error', detail: 'userinfo_refused' };
  if (err instanceof client.ClientError) {
    const code = (err.code ?? '').replace(/^OAUTH_/, '');
    const inner = err.cause as { cause?: { claim?: unknown; attribute?: unknown } } | undefined;
    const name = inner?.cause?.claim ?? inner?.cause?.attribute;
    const what = typeof name === 'string' && /^[a-z_]{1,20}$/.test(name) ? `:${name}` : '';
    switch (code) {
      case 'TIMEOUT':
      case 'ABORT':
        return { reason: 'provider_error', detail: 'timeout' };
      case 'RESPONSE_IS_NOT_CONFORM':
      case 'RESPONSE_IS_NOT_JSON':
        return { reason: 'provider_error', detail: 'unexpected_http_response' };
      case 'JWT_CLAIM_COMPARISON_FAILED':
        return { reason: 'invalid_response', detail: `claim_mismatch${what}` };
      case 'JWT_TIMESTAMP_CHECK_FAILED':
        return { reason: 'invalid_response', detail: `token_time${what}` };
      case 'JSON_ATTRIBUTE_COMPARISON_FAILED':
        return { reason: 'invalid_response', detail: `attribute_mismatch${what}` };
      case 'INVALID_RESPONSE': {
        const message = err.cause instanceof Error ? err.cause.message : '';
        if (/signature/i.test(message)) return { reason: 'invalid_response', detail: 'bad_signature' };
        if (/"iss"/.test(message)) return { reason: 'invalid_response', detail: 'issuer_mismatch' };
        return { reason: 'invalid_response', detail: 'invalid_response' };
      }
      default:
        return { reason: 'invalid_response', detail: code ? token(code) : 'client_error' };
    }
  }
  // fetch rejects with a TypeError when the provider cannot be reached; openid-client's argument errors are
  // TypeErrors with a code.
  if (err instanceof TypeError && !(err as { code?: unknown }).code) return { reason: 'provider_error', detail: 'unreachable' };
  return { reason: 'invalid_response', detail: 'unexpected' };
}
