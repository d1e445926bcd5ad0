import { createHash, randomBytes } from 'node:crypto';
import type * as OpenIdClient from 'openid-client';
import type { Db } from '../../db/client.js';
import { IdentityStore, type LinkedIdentity, type PendingLink } from './identity-store.js';
import { RejectionCounter } from './rejection-counter.js';

export type { LinkedIdentity } from './identity-store.js';

/**
 * openid-client (and jose under it) is loaded when single sign-on is first used, not at start: it is ~1 MiB of
 * heap for the life of the process, and many installations never set OIDC_ISSUER.
 */
let client: typeof OpenIdClient;
async function loadOpenIdClient(): Promise<void> {
  client ??= await import('openid-client');
}

/** A verification link is valid this long after it was made, and usable once. */
export const REQUEST_TTL_MS = 10 * 60 * 1000;
/** After signing in, the person has this long to confirm on the page which Slack account is linked. */
export const CONFIRM_TTL_MS = 10 * 60 * 1000;
/**
 * How long a reporter's verification counts when OIDC_VERIFICATION_HOURS is not set: a report is usually handled
 * the same or the next business day, and a verification should not be banked for longer than that (the person
 * may have left, or their Slack account may have changed hands since).
 */
export const DEFAULT_VERIFICATION_MS = 24 * 60 * 60 * 1000;
/** How long an admin's verification counts for step-up when OIDC_ADMIN_GROUP is set and no window is configured. */
export const DEFAULT_STEP_UP_WINDOW_MS = 8 * 60 * 60 * 1000;
/**
 * `max_age` of a step-up sign-in: the provider must have authenticated the person at most this long before the
 * code came back (the link itself is made just before; five minutes leave room to type a password and 2FA code).
 */
export const STEP_UP_MAX_AGE_S = 5 * 60;
/** Clock difference tolerated between this server and the provider when comparing `auth_time`. */
export const CLOCK_TOLERANCE_MS = 60 * 1000;
/** Used requests and expired links are kept this long (so a late click still says "expired"), then purged. */
export const REQUEST_RETENTION_MS = 24 * 60 * 60 * 1000;
/** After a failed discovery, the provider is not asked again for this long, doubling per failure up to the maximum. */
export const DISCOVERY_RETRY_MS = { first: 5_000, max: 5 * 60_000 } as const;

export interface SingleSignOnOptions {
  db: Db;
  /** The issuer identifier (OIDC_ISSUER); discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The redirect URI registered at the provider (OIDC_REDIRECT_URL), ending in /oidc/callback. */
  redirectUrl: string;
  now: () => number;
  /** How long a linked identity counts (OIDC_VERIFICATION_HOURS); default {@link DEFAULT_VERIFICATION_MS}. */
  verificationMs?: number;
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
  fetch?: OpenIdClient.CustomFetch;
}

/** What the provider asserted about the person, taken from a validated ID token (and userinfo, see below). */
export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
}

/**
 * The Slack user who asked for a link, as Slack says now. The sign-in is compared with it: a link is only made
 * when the provider's verified e-mail is this Slack user's e-mail.
 */
export interface RequesterProfile {
  email: string | null;
  /** Shown on the confirmation page, so the person sees which Slack account they are linking. */
  name: string | null;
}

/** Asks Slack about the requester; null when Slack could not be asked (then nothing is linked). */
export type RequesterLookup = (slackUserId: string) => Promise<RequesterProfile | null>;

export type VerifyFailureReason =
  | 'unknown_state'
  | 'expired'
  | 'reused'
  | 'provider_error'
  | 'invalid_response'
  /** The provider did not send a verified e-mail. */
  | 'email_unverified'
  /** The verified e-mail is not the requester's Slack e-mail: someone else signed in with this link. */
  | 'email_mismatch'
  /** The requester's Slack profile has no e-mail to compare with. */
  | 'no_slack_email'
  /** Slack could not be asked for the requester's e-mail; the link or confirmation stays usable. */
  | 'slack_unavailable'
  /** A step-up sign-in was not fresh (`auth_time` missing or older than `max_age`). */
  | 'stale_sign_in';

