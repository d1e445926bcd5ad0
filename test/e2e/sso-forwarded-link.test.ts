import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, identities } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import {
  confirmFrom,
  confirmTokenIn,
  linkIn,
  oidcEnv,
  openCallback,
  postConfirm,
  startTestProvider,
  TEST_REDIRECT,
  verifyLink,
  verifyThrough,
} from '../helpers/sso-flow.js';
import { Walker } from '../helpers/walker.js';

/**
 * Issue 12 §1 and §4d: a verification link forwarded to someone else must not lend their identity to the
 * Slack user who asked for it, neither to a reporter (reset without the identity check) nor to an admin
 * (step-up); only a fresh sign-in counts for step-up; verifications expire; the confirmation is one-time and
 * CSRF-safe; anonymous junk on the callback costs no provider request and no audit row.
 */
const REDIRECT = TEST_REDIRECT;
const ADMIN = 'UADMINONE';
/** Sato asks for a link and forwards it; Suzuki, a colleague, signs in with it. */
const SATO = 'USATO0001';
const SUZUKI = 'USUZUKI01';
const RESET_PATH = ['login_error', 'incorrect', 'forgot', 'no_form_or_mail'];

describe('a forwarded verification link lends nobody their identity', () => {
  let provider: RunningOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider({
      sato: { sub: 'sub-sato', email: 'sato@example.com', email_verified: true },
      suzuki: { sub: 'sub-suzuki', email: 'suzuki@example.com', email_verified: true },
      admin: { sub: 'sub-admin', email: 'admin@example.com', email_verified: true, groups: ['kintone-admins'] },
      admin2: { sub: 'sub-admin2', email: 'admin2@example.com', email_verified: true, groups: ['kintone-admins'] },
    });
  });
  afterAll(async () => {
    await provider.close();
  });
  afterEach(async () => {
    await h?.close();
  });

  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness({
      cybozu: true,
      env: {
        ADMIN_SLACK_IDS: ADMIN,
        DEFAULT_LOCALE: 'en',
        ...oidcEnv(provider),
        OIDC_ADMIN_GROUP: 'kintone-admins',
        ...env,
      },
    });
    // The provider stamps auth_time from the wall clock; the app compares it with its own.
    h.clock.set(Date.now());
    h.cybozu.addUser({ code: 'sato', name: 'Sato Hanako', email: 'sato@example.com', services: ['kintone'] });
    h.cybozu.addUser({ code: 'suzuki', name: 'Suzuki Ichiro', email: 'suzuki@example.com', services: ['kintone'] });
    h.slack.setUser(SATO, { email: 'sato@example.com', locale: 'en-US', name: 'Sato Hanako' });
    h.slack.setUser(SUZUKI, { email: 'suzuki@example.com', locale: 'en-US', name: 'Suzuki Ichiro' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US', name: 'Admin One' });
    return h;
  };

  const report = async (reporter: string, loginName: string) => {
    const walker = await new Walker(h, reporter).open();
    for (const answer of RESET_PATH) await walker.choose(answer);
    await walker.submit(loginName);
    await h.deliver();
    return h.db.$client.prepare('select * from reports order by id desc').get() as { id: number; root_ts: string };
  };
  /** The admin presses an account action on the report's root message; the modal it ends on. */
  const press = async (actionId: string, r: { id: number; root_ts: string }, userId = ADMIN) => {
    await h.client.blockAction({
      userId,
      actionId,
      value: String(r.id),
      messageTs: r.root_ts,
      channel: 'CSUPPORT1',
      triggerId: `trig-${Math.random()}`,
    });
    await h.app.idle();
    return h.slack.callsTo('views.update').at(-1)!.response.view;
  };
  const cybozuWrites = () => h.cybozu.calls.filter((c) => c.method !== 'GET');
  const failures = () =>
    h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === 'identity.verification_failed')
      .map(
        (e): Record<string, unknown> => ({ actor: e.actorSlackId, ...(JSON.parse(e.data) as Record<string, unknown>) }),
      );

  it("the colleague's sign-in links nothing, and a reset of the colleague's account reported by the requester still needs the admin's identity check", async () => {
    await start();
    await verifyThrough(h, ADMIN, 'admin'); // the admin has stepped up properly

    // Sato asks for a link and forwards it; Suzuki signs in with it.
    const page = await openCallback(h, await loginThrough(await verifyLink(h, SATO), 'suzuki'));
    expect(page.status).toBe(400);
    expect(page.html).toContain('Nothing was linked');
    expect(page.html).not.toMatch(/Sato|sato@|USATO/i); // Suzuki is not told whose account asked
    expect(page.html).not.toContain('<form');
    expect(
      h.db
        .select()
        .from(identities)
        .all()
        .map((i) => i.slackUserId),
    ).toEqual([ADMIN]);
    expect(failures()).toEqual([
      { actor: SATO, reason: 'email_mismatch', subject: 'sub-suzuki', email: 'suzuki@example.com' },
    ]);

    // Sato reports Suzuki's login name; an admin presses reset.
    const r = await report(SATO, 'suzuki');
    const confirm = await press('report_reset_password', r);
    expect(confirm.callback_id).toBe('account_action_confirm');
    const shown = JSON.stringify(confirm.blocks);
    expect(shown).toContain('identity_checked');
    expect(shown).toContain('does not match');
    expect(shown).not.toContain('verified through single sign-on');

    // Without the admin's identity confirmation, nothing is written to cybozu.
    const refused = await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'account_action_confirm',
      viewId: confirm.id,
      privateMetadata: confirm.private_metadata,
      values: {},
    });
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { identity: expect.any(String) } });
    await h.app.idle();
    await h.deliver();
    expect(cybozuWrites()).toEqual([]);
    expect(h.db.select().from(accountActions).all()).toEqual([]);
    expect(JSON.stringify(h.slack.messagesIn(`D${SATO}`).map((c) => c.args))).not.toContain('secret_reveal');
  });

  it("an admin's step-up with someone else's sign-in does not count", async () => {
    await start();
    const r = await report(SATO, 'sato');
    const stepUp = await press('report_reset_password', r);
    expect(JSON.stringify(stepUp.blocks)).toContain('need a single sign-on');
    const link = new URL(linkIn(stepUp.blocks));
    expect(link.searchParams.get('prompt')).toBe('login');
    expect(link.searchParams.get('max_age')).toBe('300');

    // The admin forwards the step-up link to a colleague in the admin group, who signs in with it.
    const page = await openCallback(h, await loginThrough(link.href, 'admin2'));
    expect(page.status).toBe(400);
    expect(page.html).not.toMatch(/Admin One|admin@example\.com|UADMINONE/);
    expect(h.db.select().from(identities).all()).toEqual([]);

    expect(JSON.stringify((await press('report_reset_password', r)).blocks)).toContain('need a single sign-on');
    expect(cybozuWrites()).toEqual([]);
  });

  it('refuses a step-up sign-in whose auth_time is older than max_age', async () => {
    await start();
    const r = await report(SATO, 'sato');
    const link = linkIn((await press('report_reset_password', r)).blocks);
    const redirect = await loginThrough(link, 'admin');
    h.clock.advance(7 * 60_000); // the browser comes back with a sign-in 7 minutes old (max_age is 5)
    const page = await openCallback(h, redirect);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Please sign in again');
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(failures()).toEqual([{ actor: ADMIN, reason: 'stale_sign_in', detail: 'auth_time_too_old' }]);
    expect(JSON.stringify((await press('report_reset_password', r)).blocks)).toContain('need a single sign-on');
  });

  it("stops counting a reporter's verification after OIDC_VERIFICATION_HOURS: the admin must confirm identity again", async () => {
    await start({ OIDC_ADMIN_GROUP: '', OIDC_VERIFICATION_HOURS: '48' });
    await verifyThrough(h, SATO, 'sato');
    const r = await report(SATO, 'sato');
    // Later the Slack e-mail no longer matches the account (changed in Slack): only the verification vouches.
    h.slack.setUser(SATO, { email: 'sato.private@example.net', locale: 'en-US', name: 'Sato Hanako' });

    h.clock.advance(25 * 3_600_000);
    const within = await press('report_reset_password', r);
    expect(JSON.stringify(within.blocks)).toContain('verified through single sign-on');
    expect(JSON.stringify(within.blocks)).not.toContain('identity_checked');

    h.clock.advance(24 * 3_600_000); // 49 hours after the verification
    const after = await press('report_reset_password', r);
    expect(JSON.stringify(after.blocks)).not.toContain('verified through single sign-on');
    expect(JSON.stringify(after.blocks)).toContain('identity_checked');
    const refused = await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'account_action_confirm',
      viewId: after.id,
      privateMetadata: after.private_metadata,
      values: {},
    });
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { identity: expect.any(String) } });
    expect(cybozuWrites()).toEqual([]);
  });

  it('POST /oidc/confirm links once, only with a valid unexpired token sent from its own page', async () => {
    await start({ OIDC_ADMIN_GROUP: '' });
    const page = await openCallback(h, await loginThrough(await verifyLink(h, SATO), 'sato'));
    expect(page.status).toBe(200);
    for (const headers of [page.headers]) {
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    }
    const token = confirmTokenIn(page.html);
    const form = (t: string) => new URLSearchParams({ token: t }).toString();

    expect((await fetch(`${h.baseUrl}/oidc/confirm?token=${token}`)).status).toBe(405); // a GET links nothing
    expect((await postConfirm(h, '')).status).toBe(400);
    expect((await postConfirm(h, form('A'.repeat(43)))).status).toBe(400);
    expect((await postConfirm(h, form(`${token}x`))).status).toBe(400);
    expect((await postConfirm(h, JSON.stringify({ token }), { 'content-type': 'application/json' })).status).toBe(400);
    expect((await postConfirm(h, `token=${token}&pad=${'x'.repeat(8192)}`)).status).toBe(413);
    const crossSite = await postConfirm(h, form(token), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('x-frame-options')).toBe('DENY');
    expect((await postConfirm(h, form(token), { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await postConfirm(h, form(token), { origin: 'https://evil.example' })).status).toBe(403);
    expect(h.db.select().from(identities).all()).toEqual([]);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type.startsWith('identity.')),
    ).toEqual([]); // junk is not audited

    const done = await postConfirm(h, form(token));
    expect(done.status).toBe(200);
    expect(done.html).toContain('linked to <strong>sato@example.com</strong>');
    expect(done.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const replay = await postConfirm(h, form(token));
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('already been used');
    expect(h.db.select().from(identities).all()).toHaveLength(1);

    const second = await openCallback(h, await loginThrough(await verifyLink(h, SATO), 'sato'));
    h.clock.advance(11 * 60_000);
    const late = await confirmFrom(h, second);
    expect(late.status).toBe(400);
    expect(late.html).toContain('expired');
    expect(failures().map((f) => f.reason)).toEqual(['reused', 'expired']);
    expect(h.log.text()).not.toContain(token);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('links nothing while Slack cannot say whose link it is, and says to try again; reloading works once Slack is back', async () => {
    await start({ OIDC_ADMIN_GROUP: '' });
    const redirect = await loginThrough(await verifyLink(h, SATO), 'sato');
    h.clock.advance(2 * 60_000); // the profile from the command is no longer fresh enough
    h.slack.failAlways('users.info', { error: 'internal_error' });
    const page = await openCallback(h, redirect);
    expect(page.status).toBe(503);
    expect(page.html).toContain('try again');
    expect(page.html).not.toContain('<form');
    expect(h.db.select().from(identities).all()).toEqual([]);

    h.slack.clearFailures();
    const again = await openCallback(h, redirect);
    expect(again.status).toBe(200);
    expect((await confirmFrom(h, again)).status).toBe(200);
    expect(
      h.db
        .select()
        .from(identities)
        .all()
        .map((i) => i.email),
    ).toEqual(['sato@example.com']);
  });

  it('answers a burst of callbacks with junk state 400 without asking the provider or writing an audit row', async () => {
    await start();
    const before = provider.requests.length;
    const junk = [
      '',
      '?code=abc',
      '?state=',
      '?error=access_denied',
      '?error=%3Cscript%3E',
      `?state=${'x'.repeat(5000)}&code=1`,
      ...Array.from(
        { length: 194 },
        (_, i) =>
          `?state=junk-${i}-${Math.random().toString(36).slice(2)}&code=c${i}&iss=${encodeURIComponent(provider.url)}`,
      ),
    ];
    const statuses = await Promise.all(junk.map(async (q) => (await fetch(`${h.baseUrl}/oidc/callback${q}`)).status));
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(provider.requests.slice(before)).toEqual([]);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type.startsWith('identity.')),
    ).toEqual([]);

    // Counted in the log: every one at debug, one warning with the count per minute at most.
    const ignored = h.log.entries.filter((e) => e.msg === 'single sign-on request naming nothing of ours ignored');
    expect(ignored).toHaveLength(junk.length);
    const warned = () =>
      h.log.entries.filter((e) => String(e.msg).startsWith('single sign-on requests naming nothing of ours'));
    expect(warned().map((e) => e.count)).toEqual([1]);
    h.clock.advance(61_000);
    await fetch(`${h.baseUrl}/oidc/callback?state=one-more`);
    expect(warned().map((e) => e.count)).toEqual([1, junk.length]);
    expect(h.log.text()).not.toContain('junk-1-');

    // The app is up and real sign-ins still work.
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    await verifyThrough(h, ADMIN, 'admin');
    expect(h.db.select().from(identities).all()).toHaveLength(1);
  });
});

