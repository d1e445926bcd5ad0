import { eq } from 'drizzle-orm';
import type { CustomFetch } from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { auditEvents, identities, identityConfirmations, oidcRequests } from '../../../db/schema.js';
import {
  CONFIRM_TTL_MS,
  DEFAULT_VERIFICATION_MS,
  DISCOVERY_RETRY_MS,
  REQUEST_RETENTION_MS,
  REQUEST_TTL_MS,
  STEP_UP_MAX_AGE_S,
  SingleSignOn,
  SingleSignOnUnavailable,
  type RequesterProfile,
  type SingleSignOnOptions,
  type VerifyOutcome,
} from '../../../src/identity/oidc.js';
import { callbackPage } from '../../../src/identity/pages.js';
import {
  ProviderBrowser,
  startOidcProvider,
  type RunningOidcProvider,
  type TestAccount,
} from '../../helpers/oidc-provider.js';

const CLIENT_ID = 'kintone-login';
const CLIENT_SECRET = 'a-client-secret-that-is-long-enough-for-hs256-0123456789';
const REDIRECT = 'http://127.0.0.1:3000/oidc/callback';
const ACCOUNTS: Record<string, TestAccount> = {
  taro: {
    sub: 'sub-taro-0001',
    email: 'Taro.Yamada@example.com',
    email_verified: true,
    groups: ['everyone', 'kintone-admins'],
  },
  hanako: { sub: 'sub-hanako-0002', email: 'hanako@example.com', email_verified: false },
  jiro: { sub: 'sub-jiro-0003', email: 'jiro@example.com', email_verified: true, groups: ['everyone'] },
};

interface Harness {
  db: Db;
  sso: SingleSignOn;
  clock: { t: number };
  /** What Slack says about each requester (users.info); `null`: Slack cannot be asked. Tests change it. */
  slack: Map<string, RequesterProfile | null>;
  lookup: (slackUserId: string) => Promise<RequesterProfile | null>;
  /** Every token endpoint response body the client received (to prove none of it is stored). */
  tokenResponses: Array<Record<string, unknown>>;
  /** Every URL the client asked the provider for. */
  fetched: string[];
}

function harness(provider: RunningOidcProvider, extra: Partial<SingleSignOnOptions> = {}): Harness {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const clock = { t: Date.UTC(2030, 0, 15, 1, 0, 0) };
  const tokenResponses: Array<Record<string, unknown>> = [];
  const fetched: string[] = [];
  const observe: CustomFetch = async (url, options) => {
    fetched.push(url);
    const response = await fetch(url, options as RequestInit);
    if (new URL(url).pathname.endsWith('/token'))
      tokenResponses.push((await response.clone().json()) as Record<string, unknown>);
    return response;
  };
  const sso = new SingleSignOn({
    db,
    issuer: provider.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrl: REDIRECT,
    now: () => clock.t,
    allowInsecure: true,
    fetch: observe,
    ...extra,
  });
  // Slack's e-mails differ from the provider's in case and spaces only: compared normalised.
  const slack = new Map<string, RequesterProfile | null>([
    ['U_TARO', { email: ' taro.yamada@EXAMPLE.com', name: 'Yamada Taro' }],
    ['U_HANAKO', { email: 'hanako@example.com', name: 'Hanako' }],
    ['U_JIRO', { email: 'jiro@example.com', name: 'Jiro' }],
  ]);
  const lookup = async (id: string) =>
    slack.has(id) ? slack.get(id)! : { email: `${id.toLowerCase()}@example.com`, name: id };
  return { db, sso, clock, slack, lookup, tokenResponses, fetched };
}

function audits(db: Db) {
  return db
    .select()
    .from(auditEvents)
    .all()
    .map((a) => ({
      type: a.type,
      actor: a.actorSlackId,
      data: JSON.parse(a.data) as Record<string, unknown>,
      at: a.createdAt,
    }));
}