export type VerifyOutcome =
  /** Signed in and checked; nothing is linked until the person confirms with `confirmToken` (POST /oidc/confirm). */
  | {
      ok: true;
      slackUserId: string;
      slackName: string | null;
      identity: VerifiedIdentity;
      stepUp: boolean;
      confirmToken: string;
      confirmExpiresAt: number;
    }
  /**
   * `slackUserId` is set when the state named a request (and the failure was audited); without it the callback
   * named nothing of ours (anyone can send those: not audited, only counted). `detail` is a short code, safe to
   * log and show.
   */
  | { ok: false; reason: VerifyFailureReason; slackUserId?: string; detail?: string };

/** A sign-in for a self-service fix that passed every check; `authTime` (ms) is when the person authenticated. */
export type FreshSignInOutcome =
  | { ok: true; slackUserId: string; identity: VerifiedIdentity; issuer: string; authTime: number }
  | Extract<VerifyOutcome, { ok: false }>;

/** What every successful callback shares, before the step-up or self-service checks. */
interface SignInResult {
  ok: true;
  slackUserId: string;
  profile: RequesterProfile;
  identity: VerifiedIdentity;
  authTime: unknown;
  stepUp: boolean;
  /** The ID token's `iss` (validated by openid-client against the discovered issuer). */
  issuer: string;
}

export type ConfirmFailureReason =
  | 'unknown_token'
  | 'expired'
  | 'reused'
  | 'email_mismatch'
  | 'no_slack_email'
  | 'slack_unavailable';

export type ConfirmOutcome =
  | { ok: true; slackUserId: string; identity: VerifiedIdentity; stepUp: boolean }
  /** `slackUserId` is set when the token named a confirmation (and the failure was audited). */
  | { ok: false; reason: ConfirmFailureReason; slackUserId?: string };

/** Discovery failed (provider down, wrong OIDC_ISSUER, issuer mismatch): no link can be made right now. */
export class SingleSignOnUnavailable extends Error {
  override readonly name = 'SingleSignOnUnavailable';
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`the identity provider could not be reached or is misconfigured (${code})`, options);
  }
}

/**
 * Single sign-on verification of Slack users against the company's OpenID provider (authorization code flow
 * with PKCE, `state` and `nonce`, via openid-client).
 *
 * - `startVerification` makes a one-time request bound to the Slack user (row in `oidc_requests`, 10 minutes).
 *   A step-up request asks the provider for a fresh sign-in (`prompt=login`, `max_age`).
 * - `completeVerification` handles `GET /oidc/callback`: claims the `state` once, exchanges the code, lets
 *   openid-client validate the ID token (signature — non-repudiation checks are enabled, as openid-client
 *   otherwise relies on TLS alone —, issuer, audience, expiry against the system clock, nonce), checks that the
 *   provider's verified e-mail is the requester's Slack e-mail (so a forwarded link lends nobody's identity) and,
 *   for a step-up, that `auth_time` is within `max_age`. Nothing is linked yet: it returns a one-time token for
 *   the confirmation page. Claims come from the ID token; any of `email`, `email_verified` and the groups claim
 *   the ID token lacks is taken from the userinfo endpoint (subject checked to match). The ID token wins.
 * - `confirmLink` handles `POST /oidc/confirm`: checks the token and the e-mail again, then links, once.
 * - A callback with a missing or unknown `state` (or a confirmation with an unknown token) is answered without
 *   asking the provider and without an audit row: anyone can send those.
 * - Access, refresh and ID tokens, the authorization code, the PKCE verifier and the nonce are never stored,
 *   logged or audited: the verifier and nonce are erased from the row when the request is claimed. Only a hash
 *   of the confirmation token is stored.
 */
export class SingleSignOn {
  private readonly store: IdentityStore;
  /** Callbacks and confirmations that named nothing of ours (not audited; the HTTP layer logs the count). */
  readonly rejections = new RejectionCounter();
  private discovered: OpenIdClient.Configuration | null = null;
  private discovering: Promise<OpenIdClient.Configuration> | null = null;
  private retry: { at: number; delayMs: number; code: string } | null = null;

