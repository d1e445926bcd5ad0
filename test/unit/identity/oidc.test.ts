import { eq } from 'drizzle-orm';
import type { CustomFetch } from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { auditEvents, identities, oidcRequests } from '../../../db/schema.js';
import { REQUEST_RETENTION_MS, REQUEST_TTL_MS, SingleSignOn, SingleSignOnUnavailable, type SingleSignOnOptions } from '../../../src/identity/oidc.js';
import { callbackPage } from '../../../src/identity/pages.js';
import { startOidcProvider, type RunningOidcProvider, type TestAccount } from '../../helpers/oidc-provider.js';

const CLIENT_ID = 'kintone-login';
const CLIENT_SECRET = 'a-client-secret-that-is-long-enough-for-hs256-0123456789';
const REDIRECT = 'http://127.0.0.1:3000/oidc/callback';
const ACCOUNTS: Record<string, TestAccount> = {
  taro: { sub: 'sub-taro-0001', email: 'Taro.Yamada@example.com', email_verified: true, groups: ['everyone', 'kintone-admins'] },
  hanako: { sub: 'sub-hanako-0002', email: 'hanako@example.com', email_verified: false },
};

interface Harness {
  db: Db;
  sso: SingleSignOn;
  clock: { t: number };
  /** Every token endpoint response body the client received (to prove none of it is stored). */
  tokenResponses: Array<Record<string, unknown>>;
}

function harness(provider: RunningOidcProvider, extra: Partial<SingleSignOnOptions> = {}): Harness {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const clock = { t: Date.UTC(2030, 0, 15, 1, 0, 0) };
  const tokenResponses: Array<Record<string, unknown>> = [];
  const observe: CustomFetch = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (new URL(url).pathname.endsWith('/token')) tokenResponses.push((await response.clone().json()) as Record<string, unknown>);
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
  return { db, sso, clock, tokenResponses };
}

function audits(db: Db) {
  return db
    .select()
    .from(auditEvents)
    .all()
    .map((a) => ({ type: a.type, actor: a.actorSlackId, data: JSON.parse(a.data) as Record<string, unknown>, at: a.createdAt }));
}

function everyRow(db: Db): string {
  return JSON.stringify([db.select().from(oidcRequests).all(), db.select().from(identities).all(), db.select().from(auditEvents).all()]);
}