describe('an identity provider that is down', () => {
  let down: Server;
  let discoveries = 0;
  let h: Harness;
  beforeAll(async () => {
    down = createServer((_req, res) => {
      discoveries++;
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await h.close();
    await new Promise<void>((resolve) => down.close(() => resolve()));
  });

  it('is asked for discovery once, then again only after a back-off; junk callbacks never reach it', async () => {
    const issuer = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
    h = await startHarness({
      env: {
        DEFAULT_LOCALE: 'en',
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'c',
        OIDC_CLIENT_SECRET: 's',
        OIDC_REDIRECT_URL: REDIRECT,
      },
    });
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const url = h.slack.responseUrl(`verify-${i}`);
      await h.client.slashCommand({ userId: SATO, text: 'verify', responseUrl: url });
      await h.app.idle();
      answers.push(
        String(
          h.slack.calls.filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname).at(-1)!
            .args.text,
        ),
      );
    }
    expect(answers.every((a) => a.includes('could not be reached'))).toBe(true);
    expect(discoveries).toBe(1);
    for (let i = 0; i < 20; i++)
      expect((await fetch(`${h.baseUrl}/oidc/callback?state=s${i}&code=c`)).status).toBe(400);
    expect(discoveries).toBe(1);

    h.clock.advance(5_000);
    await h.client.slashCommand({ userId: SATO, text: 'verify', responseUrl: h.slack.responseUrl('verify-again') });
    await h.app.idle();
    expect(discoveries).toBe(2);
  });
});