  constructor(private readonly opts: SingleSignOnOptions) {
    this.store = new IdentityStore(opts.db);
  }

  /**
   * Makes a one-time verification link for the Slack user. `stepUp` asks the provider to authenticate the person
   * again even when their browser has a session (`prompt=login`, `max_age`), and the callback checks it did.
   * @throws SingleSignOnUnavailable when discovery fails (or failed moments ago: it is retried after a back-off).
   */
  async startVerification(
    slackUserId: string,
    options: { stepUp?: boolean; freshSignInMaxAgeS?: number } = {},
  ): Promise<{ url: string; expiresAt: number; state: string }> {
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
    const stepUp = options.stepUp === true;
    if (stepUp) {
      params.prompt = 'login';
      params.max_age = String(STEP_UP_MAX_AGE_S);
    } else if (options.freshSignInMaxAgeS !== undefined) {
      // A self-service fix: a forced, fresh sign-in too, checked by completeFreshSignIn (not an admin step-up).
      params.prompt = 'login';
      params.max_age = String(options.freshSignInMaxAgeS);
    }
    const url = client.buildAuthorizationUrl(config, params);
    const createdAt = this.opts.now();
    const expiresAt = createdAt + REQUEST_TTL_MS;
    this.store.insertRequest({ state, slackUserId, codeVerifier, nonce, createdAt, expiresAt, stepUp });
    return { url: url.href, expiresAt, state };
  }

  /**
   * Completes a sign-in from the callback the provider redirected the browser to. Only the query of
   * `callbackUrl` is used: the URL sent to the token endpoint is always the configured redirect URL, so a proxy
   * in front of the app does not matter. Every outcome tied to a request writes one audit row; a success writes
   * none yet (the confirmation does).
   */
  async completeVerification(callbackUrl: URL, requester: RequesterLookup): Promise<VerifyOutcome> {
    const signedIn = await this.signIn(callbackUrl, requester);
    if (!signedIn.ok) return signedIn;
    const { slackUserId, identity, authTime, stepUp, profile } = signedIn;
    const now = this.opts.now();
    let stepUpAt: number | null = null;
    if (stepUp) {
      const authenticatedAt = freshSignInTime(authTime, now, STEP_UP_MAX_AGE_S);
      if (authenticatedAt === null)
        return this.fail({
          reason: 'stale_sign_in',
          slackUserId,
          detail: typeof authTime === 'number' ? 'auth_time_too_old' : 'no_auth_time',
        });
      stepUpAt = authenticatedAt;
    }

    const confirmToken = randomBytes(32).toString('base64url');
    const confirmExpiresAt = now + CONFIRM_TTL_MS;
    const link: PendingLink = {
      slackUserId,
      subject: identity.subject,
      email: identity.email!,
      groups: identity.groups,
      stepUpAt,
    };
    this.store.insertConfirmation(tokenHash(confirmToken), link, { createdAt: now, expiresAt: confirmExpiresAt });
    return { ok: true, slackUserId, slackName: profile.name, identity, stepUp, confirmToken, confirmExpiresAt };
  }

  /**
   * Completes a sign-in made for a self-service fix (issue 15): the same checks as {@link completeVerification}
   * (one-time state, code exchange, ID token, the provider's verified e-mail equal to the requester's Slack e-mail
   * asked from Slack now) and a fresh authentication: `auth_time` at most `maxAgeS` old. Nothing is linked and no
   * confirmation is made: the caller acts at once on the proof returned (issuer, subject, when they signed in).
   */
  async completeFreshSignIn(
    callbackUrl: URL,
    requester: RequesterLookup,
    maxAgeS: number,
  ): Promise<FreshSignInOutcome> {
    const signedIn = await this.signIn(callbackUrl, requester);
    if (!signedIn.ok) return signedIn;
    const { slackUserId, identity, authTime, issuer } = signedIn;
    const authenticatedAt = freshSignInTime(authTime, this.opts.now(), maxAgeS);
    if (authenticatedAt === null)
      return this.fail({
        reason: 'stale_sign_in',
        slackUserId,
        detail: typeof authTime === 'number' ? 'auth_time_too_old' : 'no_auth_time',
      });
    return { ok: true, slackUserId, identity, issuer, authTime: authenticatedAt };
  }