function everyRow(db: Db): string {
  return JSON.stringify([
    db.select().from(oidcRequests).all(),
    db.select().from(identityConfirmations).all(),
    db.select().from(identities).all(),
    db.select().from(auditEvents).all(),
  ]);
}

function tokenOf(outcome: VerifyOutcome): string {
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.reason} ${outcome.detail ?? ''}`);
  return outcome.confirmToken;
}

describe('single sign-on against a real OpenID provider (claims in the ID token)', () => {
  let provider: RunningOidcProvider;
  let h: Harness;

  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT,
      accounts: ACCOUNTS,
    });
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(() => {
    h = harness(provider);
  });

  /** Start → sign in at the provider as `login` → callback; the outcome of the callback. */
  const signIn = async (
    slackUserId: string,
    login: string,
    opts: { stepUp?: boolean; browser?: ProviderBrowser } = {},
  ) => {
    const { url } = await h.sso.startVerification(slackUserId, { stepUp: opts.stepUp ?? false });
    const callback = await provider.loginThrough(url, login, opts.browser ? { browser: opts.browser } : {});
    return h.sso.completeVerification(callback, h.lookup);
  };

  it('links the Slack user only once the person confirms: e-mail and groups stored, audited', async () => {
    const { url, expiresAt } = await h.sso.startVerification('U_TARO');
    expect(expiresAt).toBe(h.clock.t + REQUEST_TTL_MS);
    const auth = new URL(url);
    expect(auth.searchParams.get('scope')).toBe('openid email profile groups');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(auth.searchParams.get('prompt')).toBeNull();
    expect(Buffer.from(auth.searchParams.get('state')!, 'base64url').length).toBeGreaterThanOrEqual(16);

    const callback = await provider.loginThrough(url, 'taro');
    expect(callback.searchParams.get('code')).toBeTruthy();
    h.clock.t += 60_000;
    const outcome = await h.sso.completeVerification(callback, h.lookup);
    expect(outcome).toEqual({
      ok: true,
      slackUserId: 'U_TARO',
      slackName: 'Yamada Taro',
      identity: {
        subject: 'sub-taro-0001',
        email: 'Taro.Yamada@example.com',
        emailVerified: true,
        groups: ['everyone', 'kintone-admins'],
      },
      stepUp: false,
      confirmToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      confirmExpiresAt: h.clock.t + CONFIRM_TTL_MS,
    });
    // Nothing is linked by the redirect alone.
    expect(h.sso.identityOf('U_TARO')).toBeNull();
    expect(audits(h.db)).toEqual([]);

    h.clock.t += 30_000;
    expect(await h.sso.confirmLink(tokenOf(outcome), h.lookup)).toEqual({
      ok: true,
      slackUserId: 'U_TARO',
      identity: {
        subject: 'sub-taro-0001',
        email: 'Taro.Yamada@example.com',
        emailVerified: true,
        groups: ['everyone', 'kintone-admins'],
      },
      stepUp: false,
    });
    expect(h.sso.identityOf('U_TARO')).toEqual({
      subject: 'sub-taro-0001',
      email: 'Taro.Yamada@example.com',
      emailVerified: true,
      groups: ['everyone', 'kintone-admins'],
      verifiedAt: h.clock.t,
      stepUpAt: null,
    });
    expect(h.sso.identityOf('U_OTHER')).toBeNull();
    expect(audits(h.db)).toEqual([
      {
        type: 'identity.verified',
        actor: 'U_TARO',
        data: {
          subject: 'sub-taro-0001',
          email: 'Taro.Yamada@example.com',
          emailVerified: true,
          groups: ['everyone', 'kintone-admins'],
          groupCount: 2,
          stepUp: false,
        },
        at: h.clock.t,
      },
    ]);
    expect(provider.serverErrors).toEqual([]);
  });

  it("links nothing when someone else signs in with the link: their verified e-mail is not the requester's Slack e-mail", async () => {
    const outcome = await signIn('U_TARO', 'jiro');
    expect(outcome).toEqual({ ok: false, reason: 'email_mismatch', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
    expect(audits(h.db)).toEqual([
      {
        type: 'identity.verification_failed',
        actor: 'U_TARO',
        data: { reason: 'email_mismatch', subject: 'sub-jiro-0003', email: 'jiro@example.com' },
        at: h.clock.t,
      },
    ]);
    // The page the colleague sees names neither the requester's Slack account nor their e-mail.
    const page = callbackPage(outcome, 'en');
    expect(page.status).toBe(400);
    expect(page.html).not.toMatch(/U_TARO|Yamada|taro\.yamada/i);
  });

  it('links nothing when the provider has not verified the e-mail', async () => {
    expect(await signIn('U_HANAKO', 'hanako')).toEqual({
      ok: false,
      reason: 'email_unverified',
      slackUserId: 'U_HANAKO',
    });
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  it('links nothing when the requester has no Slack e-mail to compare with', async () => {
    h.slack.set('U_TARO', { email: null, name: 'Yamada Taro' });
    expect(await signIn('U_TARO', 'taro')).toEqual({ ok: false, reason: 'no_slack_email', slackUserId: 'U_TARO' });
    expect(h.tokenResponses).toEqual([]); // the code was not even exchanged
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  it('links nothing while Slack cannot be asked, and the same callback completes once Slack answers', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    h.slack.set('U_TARO', null);
    expect(await h.sso.completeVerification(callback, h.lookup)).toEqual({
      ok: false,
      reason: 'slack_unavailable',
      slackUserId: 'U_TARO',
    });
    expect(h.db.select().from(oidcRequests).get()!.usedAt).toBeNull();
    h.slack.set('U_TARO', { email: 'taro.yamada@example.com', name: 'Yamada Taro' });
    expect(await h.sso.completeVerification(callback, h.lookup)).toMatchObject({ ok: true, slackUserId: 'U_TARO' });
  });

  it('refuses a confirmation with a missing, malformed or unknown token without an audit row', async () => {
    await signIn('U_TARO', 'taro');
    for (const token of [null, '', 'short', 'x'.repeat(43), `${'A'.repeat(42)}=`]) {
      expect(await h.sso.confirmLink(token, h.lookup)).toEqual({ ok: false, reason: 'unknown_token' });
    }
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(audits(h.db)).toEqual([]);
  });

  it('confirms once: a replayed confirmation links nothing more', async () => {
    const token = tokenOf(await signIn('U_TARO', 'taro'));
    expect((await h.sso.confirmLink(token, h.lookup)).ok).toBe(true);
    const linked = h.db.select().from(identities).all();
    h.clock.t += 1000;
    expect(await h.sso.confirmLink(token, h.lookup)).toEqual({ ok: false, reason: 'reused', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual(linked);
    expect(audits(h.db).map((a) => [a.type, a.data.reason])).toEqual([
      ['identity.verified', undefined],
      ['identity.verification_failed', 'reused'],
    ]);
  });

  it('lets only one of two simultaneous confirmations link', async () => {
    const token = tokenOf(await signIn('U_TARO', 'taro'));
    const outcomes = await Promise.all([h.sso.confirmLink(token, h.lookup), h.sso.confirmLink(token, h.lookup)]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason)).sort()).toEqual(['ok', 'reused']);
    expect(audits(h.db).filter((a) => a.type === 'identity.verified')).toHaveLength(1);
  });

  it('refuses a confirmation after it expired', async () => {
    const token = tokenOf(await signIn('U_TARO', 'taro'));
    h.clock.t += CONFIRM_TTL_MS;
    expect(await h.sso.confirmLink(token, h.lookup)).toEqual({ ok: false, reason: 'expired', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual([]);
  });

  it('checks the Slack e-mail again at the confirmation', async () => {
    const token = tokenOf(await signIn('U_TARO', 'taro'));
    h.slack.set('U_TARO', { email: 'someone.else@example.com', name: 'Yamada Taro' });
    expect(await h.sso.confirmLink(token, h.lookup)).toEqual({
      ok: false,
      reason: 'email_mismatch',
      slackUserId: 'U_TARO',
    });
    h.slack.set('U_TARO', { email: 'taro.yamada@example.com', name: 'Yamada Taro' });
    expect(await h.sso.confirmLink(token, h.lookup)).toMatchObject({ ok: false, reason: 'reused' }); // spent by the refusal
    expect(h.db.select().from(identities).all()).toEqual([]);
  });

  it('keeps no token, code, PKCE verifier, nonce or confirmation token in any table after the flow', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const pending = h.db.select().from(oidcRequests).get()!;
    expect(pending.codeVerifier).toBeTruthy();
    expect(pending.nonce).toBeTruthy();
    const callback = await provider.loginThrough(url, 'taro');
    const token = tokenOf(await h.sso.completeVerification(callback, h.lookup));
    expect((await h.sso.confirmLink(token, h.lookup)).ok).toBe(true);

    // A failed flow too (the link is denied at the provider).
    const denied = await h.sso.startVerification('U_HANAKO');
    const deniedRow = h.db
      .select()
      .from(oidcRequests)
      .where(eq(oidcRequests.state, new URL(denied.url).searchParams.get('state')!))
      .get()!;
    await h.sso.completeVerification(await provider.loginThrough(denied.url, 'hanako', { deny: true }), h.lookup);

    expect(h.tokenResponses).toHaveLength(1);
    const tokens = h.tokenResponses[0]!;
    expect(tokens.access_token).toEqual(expect.any(String));
    const secrets = [
      pending.codeVerifier!,
      pending.nonce!,
      deniedRow.codeVerifier!,
      deniedRow.nonce!,
      callback.searchParams.get('code')!,
      tokens.access_token as string,
      tokens.id_token as string,
      ...(typeof tokens.refresh_token === 'string' ? [tokens.refresh_token] : []),
      CLIENT_SECRET,
      token,
    ];
    const dump = everyRow(h.db);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    for (const row of h.db.select().from(oidcRequests).all()) {
      expect(row.codeVerifier).toBeNull();
      expect(row.nonce).toBeNull();
      expect(row.usedAt).not.toBeNull();
    }
  });

  it('refuses an expired link: nothing linked, the request secrets erased, an audit row', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    h.clock.t += REQUEST_TTL_MS;
    const outcome = await h.sso.completeVerification(callback, h.lookup);
    expect(outcome).toEqual({ ok: false, reason: 'expired', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(h.tokenResponses).toEqual([]); // the code was never exchanged
    const row = h.db.select().from(oidcRequests).get()!;
    expect([row.codeVerifier, row.nonce]).toEqual([null, null]);
    expect(audits(h.db)).toEqual([
      { type: 'identity.verification_failed', actor: 'U_TARO', data: { reason: 'expired' }, at: h.clock.t },
    ]);
    expect(callbackPage(outcome, 'en').status).toBe(400);
    // Still "expired" when clicked again.
    expect(await h.sso.completeVerification(callback, h.lookup)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('accepts a link used just before it expires', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    h.clock.t += REQUEST_TTL_MS - 1;
    expect(await h.sso.completeVerification(callback, h.lookup)).toMatchObject({ ok: true });
  });

  it('refuses a reused link and changes nothing', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    expect((await h.sso.completeVerification(callback, h.lookup)).ok).toBe(true);
    const confirmations = h.db.select().from(identityConfirmations).all();
    const requests = h.db.select().from(oidcRequests).all();

    h.clock.t += 1000;
    const again = await h.sso.completeVerification(callback, h.lookup);
    expect(again).toEqual({ ok: false, reason: 'reused', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identityConfirmations).all()).toEqual(confirmations);
    expect(h.db.select().from(oidcRequests).all()).toEqual(requests);
    expect(h.tokenResponses).toHaveLength(1);
    expect(audits(h.db).map((a) => [a.type, a.data.reason])).toEqual([['identity.verification_failed', 'reused']]);
  });

  it('lets only one of two simultaneous callbacks with the same state through', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    const outcomes = await Promise.all([
      h.sso.completeVerification(callback, h.lookup),
      h.sso.completeVerification(new URL(callback), h.lookup),
    ]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason)).sort()).toEqual(['ok', 'reused']);
    expect(h.tokenResponses).toHaveLength(1);
  });

  it('answers a tampered, missing or unknown state from the database alone: no audit row, no request to the provider', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    const before = h.fetched.length;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expect(await h.sso.completeVerification(tampered, h.lookup)).toEqual({ ok: false, reason: 'unknown_state' });
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    expect(await h.sso.completeVerification(missing, h.lookup)).toEqual({ ok: false, reason: 'unknown_state' });
    expect(await h.sso.completeVerification(new URL(`${REDIRECT}?error=access_denied`), h.lookup)).toEqual({
      ok: false,
      reason: 'provider_error',
      detail: 'access_denied',
    });
    expect(await h.sso.completeVerification(new URL(`${REDIRECT}?state=${'s'.repeat(300)}&code=x`), h.lookup)).toEqual({
      ok: false,
      reason: 'unknown_state',
    });

    expect(h.fetched.length).toBe(before);
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(h.db.select().from(oidcRequests).get()!.usedAt).toBeNull();
    expect(audits(h.db)).toEqual([]);
    // The genuine callback still works.
    expect(await h.sso.completeVerification(callback, h.lookup)).toMatchObject({ ok: true, slackUserId: 'U_TARO' });
  });

  it('fails a nonce mismatch as invalid_response and links nothing', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const state = new URL(url).searchParams.get('state')!;
    h.db
      .update(oidcRequests)
      .set({ nonce: 'a-nonce-the-provider-never-saw' })
      .where(eq(oidcRequests.state, state))
      .run();
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'taro'), h.lookup);
    expect(outcome).toEqual({
      ok: false,
      reason: 'invalid_response',
      slackUserId: 'U_TARO',
      detail: 'claim_mismatch:nonce',
    });
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
    expect(audits(h.db)).toEqual([
      {
        type: 'identity.verification_failed',
        actor: 'U_TARO',
        data: { reason: 'invalid_response', detail: 'claim_mismatch:nonce' },
        at: h.clock.t,
      },
    ]);
    expect(everyRow(h.db)).not.toContain('a-nonce-the-provider-never-saw');
    expect(callbackPage(outcome, 'ja').status).toBe(400);
  });

  it('fails an ID token whose claims were altered in transit (signature check)', async () => {
    const forge: CustomFetch = async (url, options) => {
      const response = await fetch(url, options as RequestInit);
      if (!new URL(url).pathname.endsWith('/token')) return response;
      const body = (await response.json()) as { id_token: string };
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      claims.groups = ['kintone-admins', 'domain-admins'];
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      return new Response(JSON.stringify(body), {
        status: response.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    };
    const forged = harness(provider, { fetch: forge });
    const { url } = await forged.sso.startVerification('U_JIRO');
    const outcome = await forged.sso.completeVerification(await provider.loginThrough(url, 'jiro'), forged.lookup);
    expect(outcome).toEqual({ ok: false, reason: 'invalid_response', slackUserId: 'U_JIRO', detail: 'bad_signature' });
    expect(forged.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  it('fails a callback whose issuer parameter names another provider', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    callback.searchParams.set('iss', 'https://idp.attacker.example');
    expect(await h.sso.completeVerification(callback, h.lookup)).toEqual({
      ok: false,
      reason: 'invalid_response',
      slackUserId: 'U_TARO',
      detail: 'issuer_mismatch',
    });
    expect(h.tokenResponses).toEqual([]);
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  it('reports a code the provider refuses as a provider error', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    callback.searchParams.set('code', 'not-a-code-the-provider-issued');
    expect(await h.sso.completeVerification(callback, h.lookup)).toEqual({
      ok: false,
      reason: 'provider_error',
      slackUserId: 'U_TARO',
      detail: 'token_endpoint:invalid_grant',
    });
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  it('reports a sign-in denied at the provider, and the link is then used up', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro', { deny: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const outcome = await h.sso.completeVerification(callback, h.lookup);
    expect(outcome).toEqual({ ok: false, reason: 'provider_error', slackUserId: 'U_TARO', detail: 'access_denied' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(audits(h.db)).toEqual([
      {
        type: 'identity.verification_failed',
        actor: 'U_TARO',
        data: { reason: 'provider_error', detail: 'access_denied' },
        at: h.clock.t,
      },
    ]);
    expect(callbackPage(outcome, 'en')).toMatchObject({
      status: 400,
      html: expect.stringContaining('Sign-in was cancelled'),
    });
    expect(await h.sso.completeVerification(callback, h.lookup)).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('keeps only a short code from an error= callback, never its description', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const state = new URL(url).searchParams.get('state')!;
    const crafted = new URL(
      `${REDIRECT}?error=access_denied&error_description=${encodeURIComponent('<script>alert(1)</script>')}&state=${state}`,
    );
    expect(await h.sso.completeVerification(crafted, h.lookup)).toEqual({
      ok: false,
      reason: 'provider_error',
      slackUserId: 'U_TARO',
      detail: 'access_denied',
    });

    const odd = await h.sso.startVerification('U_TARO');
    const weird = new URL(
      `${REDIRECT}?error=${encodeURIComponent('<b>not a code</b>')}&state=${new URL(odd.url).searchParams.get('state')}`,
    );
    expect(await h.sso.completeVerification(weird, h.lookup)).toMatchObject({
      ok: false,
      reason: 'provider_error',
      detail: 'other',
    });
    expect(everyRow(h.db)).not.toContain('script');
    expect(everyRow(h.db)).not.toContain('<b>');
  });

  it('re-verifying replaces the linked identity and its time', async () => {
    await h.sso.confirmLink(tokenOf(await signIn('U_TARO', 'taro')), h.lookup);
    h.clock.t += 3_600_000;
    h.slack.set('U_TARO', { email: 'jiro@example.com', name: 'Yamada Taro' }); // say the Slack e-mail was corrected
    await h.sso.confirmLink(tokenOf(await signIn('U_TARO', 'jiro')), h.lookup);
    expect(h.sso.identityOf('U_TARO')).toEqual({
      subject: 'sub-jiro-0003',
      email: 'jiro@example.com',
      emailVerified: true,
      groups: ['everyone'],
      verifiedAt: h.clock.t,
      stepUpAt: null,
    });
    expect(h.db.select().from(identities).all()).toHaveLength(1);
  });

  it('stops counting a verification once its lifetime has passed', async () => {
    await h.sso.confirmLink(tokenOf(await signIn('U_TARO', 'taro')), h.lookup);
    const verifiedAt = h.clock.t;
    h.clock.t = verifiedAt + DEFAULT_VERIFICATION_MS - 1;
    expect(h.sso.identityOf('U_TARO')).not.toBeNull();
    h.clock.t = verifiedAt + DEFAULT_VERIFICATION_MS;
    expect(h.sso.identityOf('U_TARO')).toBeNull();
    expect(h.db.select().from(identities).all()).toHaveLength(1); // kept, but no longer counts

    const short = harness(provider, { verificationMs: 60 * 60_000 });
    short.clock.t = h.clock.t;
    const { url } = await short.sso.startVerification('U_TARO');
    const outcome = await short.sso.completeVerification(await provider.loginThrough(url, 'taro'), short.lookup);
    await short.sso.confirmLink(tokenOf(outcome), short.lookup);
    short.clock.t += 60 * 60_000;
    expect(short.sso.identityOf('U_TARO')).toBeNull();
  });

  it('caches discovery, and after a failure waits (doubling) before asking the provider again', async () => {
    let down = true;
    const discoveries: string[] = [];
    const flaky: CustomFetch = async (url, options) => {
      if (new URL(url).pathname.includes('.well-known')) discoveries.push(url);
      if (down) throw new TypeError('fetch failed');
      return fetch(url, options as RequestInit);
    };
    const f = harness(provider, { fetch: flaky });
    await expect(f.sso.startVerification('U_TARO')).rejects.toBeInstanceOf(SingleSignOnUnavailable);
    expect(discoveries).toHaveLength(1);
    for (let i = 0; i < 20; i++)
      await expect(f.sso.startVerification('U_TARO')).rejects.toMatchObject({ code: 'unreachable' });
    expect(discoveries).toHaveLength(1);
    expect(f.db.select().from(oidcRequests).all()).toEqual([]);

    f.clock.t += DISCOVERY_RETRY_MS.first;
    await expect(f.sso.startVerification('U_TARO')).rejects.toBeInstanceOf(SingleSignOnUnavailable);
    expect(discoveries).toHaveLength(2);
    f.clock.t += DISCOVERY_RETRY_MS.first; // the second wait is twice as long
    await expect(f.sso.startVerification('U_TARO')).rejects.toBeInstanceOf(SingleSignOnUnavailable);
    expect(discoveries).toHaveLength(2);

    down = false;
    f.clock.t += DISCOVERY_RETRY_MS.first;
    const { url } = await f.sso.startVerification('U_TARO');
    expect(discoveries).toHaveLength(3);
    expect(await f.sso.completeVerification(await provider.loginThrough(url, 'taro'), f.lookup)).toMatchObject({
      ok: true,
    });
    await f.sso.startVerification('U_TARO');
    expect(discoveries).toHaveLength(3); // kept once it worked
  });

  it('answers a callback with a live state while discovery is backing off without asking the provider, and the link stays usable', async () => {
    let down = false;
    const flaky: CustomFetch = async (url, options) => {
      if (down) throw new TypeError('fetch failed');
      return fetch(url, options as RequestInit);
    };
    const f = harness(provider, { fetch: flaky });
    const { url } = await f.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    // A fresh instance (a restart) has no discovery cached, and the provider is down.
    const restarted = new SingleSignOn({
      db: f.db,
      issuer: provider.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUrl: REDIRECT,
      now: () => f.clock.t,
      allowInsecure: true,
      fetch: flaky,
    });
    down = true;
    expect(await restarted.completeVerification(callback, f.lookup)).toEqual({
      ok: false,
      reason: 'provider_error',
      slackUserId: 'U_TARO',
      detail: 'discovery:unreachable',
    });
    down = false;
    f.clock.t += DISCOVERY_RETRY_MS.first;
    expect(await restarted.completeVerification(callback, f.lookup)).toMatchObject({ ok: true });
  });

  it('purges requests and confirmations a day after they expired', async () => {
    await signIn('U_TARO', 'taro');
    h.clock.t += REQUEST_TTL_MS + REQUEST_RETENTION_MS - 1;
    expect(h.sso.purgeRequests()).toBe(0);
    h.clock.t += 2;
    expect(h.sso.purgeRequests()).toBe(2);
    expect(h.db.select().from(oidcRequests).all()).toEqual([]);
    expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
  });

  describe('admin step-up (the provider runs on the wall clock: so does this clock here)', () => {
    beforeEach(() => {
      h.clock.t = Date.now();
    });

    it('asks for a fresh sign-in even when the browser has a provider session, and records when it happened', async () => {
      const browser = new ProviderBrowser();
      await h.sso.confirmLink(tokenOf(await signIn('U_TARO', 'taro', { browser })), h.lookup);
      expect(browser.prompts).toContain('login');
      expect(h.sso.identityOf('U_TARO')!.stepUpAt).toBeNull();

      // Same browser, ordinary link: the provider session is reused, no password asked.
      browser.prompts.length = 0;
      await signIn('U_TARO', 'taro', { browser });
      expect(browser.prompts).not.toContain('login');

      browser.prompts.length = 0;
      const { url } = await h.sso.startVerification('U_TARO', { stepUp: true });
      expect(new URL(url).searchParams.get('prompt')).toBe('login');
      expect(new URL(url).searchParams.get('max_age')).toBe(String(STEP_UP_MAX_AGE_S));
      const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'taro', { browser }), h.lookup);
      expect(browser.prompts).toContain('login');
      expect(outcome).toMatchObject({ ok: true, stepUp: true });
      expect(await h.sso.confirmLink(tokenOf(outcome), h.lookup)).toMatchObject({ ok: true, stepUp: true });
      const stepUpAt = h.sso.identityOf('U_TARO')!.stepUpAt!;
      expect(Math.abs(stepUpAt - h.clock.t)).toBeLessThan(60_000);
      expect(audits(h.db).at(-1)!.data.stepUp).toBe(true);
    });

    it("refuses a step-up whose auth_time is older than max_age by this server's clock", async () => {
      const { url } = await h.sso.startVerification('U_TARO', { stepUp: true });
      const callback = await provider.loginThrough(url, 'taro');
      h.clock.t += STEP_UP_MAX_AGE_S * 1000 + 2 * 60_000; // the sign-in is now 7 minutes old
      const outcome = await h.sso.completeVerification(callback, h.lookup);
      expect(outcome).toEqual({
        ok: false,
        reason: 'stale_sign_in',
        slackUserId: 'U_TARO',
        detail: 'auth_time_too_old',
      });
      expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
      expect(callbackPage(outcome, 'en').status).toBe(400);
    });

    it('refuses a step-up whose ID token has no auth_time', async () => {
      const { url } = await h.sso.startVerification('U_TARO', { stepUp: true });
      // A provider that ignores prompt and max_age sends no auth_time (the provider signs its tokens, so the
      // claim cannot be stripped in transit): played by leaving both out of the request it gets.
      const ignored = new URL(url);
      ignored.searchParams.delete('max_age');
      ignored.searchParams.delete('prompt');
      const outcome = await h.sso.completeVerification(await provider.loginThrough(ignored.href, 'taro'), h.lookup);
      expect(outcome).toEqual({ ok: false, reason: 'stale_sign_in', slackUserId: 'U_TARO', detail: 'no_auth_time' });
      expect(h.db.select().from(identityConfirmations).all()).toEqual([]);
    });
  });
});

describe('single sign-on when the provider keeps the claims in userinfo', () => {
  let provider: RunningOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT,
      accounts: ACCOUNTS,
      claimsIn: 'userinfo',
    });
  });
  afterAll(async () => {
    await provider.close();
  });

  it('takes e-mail, e-mail verification and groups from userinfo when the ID token has only sub', async () => {
    const h = harness(provider);
    const { url } = await h.sso.startVerification('U_TARO');
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'taro'), h.lookup);
    expect(outcome).toMatchObject({
      ok: true,
      slackUserId: 'U_TARO',
      identity: {
        subject: 'sub-taro-0001',
        email: 'Taro.Yamada@example.com',
        emailVerified: true,
        groups: ['everyone', 'kintone-admins'],
      },
    });
    const idToken = h.tokenResponses[0]!.id_token as string;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.groups).toBeUndefined(); // so the groups above really came from userinfo
    expect(everyRow(h.db)).not.toContain(h.tokenResponses[0]!.access_token as string);
  });

  it('requests exactly the configured scopes when given', async () => {
    const h = harness(provider, { scopes: 'email' });
    const { url } = await h.sso.startVerification('U_JIRO');
    expect(new URL(url).searchParams.get('scope')).toBe('openid email');
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'jiro'), h.lookup);
    expect(outcome).toMatchObject({
      ok: true,
      slackUserId: 'U_JIRO',
      identity: { subject: 'sub-jiro-0003', email: 'jiro@example.com', emailVerified: true, groups: [] },
    });
  });
});