describe('single sign-on against a real OpenID provider (claims in the ID token)', () => {
  let provider: RunningOidcProvider;
  let h: Harness;

  beforeAll(async () => {
    provider = await startOidcProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT, accounts: ACCOUNTS });
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(() => {
    h = harness(provider);
  });

  it('links the Slack user to the identity with e-mail and groups, and audits it', async () => {
    const { url, expiresAt } = await h.sso.startVerification('U_TARO');
    expect(expiresAt).toBe(h.clock.t + REQUEST_TTL_MS);
    const auth = new URL(url);
    expect(auth.searchParams.get('scope')).toBe('openid email profile groups');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(Buffer.from(auth.searchParams.get('state')!, 'base64url').length).toBeGreaterThanOrEqual(16);

    const callback = await provider.loginThrough(url, 'taro');
    expect(callback.searchParams.get('code')).toBeTruthy();
    h.clock.t += 60_000;
    const outcome = await h.sso.completeVerification(callback);

    expect(outcome).toEqual({
      ok: true,
      slackUserId: 'U_TARO',
      identity: { subject: 'sub-taro-0001', email: 'Taro.Yamada@example.com', emailVerified: true, groups: ['everyone', 'kintone-admins'] },
    });
    expect(h.sso.identityOf('U_TARO')).toEqual({
      subject: 'sub-taro-0001',
      email: 'Taro.Yamada@example.com',
      emailVerified: true,
      groups: ['everyone', 'kintone-admins'],
      verifiedAt: h.clock.t,
    });
    expect(h.sso.identityOf('U_OTHER')).toBeNull();
    expect(audits(h.db)).toEqual([
      {
        type: 'identity.verified',
        actor: 'U_TARO',
        data: { subject: 'sub-taro-0001', email: 'Taro.Yamada@example.com', emailVerified: true, groups: ['everyone', 'kintone-admins'], groupCount: 2 },
        at: h.clock.t,
      },
    ]);
    expect(provider.serverErrors).toEqual([]);
  });

  it('keeps no token, code, PKCE verifier or nonce in any table after the flow', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const pending = h.db.select().from(oidcRequests).get()!;
    expect(pending.codeVerifier).toBeTruthy();
    expect(pending.nonce).toBeTruthy();
    const callback = await provider.loginThrough(url, 'taro');
    expect((await h.sso.completeVerification(callback)).ok).toBe(true);

    // A failed flow too (the link is denied at the provider).
    const denied = await h.sso.startVerification('U_HANAKO');
    const deniedRow = h.db.select().from(oidcRequests).where(eq(oidcRequests.state, new URL(denied.url).searchParams.get('state')!)).get()!;
    await h.sso.completeVerification(await provider.loginThrough(denied.url, 'hanako', { deny: true }));

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
    const outcome = await h.sso.completeVerification(callback);
    expect(outcome).toEqual({ ok: false, reason: 'expired', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(h.tokenResponses).toEqual([]); // the code was never exchanged
    const row = h.db.select().from(oidcRequests).get()!;
    expect([row.codeVerifier, row.nonce]).toEqual([null, null]);
    expect(audits(h.db)).toEqual([{ type: 'identity.verification_failed', actor: 'U_TARO', data: { reason: 'expired' }, at: h.clock.t }]);
    expect(callbackPage(outcome, 'en').status).toBe(400);
    // Still "expired" when clicked again.
    expect(await h.sso.completeVerification(callback)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('accepts a link used just before it expires', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    h.clock.t += REQUEST_TTL_MS - 1;
    expect(await h.sso.completeVerification(callback)).toMatchObject({ ok: true });
  });

  it('refuses a reused link and changes nothing', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    expect((await h.sso.completeVerification(callback)).ok).toBe(true);
    const linked = h.db.select().from(identities).all();
    const requests = h.db.select().from(oidcRequests).all();

    h.clock.t += 1000;
    const again = await h.sso.completeVerification(callback);
    expect(again).toEqual({ ok: false, reason: 'reused', slackUserId: 'U_TARO' });
    expect(h.db.select().from(identities).all()).toEqual(linked);
    expect(h.db.select().from(oidcRequests).all()).toEqual(requests);
    expect(h.tokenResponses).toHaveLength(1);
    expect(audits(h.db).map((a) => [a.type, a.data.reason])).toEqual([
      ['identity.verified', undefined],
      ['identity.verification_failed', 'reused'],
    ]);
  });

  it('lets only one of two simultaneous callbacks with the same state through', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    const outcomes = await Promise.all([h.sso.completeVerification(callback), h.sso.completeVerification(new URL(callback))]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason)).sort()).toEqual(['ok', 'reused']);
    expect(h.tokenResponses).toHaveLength(1);
  });

  it('refuses a tampered or missing state without touching the real request', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expect(await h.sso.completeVerification(tampered)).toEqual({ ok: false, reason: 'unknown_state' });
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    expect(await h.sso.completeVerification(missing)).toEqual({ ok: false, reason: 'unknown_state' });

    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(h.db.select().from(oidcRequests).get()!.usedAt).toBeNull();
    expect(audits(h.db)).toEqual([
      { type: 'identity.verification_failed', actor: null, data: { reason: 'unknown_state' }, at: h.clock.t },
      { type: 'identity.verification_failed', actor: null, data: { reason: 'unknown_state' }, at: h.clock.t },
    ]);
    // The genuine callback still works.
    expect(await h.sso.completeVerification(callback)).toMatchObject({ ok: true, slackUserId: 'U_TARO' });
  });

  it('fails a nonce mismatch as invalid_response and links nothing', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const state = new URL(url).searchParams.get('state')!;
    h.db.update(oidcRequests).set({ nonce: 'a-nonce-the-provider-never-saw' }).where(eq(oidcRequests.state, state)).run();
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'taro'));
    expect(outcome).toEqual({ ok: false, reason: 'invalid_response', slackUserId: 'U_TARO', detail: 'claim_mismatch:nonce' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(audits(h.db)).toEqual([
      { type: 'identity.verification_failed', actor: 'U_TARO', data: { reason: 'invalid_response', detail: 'claim_mismatch:nonce' }, at: h.clock.t },
    ]);
    expect(everyRow(h.db)).not.toContain('a-nonce-the-provider-never-saw');
    expect(callbackPage(outcome, 'ja').status).toBe(502);
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
      return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
    };
    const forged = harness(provider, { fetch: forge });
    const { url } = await forged.sso.startVerification('U_HANAKO');
    const outcome = await forged.sso.completeVerification(await provider.loginThrough(url, 'hanako'));
    expect(outcome).toEqual({ ok: false, reason: 'invalid_response', slackUserId: 'U_HANAKO', detail: 'bad_signature' });
    expect(forged.db.select().from(identities).all()).toEqual([]);
  });

  it('fails a callback whose issuer parameter names another provider', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    callback.searchParams.set('iss', 'https://idp.attacker.example');
    expect(await h.sso.completeVerification(callback)).toEqual({ ok: false, reason: 'invalid_response', slackUserId: 'U_TARO', detail: 'issuer_mismatch' });
    expect(h.tokenResponses).toEqual([]);
    expect(h.db.select().from(identities).all()).toEqual([]);
  });

  it('reports a code the provider refuses as a provider error', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro');
    callback.searchParams.set('code', 'not-a-code-the-provider-issued');
    expect(await h.sso.completeVerification(callback)).toEqual({
      ok: false,
      reason: 'provider_error',
      slackUserId: 'U_TARO',
      detail: 'token_endpoint:invalid_grant',
    });
    expect(h.db.select().from(identities).all()).toEqual([]);
  });

  it('reports a sign-in denied at the provider, and the link is then used up', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const callback = await provider.loginThrough(url, 'taro', { deny: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const outcome = await h.sso.completeVerification(callback);
    expect(outcome).toEqual({ ok: false, reason: 'provider_error', slackUserId: 'U_TARO', detail: 'access_denied' });
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(audits(h.db)).toEqual([
      { type: 'identity.verification_failed', actor: 'U_TARO', data: { reason: 'provider_error', detail: 'access_denied' }, at: h.clock.t },
    ]);
    expect(callbackPage(outcome, 'en')).toMatchObject({ status: 502, html: expect.stringContaining('Sign-in was cancelled') });
    expect(await h.sso.completeVerification(callback)).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('keeps only a short code from an error= callback, never its description', async () => {
    const { url } = await h.sso.startVerification('U_TARO');
    const state = new URL(url).searchParams.get('state')!;
    const crafted = new URL(`${REDIRECT}?error=access_denied&error_description=${encodeURIComponent('<script>alert(1)</script>')}&state=${state}`);
    expect(await h.sso.completeVerification(crafted)).toEqual({ ok: false, reason: 'provider_error', slackUserId: 'U_TARO', detail: 'access_denied' });

    const odd = await h.sso.startVerification('U_TARO');
    const weird = new URL(`${REDIRECT}?error=${encodeURIComponent('<b>not a code</b>')}&state=${new URL(odd.url).searchParams.get('state')}`);
    expect(await h.sso.completeVerification(weird)).toMatchObject({ ok: false, reason: 'provider_error', detail: 'other' });
    expect(everyRow(h.db)).not.toContain('script');
    expect(everyRow(h.db)).not.toContain('<b>');
  });

  it('re-verifying replaces the linked identity and its time', async () => {
    const first = await h.sso.startVerification('U_TARO');
    await h.sso.completeVerification(await provider.loginThrough(first.url, 'taro'));
    h.clock.t += 3_600_000;
    const second = await h.sso.startVerification('U_TARO');
    await h.sso.completeVerification(await provider.loginThrough(second.url, 'hanako'));
    expect(h.sso.identityOf('U_TARO')).toEqual({ subject: 'sub-hanako-0002', email: 'hanako@example.com', emailVerified: false, groups: [], verifiedAt: h.clock.t });
    expect(h.db.select().from(identities).all()).toHaveLength(1);
  });

  it('retries discovery after it failed, and says the provider is unavailable meanwhile', async () => {
    let failures = 1;
    const flaky: CustomFetch = async (url, options) => {
      if (failures > 0) {
        failures--;
        throw new TypeError('fetch failed');
      }
      return fetch(url, options as RequestInit);
    };
    const f = harness(provider, { fetch: flaky });
    await expect(f.sso.startVerification('U_TARO')).rejects.toBeInstanceOf(SingleSignOnUnavailable);
    expect(f.db.select().from(oidcRequests).all()).toEqual([]);
    const { url } = await f.sso.startVerification('U_TARO');
    expect(await f.sso.completeVerification(await provider.loginThrough(url, 'taro'))).toMatchObject({ ok: true });
  });

  it('purges requests a day after they expired', async () => {
    await h.sso.startVerification('U_TARO');
    h.clock.t += REQUEST_TTL_MS + REQUEST_RETENTION_MS - 1;
    expect(h.sso.purgeRequests()).toBe(0);
    h.clock.t += 2;
    expect(h.sso.purgeRequests()).toBe(1);
    expect(h.db.select().from(oidcRequests).all()).toEqual([]);
  });

  it('requests a fresh login when asked to', async () => {
    const { url } = await h.sso.startVerification('U_TARO', { forceLogin: true });
    expect(new URL(url).searchParams.get('prompt')).toBe('login');
    expect(await h.sso.completeVerification(await provider.loginThrough(url, 'taro'))).toMatchObject({ ok: true });
  });
});

describe('single sign-on when the provider keeps the claims in userinfo', () => {
  let provider: RunningOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT, accounts: ACCOUNTS, claimsIn: 'userinfo' });
  });
  afterAll(async () => {
    await provider.close();
  });

  it('takes e-mail, e-mail verification and groups from userinfo when the ID token has only sub', async () => {
    const h = harness(provider);
    const { url } = await h.sso.startVerification('U_TARO');
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'taro'));
    expect(outcome).toEqual({
      ok: true,
      slackUserId: 'U_TARO',
      identity: { subject: 'sub-taro-0001', email: 'Taro.Yamada@example.com', emailVerified: true, groups: ['everyone', 'kintone-admins'] },
    });
    const idToken = h.tokenResponses[0]!.id_token as string;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.groups).toBeUndefined(); // so the groups above really came from userinfo
    expect(everyRow(h.db)).not.toContain(h.tokenResponses[0]!.access_token as string);
  });

  it('requests exactly the configured scopes when given', async () => {
    const h = harness(provider, { scopes: 'email' });
    const { url } = await h.sso.startVerification('U_HANAKO');
    expect(new URL(url).searchParams.get('scope')).toBe('openid email');
    const outcome = await h.sso.completeVerification(await provider.loginThrough(url, 'hanako'));
    expect(outcome).toEqual({
      ok: true,
      slackUserId: 'U_HANAKO',
      identity: { subject: 'sub-hanako-0002', email: 'hanako@example.com', emailVerified: false, groups: [] },
    });
  });
});