  /** The part of a callback every sign-in shares; ok only when the provider's verified e-mail is the Slack user's. */
  private async signIn(
    callbackUrl: URL,
    requester: RequesterLookup,
  ): Promise<SignInResult | Extract<VerifyOutcome, { ok: false }>> {
    const query = callbackUrl.searchParams;
    const state = query.get('state');
    const error = query.get('error');

    // Not tied to any request of ours: answered from the database alone, never audited, never sent to the provider.
    if (!state || state.length > 256)
      return error
        ? { ok: false, reason: 'provider_error', detail: errorCode(error) }
        : { ok: false, reason: 'unknown_state' };
    const request = this.store.findRequest(state);
    if (!request) return { ok: false, reason: 'unknown_state' };
    const { slackUserId } = request;

    // Used, expired or refused at the provider: settled without asking anyone.
    if (request.usedAt !== null || this.opts.now() >= request.expiresAt || error) {
      const claim = this.store.claimRequest(state, this.opts.now());
      if (claim.kind === 'unknown') return { ok: false, reason: 'unknown_state' };
      if (claim.kind !== 'claimed') return this.fail({ reason: claim.kind, slackUserId });
      return this.fail({ reason: 'provider_error', slackUserId, detail: errorCode(error ?? '') });
    }

    // Before the request is claimed, so reloading the page completes it once the provider or Slack is back.
    let config: OpenIdClient.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      return this.fail({
        reason: 'provider_error',
        slackUserId,
        detail: err instanceof SingleSignOnUnavailable ? `discovery:${err.code}` : 'discovery',
      });
    }
    const profile = await requester(slackUserId);
    if (!profile) return this.fail({ reason: 'slack_unavailable', slackUserId });

    const claim = this.store.claimRequest(state, this.opts.now());
    switch (claim.kind) {
      case 'unknown':
        return { ok: false, reason: 'unknown_state' };
      case 'expired':
      case 'reused':
        return this.fail({ reason: claim.kind, slackUserId });
    }
    const { codeVerifier, nonce, stepUp } = claim;
    if (!codeVerifier || !nonce)
      return this.fail({ reason: 'invalid_response', slackUserId, detail: 'request_incomplete' });
    const slackEmail = normalizedEmail(profile.email);
    if (!slackEmail) return this.fail({ reason: 'no_slack_email', slackUserId });

    const current = new URL(this.opts.redirectUrl);
    current.search = callbackUrl.search;
    current.hash = '';

    let identity: VerifiedIdentity;
    let authTime: unknown;
    let issuer = '';
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return this.fail({ reason: 'invalid_response', slackUserId, detail: 'no_id_token' });
      authTime = idToken.auth_time;
      issuer = idToken.iss;
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

