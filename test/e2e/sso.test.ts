import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, identities, oidcRequests } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { loginThrough, startOidcProvider, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import { Walker } from '../helpers/walker.js';

const CLIENT = { clientId: 'kintone-login', clientSecret: 'client-secret-for-tests' };
const REDIRECT = 'http://127.0.0.1:1/oidc/callback';
const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTS1';

describe('single sign-on against a real OpenID Connect provider', () => {
  let provider: RunningOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startOidcProvider({
      ...CLIENT,
      redirectUri: REDIRECT,
      accounts: {
        taro: { sub: 'sub-taro', email: 'taro@example.com', email_verified: true },
        mallory: { sub: 'sub-mallory', email: 'mallory@example.com', email_verified: true },
        admin: { sub: 'sub-admin', email: 'admin@example.com', email_verified: true, groups: ['kintone-admins'] },
        plain: { sub: 'sub-plain', email: 'plain@example.com', email_verified: true, groups: ['staff'] },
      },
    });
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    h = await startHarness({
      cybozu: true,
      env: {
        ADMIN_SLACK_IDS: ADMIN,
        DEFAULT_LOCALE: 'en',
        OIDC_ISSUER: provider.url,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_REDIRECT_URL: REDIRECT,
        OIDC_ADMIN_GROUP: 'kintone-admins',
      },
    });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    // The reporter's Slack e-mail does not match the account: only single sign-on can vouch for them.
    h.slack.setUser(REPORTER, { email: 'taro.private@example.net', locale: 'en-US' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  /** `/kintone-login verify` → the link from the ephemeral answer. */
  const verifyLink = async (userId: string): Promise<string> => {
    const url = h.slack.responseUrl(`verify-${userId}-${Math.random()}`);
    await h.client.slashCommand({ userId, text: 'verify', responseUrl: url });
    await h.app.idle();
    const answer = h.slack.calls.filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname).at(-1)!;
    return JSON.stringify(answer.args.blocks).match(/"url":"([^"]+)"/)![1]!.replace(/\\u0026/g, '&');
  };
  /** The browser comes back to our app's /oidc/callback with what the provider put in the redirect. */
  const callback = async (redirect: URL) => {
    const res = await fetch(`${h.baseUrl}/oidc/callback${redirect.search}`);
    return { status: res.status, html: await res.text() };
  };
  const verify = async (userId: string, login: string) => callback(await loginThrough(await verifyLink(userId), login));

  it('links a reporter to their identity: page in their language, DM, identity stored, no tokens kept', async () => {
    h.slack.setUser(REPORTER, { email: 'taro.private@example.net', locale: 'ja-JP' });
    const link = await verifyLink(REPORTER);
    expect(link.startsWith(`${provider.url}/`)).toBe(true);
    expect(new URL(link).searchParams.get('code_challenge_method')).toBe('S256');
    const page = await callback(await loginThrough(link, 'taro'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('lang="ja"');
    expect(h.db.select().from(identities).get()).toMatchObject({ slackUserId: REPORTER, subject: 'sub-taro', email: 'taro@example.com', emailVerified: true });
    await h.deliver();
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${REPORTER}`).at(-1)!.args.text).toContain('taro@example.com');
    const stored = JSON.stringify([h.db.select().from(oidcRequests).all(), h.db.select().from(auditEvents).all()]);
    expect(stored).not.toMatch(/access_token|refresh_token|eyJ/);
    expect(h.log.text()).not.toContain('code=');
  });

  it('offers "Verify with SSO" on the report step and in the DM while unverified, and the button pushes a one-time link', async () => {
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    expect(walker.text()).toContain('"action_id":"sso_verify"');
    await h.client.blockAction({ userId: REPORTER, actionId: 'sso_verify', value: 'verify', view: { id: walker.view.id, private_metadata: walker.view.private_metadata }, triggerId: 'trig-sso' });
    await h.app.idle();
    const pushed = h.slack.callsTo('views.push').at(-1)!;
    expect(JSON.stringify(pushed.args.view)).toContain(`${provider.url}/`);
    await walker.submit('taro');
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${REPORTER}`)[0]!;
    expect(JSON.stringify(dm.args.blocks)).toContain('sso_verify');
  });

  it('refuses a reused, expired, unknown or refused sign-in with a clear page, linking nothing', async () => {
    const redirect = await loginThrough(await verifyLink(REPORTER), 'taro');
    expect((await callback(redirect)).status).toBe(200);
    const reused = await callback(redirect);
    expect(reused.status).toBe(400);

    const late = await loginThrough(await verifyLink('ULATE0001'), 'mallory');
    h.clock.advance(11 * 60_000);
    expect((await callback(late)).status).toBe(400);

    expect((await fetch(`${h.baseUrl}/oidc/callback?state=forged&code=x`)).status).toBe(400);
    const denied = await loginThrough(await verifyLink('UDENY0001'), 'mallory', { deny: true });
    expect((await callback(denied)).status).toBe(502);
    expect(h.db.select().from(identities).all().map((i) => i.slackUserId)).toEqual([REPORTER]);
    expect(h.db.select().from(auditEvents).all().filter((e) => e.type === 'identity.verification_failed').length).toBeGreaterThanOrEqual(3);
  });

  it('lets a reset go ahead for an SSO-verified reporter whose Slack e-mail does not match, recording how', async () => {
    await verify(REPORTER, 'taro');
    await verify(ADMIN, 'admin');
    const walker = await new Walker(h, REPORTER).open();
    for (const answer of ['login_error', 'incorrect', 'forgot', 'no_form_or_mail']) await walker.choose(answer);
    await walker.submit('taro');
    await h.deliver();
    const report = h.db.$client.prepare('select * from reports').get() as { id: number; root_ts: string };
    await h.client.blockAction({ userId: ADMIN, actionId: 'report_reset_password', value: String(report.id), messageTs: report.root_ts, channel: 'CSUPPORT1', triggerId: 'trig' });
    await h.app.idle();
    const confirm = h.slack.callsTo('views.update').at(-1)!.response.view;
    expect(JSON.stringify(confirm.blocks)).toContain('verified through single sign-on');
    expect(JSON.stringify(confirm.blocks)).not.toContain('identity_checked');
    await h.client.viewSubmission({ userId: ADMIN, callbackId: 'account_action_confirm', viewId: confirm.id, privateMetadata: confirm.private_metadata, values: {} });
    await h.app.idle();
    await h.deliver();
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'succeeded', identity: 'sso' });
    expect(h.threadReplies(report.root_ts).at(-1)!.args.text).toContain('Identity: single sign-on');
  });

  it('asks an admin to step up through single sign-on with the admin group, and again when the window has passed', async () => {
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    await walker.submit('taro');
    await h.deliver();
    h.cybozu.update('taro', { valid: false });
    const report = h.db.$client.prepare('select * from reports').get() as { id: number; root_ts: string };
    const press = async () => {
      await h.client.blockAction({ userId: ADMIN, actionId: 'report_resume', value: String(report.id), messageTs: report.root_ts, channel: 'CSUPPORT1', triggerId: `trig-${Math.random()}` });
      await h.app.idle();
      return h.slack.callsTo('views.update').at(-1)!.response.view;
    };
    expect(JSON.stringify((await press()).blocks)).toContain('need a single sign-on within 8 hours');

    h.slack.setUser(ADMIN, { email: 'plain@example.com', locale: 'en-US' });
    await verify(ADMIN, 'plain'); // signed in, but not in the admin group
    expect(JSON.stringify((await press()).blocks)).toContain('kintone-admins');

    await verify(ADMIN, 'admin');
    const confirm = await press();
    expect(confirm.callback_id).toBe('account_action_confirm');

    h.clock.advance(9 * 3_600_000);
    const submitted = await h.client.viewSubmission({ userId: ADMIN, callbackId: 'account_action_confirm', viewId: confirm.id, privateMetadata: confirm.private_metadata, values: {} });
    expect(JSON.stringify(submitted.body.view)).toContain('need a single sign-on');
    expect(h.cybozu.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});
