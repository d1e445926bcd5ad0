import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, identities, identityConfirmations, oidcRequests } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import {
  confirmFrom,
  oidcEnv,
  openCallback,
  startTestProvider,
  verifyLink,
  verifyThrough,
} from '../helpers/sso-flow.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTS1';

describe('single sign-on against a real OpenID Connect provider', () => {
  let provider: RunningOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider({
      taro: { sub: 'sub-taro', email: 'taro@example.com', email_verified: true },
      mallory: { sub: 'sub-mallory', email: 'mallory@example.com', email_verified: true },
      admin: { sub: 'sub-admin', email: 'admin@example.com', email_verified: true, groups: ['kintone-admins'] },
      plain: { sub: 'sub-plain', email: 'plain@example.com', email_verified: true, groups: ['staff'] },
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
        ...oidcEnv(provider),
        OIDC_ADMIN_GROUP: 'kintone-admins',
      },
    });
    // The provider stamps auth_time from the wall clock; the app compares it with its own.
    h.clock.set(Date.now());
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US', name: 'Yamada Taro' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('links a reporter to their identity once they confirm on a page naming their Slack account: their language, DM, no tokens kept', async () => {
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'ja-JP', name: 'Yamada <Taro>' });
    const link = await verifyLink(h, REPORTER);
    expect(link.startsWith(`${provider.url}/`)).toBe(true);
    expect(new URL(link).searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(link).searchParams.get('prompt')).toBeNull(); // not an admin: no forced sign-in
    const page = await openCallback(h, await loginThrough(link, 'taro'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('lang="ja"');
    expect(page.html).toContain('Slack アカウント: <strong>Yamada &lt;Taro&gt;</strong>');
    expect(h.db.select().from(identities).all()).toEqual([]); // nothing linked by the redirect alone

    const done = await confirmFrom(h, page);
    expect(done.status).toBe(200);
    expect(done.html).toContain('本人確認が完了しました');
    expect(h.db.select().from(identities).get()).toMatchObject({
      slackUserId: REPORTER,
      subject: 'sub-taro',
      email: 'taro@example.com',
      emailVerified: true,
      stepUpAt: null,
    });
    await h.deliver();
    expect(
      h.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === `D${REPORTER}`)
        .at(-1)!.args.text,
    ).toContain('taro@example.com');
    const stored = JSON.stringify([
      h.db.select().from(oidcRequests).all(),
      h.db.select().from(identityConfirmations).all(),
      h.db.select().from(auditEvents).all(),
    ]);
    expect(stored).not.toMatch(/access_token|refresh_token|eyJ/);
    expect(h.log.text()).not.toContain('code=');
    expect(h.log.text()).not.toContain('token=');
  });

  it('offers "Verify with SSO" on the report step and in the DM while unverified, and the button pushes a one-time link', async () => {
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    expect(walker.text()).toContain('"action_id":"sso_verify"');
    await h.client.blockAction({
      userId: REPORTER,
      actionId: 'sso_verify',
      value: 'verify',
      view: { id: walker.view.id, private_metadata: walker.view.private_metadata },
      triggerId: 'trig-sso',
    });
    await h.app.idle();
    const pushed = h.slack.callsTo('views.push').at(-1)!;
    expect(JSON.stringify(pushed.args.view)).toContain(`${provider.url}/`);
    await walker.submit('taro');
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${REPORTER}`)[0]!;
    expect(JSON.stringify(dm.args.blocks)).toContain('sso_verify');
  });

  it('refuses a reused, expired, unknown or refused sign-in with a clear page, linking nothing', async () => {
    const redirect = await loginThrough(await verifyLink(h, REPORTER), 'taro');
    const first = await openCallback(h, redirect);
    expect(first.status).toBe(200);
    expect((await confirmFrom(h, first)).status).toBe(200);
    const reused = await openCallback(h, redirect);
    expect(reused.status).toBe(400);
    expect(reused.html).toContain('already been used');

    h.slack.setUser('ULATE0001', { email: 'mallory@example.com' });
    const late = await loginThrough(await verifyLink(h, 'ULATE0001'), 'mallory');
    h.clock.advance(11 * 60_000);
    expect((await openCallback(h, late)).status).toBe(400);

    expect((await fetch(`${h.baseUrl}/oidc/callback?state=forged&code=x`)).status).toBe(400);
    const denied = await loginThrough(await verifyLink(h, 'UDENY0001'), 'mallory', { deny: true });
    expect((await openCallback(h, denied)).status).toBe(400);
    expect(
      h.db
        .select()
        .from(identities)
        .all()
        .map((i) => i.slackUserId),
    ).toEqual([REPORTER]);
    const failures = h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === 'identity.verification_failed');
    expect(failures.map((e) => [e.actorSlackId, JSON.parse(e.data).reason])).toEqual([
      [REPORTER, 'reused'],
      ['ULATE0001', 'expired'],
      ['UDENY0001', 'provider_error'],
    ]); // the forged state named nobody: not audited
  });

  it("shows single sign-on as how identity was established when a verified reporter's account is reset", async () => {
    await verifyThrough(h, REPORTER, 'taro');
    await verifyThrough(h, ADMIN, 'admin');
    const walker = await new Walker(h, REPORTER).open();
    for (const answer of ['login_error', 'incorrect', 'forgot', 'no_form_or_mail']) await walker.choose(answer);
    await walker.submit('taro');
    await h.deliver();
    const report = h.db.$client.prepare('select * from reports').get() as { id: number; root_ts: string };
    await h.client.blockAction({
      userId: ADMIN,
      actionId: 'report_reset_password',
      value: String(report.id),
      messageTs: report.root_ts,
      channel: 'CSUPPORT1',
      triggerId: 'trig',
    });
    await h.app.idle();
    const confirm = h.slack.callsTo('views.update').at(-1)!.response.view;
    expect(JSON.stringify(confirm.blocks)).toContain('verified through single sign-on');
    expect(JSON.stringify(confirm.blocks)).not.toContain('identity_checked');
    await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'account_action_confirm',
      viewId: confirm.id,
      privateMetadata: confirm.private_metadata,
      values: {},
    });
    await h.app.idle();
    await h.deliver();
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'succeeded', identity: 'sso' });
    expect(h.threadReplies(report.root_ts).at(-1)!.args.text).toContain('Identity: single sign-on');
  });

  it('asks an admin to step up with a fresh sign-in with the admin group, and again when the window has passed', async () => {
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    await walker.submit('taro');
    await h.deliver();
    h.cybozu.update('taro', { valid: false });
    const report = h.db.$client.prepare('select * from reports').get() as { id: number; root_ts: string };
    const press = async () => {
      await h.client.blockAction({
        userId: ADMIN,
        actionId: 'report_resume',
        value: String(report.id),
        messageTs: report.root_ts,
        channel: 'CSUPPORT1',
        triggerId: `trig-${Math.random()}`,
      });
      await h.app.idle();
      return h.slack.callsTo('views.update').at(-1)!.response.view;
    };
    expect(JSON.stringify((await press()).blocks)).toContain('need a single sign-on within 8 hours');

    h.slack.setUser(ADMIN, { email: 'plain@example.com', locale: 'en-US' });
    h.clock.advance(2 * 60_000); // past the profile's freshness: Slack is asked for the e-mail again
    await verifyThrough(h, ADMIN, 'plain'); // signed in afresh, but not in the admin group
    expect(JSON.stringify((await press()).blocks)).toContain('kintone-admins');

    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
    h.clock.advance(2 * 60_000); // past the profile's freshness: Slack is asked for the e-mail again
    const link = await verifyLink(h, ADMIN);
    expect(new URL(link).searchParams.get('prompt')).toBe('login');
    await verifyThrough(h, ADMIN, 'admin', { link });
    const confirm = await press();
    expect(confirm.callback_id).toBe('account_action_confirm');

    h.clock.advance(9 * 3_600_000);
    const submitted = await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'account_action_confirm',
      viewId: confirm.id,
      privateMetadata: confirm.private_metadata,
      values: {},
    });
    expect(JSON.stringify(submitted.body.view)).toContain('need a single sign-on');
    expect(h.cybozu.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});