    if (!identity.emailVerified || !identity.email)
      return this.fail({ reason: 'email_unverified', slackUserId, audit: { subject: identity.subject } });
    // The heart of it: whoever signed in must be the person whose Slack account asked for the link.
    if (normalizedEmail(identity.email) !== slackEmail) {
      return this.fail({
        reason: 'email_mismatch',
        slackUserId,
        audit: { subject: identity.subject, email: identity.email },
      });
    }
    return { ok: true, slackUserId, profile, identity, authTime, stepUp, issuer };
  }

  /**
   * Links the Slack user to the identity the person signed in with, when they confirm on the page (the POSTed
   * one-time token). The requester's Slack e-mail is compared again. A second submission links nothing.
   */
  async confirmLink(token: string | null, requester: RequesterLookup): Promise<ConfirmOutcome> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'unknown_token' };
    const hash = tokenHash(token);
    const found = this.store.findConfirmation(hash, this.opts.now());
    if (found.kind === 'unknown') return { ok: false, reason: 'unknown_token' };
    if (found.kind !== 'pending') return this.failConfirm(found.kind, found.slackUserId);
    const { link } = found;

    const profile = await requester(link.slackUserId);
    if (!profile) return this.failConfirm('slack_unavailable', link.slackUserId);
    const slackEmail = normalizedEmail(profile.email);
    if (slackEmail !== normalizedEmail(link.email)) {
      this.store.spendConfirmation(hash, this.opts.now());
      return this.failConfirm(slackEmail ? 'email_mismatch' : 'no_slack_email', link.slackUserId);
    }

    const linked = this.store.confirmAndLink(hash, this.opts.now(), (l) => ({
      subject: l.subject,
      email: l.email,
      emailVerified: true,
      groups: l.groups.slice(0, 50),
      groupCount: l.groups.length,
      stepUp: l.stepUpAt !== null,
    }));
    if (!linked) {
      // Another submission of the same token got there first, or it expired meanwhile.
      const now = this.store.findConfirmation(hash, this.opts.now());
      return this.failConfirm(now.kind === 'expired' ? 'expired' : 'reused', link.slackUserId);
    }
    return {
      ok: true,
      slackUserId: linked.slackUserId,
      identity: { subject: linked.subject, email: linked.email, emailVerified: true, groups: linked.groups },
      stepUp: linked.stepUpAt !== null,
    };
  }

  /**
   * The Slack user's linked identity while it counts: null when there is none, or when it was verified more than
   * the verification lifetime (OIDC_VERIFICATION_HOURS) ago — then the person must verify again.
   */
  identityOf(slackUserId: string): LinkedIdentity | null {
    const identity = this.store.identityOf(slackUserId);
    if (!identity) return null;
    const age = this.opts.now() - identity.verifiedAt;
    return age >= 0 && age < (this.opts.verificationMs ?? DEFAULT_VERIFICATION_MS) ? identity : null;
  }

  /** Deletes requests and confirmations that expired more than a day ago; returns how many (a periodic job). */
  purgeRequests(): number {
    return this.store.purge(this.opts.now() - REQUEST_RETENTION_MS);
  }

  private fail(f: {
    reason: VerifyFailureReason;
    slackUserId: string;
    detail?: string | undefined;
    audit?: Record<string, unknown>;
  }): Extract<VerifyOutcome, { ok: false }> {
    const now = this.opts.now();
    this.store.auditFailure(
      f.slackUserId,
      { reason: f.reason, ...(f.detail ? { detail: f.detail } : {}), ...f.audit },
      now,
    );
    return { ok: false, reason: f.reason, slackUserId: f.slackUserId, ...(f.detail ? { detail: f.detail } : {}) };
  }

  private failConfirm(reason: Exclude<ConfirmFailureReason, 'unknown_token'>, slackUserId: string): ConfirmOutcome {
    this.store.auditFailure(slackUserId, { reason, step: 'confirm' }, this.opts.now());
    return { ok: false, reason, slackUserId };
  }

  private scopes(config: OpenIdClient.Configuration): string {
    if (this.opts.scopes) {
      const scopes = this.opts.scopes.split(/\s+/).filter(Boolean);
      return (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' ');
    }
    const supported = config.serverMetadata().scopes_supported ?? [];
    return ['openid', 'email', 'profile', ...(supported.includes('groups') ? ['groups'] : [])].join(' ');
  }

  /**
   * Discovery runs once and its result is kept. A failure is kept too, for a back-off that doubles with every
   * failure (5 s up to 5 minutes): meanwhile every caller is told at once that the provider is unavailable, so
   * a burst of requests never becomes a burst of requests to a provider that is down.
   */
  private configuration(): Promise<OpenIdClient.Configuration> {
    if (this.discovered) return Promise.resolve(this.discovered);
    if (this.discovering) return this.discovering;
    if (this.retry && this.opts.now() < this.retry.at)
      return Promise.reject(new SingleSignOnUnavailable(this.retry.code));
    this.discovering = this.discover().then(
      (config) => {
        this.discovered = config;
        this.retry = null;
        this.discovering = null;
        return config;
      },
      (err: unknown) => {
        const code = classify(err).detail;
        const delayMs = this.retry
          ? Math.min(this.retry.delayMs * 2, DISCOVERY_RETRY_MS.max)
          : DISCOVERY_RETRY_MS.first;
        this.retry = { at: this.opts.now() + delayMs, delayMs, code };
        this.discovering = null;
        throw new SingleSignOnUnavailable(code, { cause: err });
      },
    );
    return this.discovering;
  }

  private async discover(): Promise<OpenIdClient.Configuration> {
    await loadOpenIdClient();
    const execute: Array<(c: OpenIdClient.Configuration) => void> = [client.enableNonRepudiationChecks];
    if (this.opts.allowInsecure) execute.push(client.allowInsecureRequests);
    const options: OpenIdClient.DiscoveryRequestOptions = { execute, timeout: this.opts.timeoutSeconds ?? 10 };
    if (this.opts.fetch) options[client.customFetch] = this.opts.fetch;
    return client.discovery(
      new URL(this.opts.issuer),
      this.opts.clientId,
      { client_secret: this.opts.clientSecret },
      client.ClientSecretBasic(this.opts.clientSecret),
      options,
    );
  }
}

/** E-mails are compared trimmed and case-insensitively; an empty one is none. */
export function normalizedEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/**
 * When the person authenticated (ms), if that is recent enough for a step-up: `auth_time` (seconds) at most
 * `max_age` before now, and not in the future, each give or take the clock tolerance. Capped at now.
 */
function freshSignInTime(authTime: unknown, now: number, maxAgeS: number): number | null {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return null;
  const at = authTime * 1000;
  if (now - at > maxAgeS * 1000 + CLOCK_TOLERANCE_MS || at - now > CLOCK_TOLERANCE_MS) return null;
  return Math.min(at, now);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * True when the linked identity proves the reporter owns the kintone account: the provider verified the e-mail
 * and it is the account's e-mail (compared case-insensitively, surrounding spaces ignored).
 */
export function reporterIdentityVerified(
  identity: Pick<LinkedIdentity, 'email' | 'emailVerified'> | null,
  accountEmail: string | null,
): boolean {
  if (!identity?.emailVerified) return false;
  const a = normalizedEmail(identity.email);
  return a !== null && a === normalizedEmail(accountEmail);
}

/**
 * Admin step-up: true when the admin authenticated afresh at the provider for a step-up (prompt=login, auth_time
 * checked) less than `windowMs` ago (and not in the future), and the groups claim of that sign-in holds `group`
 * (exact, case-sensitive: some providers send group ids). A sign-in that only reused a provider session does
 * not count, however recent.
 */
export function adminStepUpSatisfied(
  identity: Pick<LinkedIdentity, 'groups' | 'stepUpAt'> | null,
  p: { group: string; windowMs: number; now: number },
): boolean {
  if (!identity || identity.stepUpAt === null) return false;
  const age = p.now - identity.stepUpAt;
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
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
}

/** Maps what openid-client throws to a reason and a short detail (a code, never a token, value or message text). */
function classify(err: unknown): { reason: 'provider_error' | 'invalid_response'; detail: string } {
  if (client === undefined) return { reason: 'invalid_response', detail: 'unexpected' }; // it could not be loaded
  if (err instanceof client.ResponseBodyError)
    return { reason: 'provider_error', detail: `token_endpoint:${errorCode(err.error)}` };
  if (err instanceof client.AuthorizationResponseError)
    return { reason: 'provider_error', detail: errorCode(err.error) };
  if (err instanceof client.WWWAuthenticateChallengeError)
    return { reason: 'provider_error', detail: 'userinfo_refused' };
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
  if (err instanceof TypeError && !(err as { code?: unknown }).code)
    return { reason: 'provider_error', detail: 'unreachable' };
  return { reason: 'invalid_response', detail: 'unexpected' };
}
