import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountActions, auditEvents, reports, secrets, selfServiceAttempts } from '../../db/schema.js';
import { SELF_SERVICE_DEFAULTS } from '../../src/settings/environment-settings.js';
import { CYBOZU_TOKEN, SECRET_KEY_HEX, startHarness, type Harness } from '../helpers/app-harness.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import { PATHS, reportThread } from '../helpers/report-thread.js';
import { linkIn, oidcEnv, openCallback, startTestProvider } from '../helpers/sso-flow.js';
import { Walker } from '../helpers/walker.js';

/**
 * Issue 15: a verified employee resets their own password (or unlocks) after a fresh single sign-on, and the
 * admins see, measure and can switch off what happened. Against the test OpenID provider and the fake User API.
 */
const ADMIN = 'UADMINONE';
const SATO = 'USATO0001';
const SUZUKI = 'USUZUKI01';

describe('self-service password reset and unlock', () => {
  let provider: RunningOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider({
      sato: { sub: 'sub-sato', email: 'sato@example.com', email_verified: true },
      suzuki: { sub: 'sub-suzuki', email: 'suzuki@example.com', email_verified: true },
      boss: { sub: 'sub-boss', email: 'boss@example.com', email_verified: true },
    });
  });
  afterAll(async () => {
    await provider.close();
  });
  afterEach(async () => {
    await h?.close();
  });

  const start = async (opts: { sso?: boolean; on?: boolean; env?: Record<string, string> } = {}) => {
    h = await startHarness({
      cybozu: true,
      env: {
        ADMIN_SLACK_IDS: ADMIN,
        DEFAULT_LOCALE: 'en',
        ...(opts.sso === false ? {} : oidcEnv(provider)),
        ...opts.env,
      },
    });
    // The provider stamps auth_time from the wall clock; the app compares it with its own.
    h.clock.set(Date.now());
    h.cybozu.addUser({ code: 'sato', name: 'Sato Hanako', email: 'sato@example.com', services: ['kintone'] });
    h.cybozu.addUser({ code: 'suzuki', name: 'Suzuki Ichiro', email: 'suzuki@example.com', services: ['kintone'] });
    h.cybozu.addUser({
      code: 'boss',
      name: 'Boss',
      email: 'boss@example.com',
      services: ['kintone'],
      administrator: true,
    });
    h.slack.setUser(SATO, { email: 'sato@example.com', locale: 'en-US', name: 'Sato Hanako' });
    h.slack.setUser(SUZUKI, { email: 'suzuki@example.com', locale: 'en-US', name: 'Suzuki Ichiro' });
    h.slack.setUser('UBOSS0001', { email: 'boss@example.com', locale: 'en-US', name: 'Boss' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US', name: 'Admin One' });
    if (opts.on !== false) switchOn();
    return h;
  };
  const switchOn = (p: Partial<typeof SELF_SERVICE_DEFAULTS> = {}) => {
    const env = h.app.services.environment;
    env.save(
      { ...env.get(), selfService: { ...SELF_SERVICE_DEFAULTS, resetPassword: true, unlock: true, ...p } },
      ADMIN,
      h.clock.now(),
    );
  };

  /** The reporter walks to the report step of a leaf whose remedy is `remedy`. */
  const walk = async (user: string, remedy: 'reset_password' | 'unlock' = 'reset_password') => {
    const walker = await new Walker(h, user).open();
    for (const answer of PATHS[remedy]) if (walker.answers().includes(answer)) await walker.choose(answer);
    return walker;
  };
  const selfServiceButton = (walker: Walker) => JSON.stringify(walker.view.blocks).includes('"self_service_start"');
  /** Presses "Reset it myself now" with `loginName` typed in the form; the modal it leaves. */
  const pressSelfService = async (walker: Walker, loginName: string, remedy = 'reset_password') => {
    await h.client.blockAction({
      userId: walker.userId,
      actionId: 'self_service_start',
      value: remedy,
      view: {
        id: walker.view.id,
        hash: walker.view.hash,
        private_metadata: walker.view.private_metadata,
        callback_id: walker.view.callback_id,
        state: { values: { login_name: { login_name_input: { type: 'plain_text_input', value: loginName } } } },
      },
    });
    await walker.settle();
    return walker.view;
  };
  const signInLink = (view: { blocks: unknown }) => linkIn(view.blocks);
  const cybozuWrites = () => h.cybozu.calls.filter((c) => c.method !== 'GET');
  const audits = (type: string) =>
    h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === type);
  /** Nothing of a fix exists: no write to cybozu, no report, no action, no secret. */
  const expectNothingWritten = () => {
    expect(cybozuWrites()).toEqual([]);
    expect(h.db.select().from(reports).all()).toEqual([]);
    expect(h.db.select().from(accountActions).all()).toEqual([]);
    expect(h.db.select().from(secrets).all()).toEqual([]);
  };
  const revealButton = (user: string) => {
    const dms = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user}`);
    const elements = dms.flatMap((c) =>
      (
        JSON.parse(JSON.stringify(c.args.blocks ?? [])) as { elements?: { action_id: string; value: string }[] }[]
      ).flatMap((b) => b.elements ?? []),
    );
    return elements.find((e) => e.action_id === 'secret_reveal');
  };

  it('lets an eligible reporter reset their own password after a fresh sign-in, reveal it once, and tells the admins in a thread', async () => {
    await start();
    const walker = await walk(SATO);
    expect(selfServiceButton(walker)).toBe(true);
    expect(JSON.stringify(walker.view.blocks)).toContain('Reset it myself now');

    const modal = await pressSelfService(walker, 'sato');
    const link = new URL(signInLink(modal));
    expect(link.searchParams.get('prompt')).toBe('login');
    expect(link.searchParams.get('max_age')).toBe('300');
    expect(cybozuWrites()).toEqual([]); // nothing before the sign-in

    const page = await openCallback(h, await loginThrough(link.href, 'sato'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('A temporary password was set');
    await h.deliver();

    // One write, to the reporter's own account; cybozu now has the password the reporter will see.
    expect(cybozuWrites().map((c) => c.path)).toEqual(['/v1/users.json']);
    const password = h.cybozu.user('sato')!.password!;
    expect(password).toMatch(/^[A-Za-z0-9]{12,}$/);

    // The report exists, resolved as fixed by self-service, with its thread in the support channel.
    const d = reportThread(h);
    const [report] = h.db.select().from(reports).all();
    expect(report).toMatchObject({
      reporterSlackId: SATO,
      loginName: 'sato',
      remedy: 'reset_password',
      state: 'resolved',
      resolvedBy: SATO,
      assigneeSlackId: null,
    });
    const thread = d.thread(report!.id).join('\n');
    expect(thread).toContain(`*Self-service*: <@${SATO}> signed in again through single sign-on`);
    expect(thread).toContain(`issuer ${provider.url}, subject sub-sato`);
    expect(thread).toContain(`<@${SATO}> ran a password reset of \`sato\``);
    expect(thread).toContain('fresh single sign-on (self-service)');
    const root = h.slack.callsTo('chat.update').at(-1)!;
    expect(JSON.stringify(root.args.blocks)).toContain('fixed by self-service');
    expect(JSON.stringify(root.args.blocks)).not.toContain('report_reset_password'); // no buttons left for admins

    // Audit: the identity proof of the sign-in.
    const verified = audits('self_service.verified');
    expect(verified).toHaveLength(1);
    expect(JSON.parse(verified[0]!.data)).toMatchObject({
      issuer: provider.url,
      subject: 'sub-sato',
      email: 'sato@example.com',
      target: 'sato',
      authTime: expect.any(Number),
    });
    expect(JSON.parse(audits('action.reset_password.succeeded')[0]!.data)).toMatchObject({ identity: 'self_service' });

    // The modal the reporter left open says it is done.
    expect(JSON.stringify(h.slack.callsTo('views.update').at(-1)!.args.view)).toContain(
      'A temporary password was set for `sato`',
    );

    // The DM explains this environment's policy (changed at the next login) and reveals it once.
    const dms = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === `D${SATO}`)
      .map((c) => String(c.args.text));
    expect(dms.join('\n')).toContain('cybozu will ask you to set a new password');
    expect(dms.at(-1)).toContain(`report #${report!.id} has been resolved`); // resolved: "are you back in?" like any resolved report
    const button = revealButton(SATO)!;
    expect(await d.press(SUZUKI, 'secret_reveal', button.value)).toEqual(['This button is not for you.']);
    await d.press(SATO, 'secret_reveal', button.value);
    const reveal = h.slack.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(reveal.args.view)).toContain(password);
    expect(await d.press(SATO, 'secret_reveal', button.value)).toEqual([
      'This password has already been shown and has been erased.',
    ]);

    // The password is in exactly one Slack call (the reveal), never in a log, the audit trail or the browser page.
    expect(h.slack.calls.filter((c) => JSON.stringify(c.args).includes(password))).toEqual([reveal]);
    expect(h.log.text()).not.toContain(password);
    expect(page.html).not.toContain(password);
    expect(JSON.stringify(h.db.$client.prepare('select * from audit_events').all())).not.toContain(password);
    expect(h.db.select().from(secrets).get()).toMatchObject({ sealed: null });
  });

  /** After a refusal the normal report still works: "Send to an admin" makes an ordinary open report. */
  const fallsBackToNormalReport = async (walker: Walker, loginName: string) => {
    await walker.submit(loginName);
    await h.deliver();
    const all = h.db.select().from(reports).all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ state: 'open', resolvedBy: null, loginName });
    expect(cybozuWrites()).toEqual([]);
  };

  it.each([
    ['switched off for the remedy', { on: false }, 'sato', SATO, () => {}, 'self-service is switched off for this.'],
    ['single sign-on not configured', { sso: false }, 'sato', SATO, () => {}, 'this app lacks what self-service needs'],
    [
      "the account's e-mail is not the Slack e-mail",
      {},
      'sato',
      SATO,
      () => h.cybozu.update('sato', { email: 'hanako.sato@example.com' }),
      "the account's e-mail address is not your Slack e-mail address.",
    ],
    [
      "the account is someone else's",
      {},
      'suzuki',
      SATO,
      () => {},
      "the account's e-mail address is not your Slack e-mail address.",
    ],
    [
      'the account is suspended',
      {},
      'sato',
      SATO,
      () => h.cybozu.update('sato', { valid: false }),
      'the account is suspended',
    ],
    [
      'the account is a cybozu.com administrator',
      {},
      'boss',
      'UBOSS0001',
      () => {},
      'accounts of cybozu.com administrators are never fixed by self-service.',
    ],
  ])(
    'at the click, refuses when %s: one line why, nothing written, and the normal report still goes',
    async (_, opts, loginName, user, arrange, line) => {
      await start(opts);
      const walker = await walk(user);
      arrange(); // after the walk: the directory's facts would otherwise lead elsewhere (a suspended account to "resume")
      // Where it cannot be offered at all, no button is drawn; a forged click is still checked on the server.
      expect(selfServiceButton(walker)).toBe(!('on' in opts) && !('sso' in opts));
      const modal = await pressSelfService(walker, loginName);
      const shown = JSON.stringify(modal.blocks);
      expect(shown).toContain('Self-service is not possible');
      expect(shown).toContain(line);
      expect(shown).not.toContain('"url"');
      expect(h.db.select().from(selfServiceAttempts).all()).toEqual([]);
      expectNothingWritten();
      await fallsBackToNormalReport(walker, loginName);
    },
  );

  it.each([
    [
      'someone else signs in with the forwarded link',
      'suzuki',
      () => {},
      'the company account that signed in is not the one of this Slack account.',
    ],
    [
      'the sign-in is older than the freshness setting',
      'sato',
      () => h.clock.advance(7 * 60_000),
      'the sign-in was not a fresh one',
    ],
    [
      "the reporter's Slack e-mail changed meanwhile",
      'sato',
      () => {
        h.slack.setUser(SATO, { email: 'someone.else@example.com', locale: 'en-US', name: 'Sato Hanako' });
        h.clock.advance(61_000);
      },
      'the company account that signed in is not the one of this Slack account.',
    ],
    [
      "the account's cybozu e-mail changed meanwhile",
      'sato',
      () => h.cybozu.update('sato', { email: 'elsewhere@example.com' }),
      "the account's e-mail address is not your Slack e-mail address.",
    ],
    [
      'the account was suspended meanwhile',
      'sato',
      () => h.cybozu.update('sato', { valid: false }),
      'the account is suspended',
    ],
    [
      'the account became an administrator meanwhile',
      'sato',
      () => h.cybozu.update('sato', { administrator: true }),
      'accounts of cybozu.com administrators',
    ],
    [
      'an admin switched self-service off meanwhile',
      'sato',
      () => switchOn({ resetPassword: false, unlock: false }),
      'self-service is switched off for this.',
    ],
  ])(
    'when the sign-in comes back, refuses when %s: nothing written, the reporter told why, the normal report still goes',
    async (_, signInAs, meanwhile, line) => {
      await start();
      const walker = await walk(SATO);
      const link = signInLink(await pressSelfService(walker, 'sato'));
      const redirect = await loginThrough(link, signInAs);
      meanwhile();
      const page = await openCallback(h, redirect);
      expect(page.status).toBe(400);
      expect(page.html).toContain('Self-service did not go ahead');
      expect(page.html).not.toMatch(/Sato Hanako|USATO/); // a colleague who signed in learns nothing about whose link it was
      await h.deliver();
      expectNothingWritten();
      const dm = h.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === `D${SATO}`)
        .at(-1)!;
      expect(String(dm.args.text)).toContain('The self-service password reset of `sato` did not go ahead');
      expect(String(dm.args.text)).toContain(line);
      expect(h.db.select().from(selfServiceAttempts).get()).toMatchObject({
        outcome: 'refused',
        actionId: null,
        reportId: null,
      });
      expect(audits('self_service.refused')).toHaveLength(1);
      await fallsBackToNormalReport(walker, 'sato');
    },
  );

  it('writes once when the button is pressed twice and both sign-ins come back at once, or a callback is replayed', async () => {
    await start();
    const walker = await walk(SATO);
    const first = signInLink(await pressSelfService(walker, 'sato'));
    const second = signInLink(await pressSelfService(walker, 'sato'));
    expect(second).not.toBe(first);
    const [a, b] = [await loginThrough(first, 'sato'), await loginThrough(second, 'sato')];
    const pages = await Promise.all([openCallback(h, a), openCallback(h, b)]);
    expect(pages.map((p) => p.status).sort()).toEqual([200, 400]);
    expect((await openCallback(h, a)).status).toBe(400); // the reloaded page
    await h.deliver();
    expect(cybozuWrites()).toHaveLength(1);
    expect(h.db.select().from(reports).all()).toHaveLength(1);
    expect(h.db.select().from(accountActions).all()).toHaveLength(1);
    expect(h.db.select().from(secrets).all()).toHaveLength(1);
  });

  it('refuses a second self-service fix of the same account within the cooldown, and allows it after', async () => {
    await start();
    const fix = async () => {
      const walker = await walk(SATO);
      const modal = await pressSelfService(walker, 'sato');
      return { walker, modal };
    };
    const once = await fix();
    expect((await openCallback(h, await loginThrough(signInLink(once.modal), 'sato'))).status).toBe(200);
    h.clock.advance(23 * 3_600_000);
    const again = await fix();
    expect(JSON.stringify(again.modal.blocks)).toContain('this account was fixed by self-service recently');
    expect(cybozuWrites()).toHaveLength(1);
    h.clock.advance(2 * 3_600_000);
    const later = await fix();
    expect(JSON.stringify(later.modal.blocks)).toContain('"url"');
  });

  const home = async (user: string) => {
    await h.client.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
    await h.app.idle();
    return JSON.stringify(
      h.slack
        .callsTo('views.publish')
        .filter((c) => c.args.user_id === user)
        .at(-1)!.args.view.blocks,
    );
  };

  it('gives admins a kill switch in App Home: audited, and the next click (and a sign-in on its way back) finds self-service off', async () => {
    await start();
    expect(await home(ADMIN)).toContain('*Self-service* is on for: Set a new password, Unlock (set a new password)');
    expect(await home(ADMIN)).toContain('home_self_service_stop');
    expect(await home(SATO)).not.toContain('home_self_service_stop');
    const walker = await walk(SATO);
    const link = signInLink(await pressSelfService(walker, 'sato'));

    // A non-admin's click (a forged one: they have no button) changes nothing.
    await h.client.blockAction({ userId: SATO, actionId: 'home_self_service_stop', value: 'stop' });
    await h.app.idle();
    expect(h.app.services.environment.get().selfService).toMatchObject({ resetPassword: true, unlock: true });

    await h.client.blockAction({ userId: ADMIN, actionId: 'home_self_service_stop', value: 'stop' });
    await h.app.idle();
    expect(h.app.services.environment.get().selfService).toMatchObject({
      resetPassword: false,
      unlock: false,
      cooldownHours: 24,
    });
    const stopped = audits('settings.self_service.stopped');
    expect(stopped.map((e) => e.actorSlackId)).toEqual([ADMIN]);
    expect(JSON.parse(stopped[0]!.data)).toMatchObject({
      before: { selfService: { resetPassword: true } },
      after: { selfService: { resetPassword: false } },
    });
    expect(await home(ADMIN)).toContain('*Self-service* is off.');

    // The sign-in started before the switch is refused when it comes back; the next walk has no button.
    expect((await openCallback(h, await loginThrough(link, 'sato'))).status).toBe(400);
    expect(cybozuWrites()).toEqual([]);
    expect(selfServiceButton(await walk(SATO))).toBe(false);
  });

  it('keeps the self-service settings through the environment editor, which an admin uses to turn it on per remedy', async () => {
    await start({ on: false });
    const values = {
      lockout: { value: { type: 'radio_buttons', selected_option: { value: 'timed' } } },
      lockout_failures: { value: { type: 'number_input', value: '10' } },
      lockout_minutes: { value: { type: 'number_input', value: '3' } },
      password_length: { value: { type: 'number_input', value: '8' } },
      password_kinds: { value: { type: 'checkboxes', selected_options: [{ value: 'letters' }, { value: 'digits' }] } },
      options: {
        value: { type: 'checkboxes', selected_options: [{ value: 'users_change' }, { value: 'must_change' }] },
      },
      saml: { value: { type: 'checkboxes', selected_options: [] } },
      self_service: { value: { type: 'checkboxes', selected_options: [{ value: 'unlock' }] } },
      self_service_cooldown: { value: { type: 'number_input', value: '48' } },
      self_service_freshness: { value: { type: 'number_input', value: '99' } },
    };
    const refused = await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'home_environment_modal',
      values: values as never,
    });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { self_service_freshness: 'Enter a whole number from 1 to 30.' },
    });
    values.self_service_freshness.value.value = '3';
    await h.client.viewSubmission({ userId: ADMIN, callbackId: 'home_environment_modal', values: values as never });
    await h.app.idle();
    expect(h.app.services.environment.get().selfService).toEqual({
      resetPassword: false,
      unlock: true,
      cooldownHours: 48,
      signInFreshnessMinutes: 3,
    });
    expect(audits('settings.environment.changed').at(-1)!.actorSlackId).toBe(ADMIN);
    // Only the unlock leaf offers it now, and its sign-in asks for a sign-in at most 3 minutes old.
    expect(selfServiceButton(await walk(SATO, 'reset_password'))).toBe(false);
    const walker = await walk(SATO, 'unlock');
    expect(JSON.stringify(walker.view.blocks)).toContain('Unlock it myself now');
    const link = new URL(signInLink(await pressSelfService(walker, 'sato', 'unlock')));
    expect(link.searchParams.get('max_age')).toBe('180');
  });

  it('unlocks by setting a temporary password; a later "still stuck" reopens the report for an admin', async () => {
    await start();
    const walker = await walk(SATO, 'unlock');
    const link = signInLink(await pressSelfService(walker, 'sato', 'unlock'));
    expect((await openCallback(h, await loginThrough(link, 'sato'))).status).toBe(200);
    await h.deliver();
    expect(h.cybozu.user('sato')!.passwordChanges).toBe(1);
    const [report] = h.db.select().from(reports).all();
    expect(report).toMatchObject({ remedy: 'unlock', state: 'resolved', resolvedBy: SATO });
    expect(h.db.select().from(accountActions).get()).toMatchObject({
      kind: 'unlock',
      state: 'succeeded',
      identity: 'self_service',
      requestedBy: SATO,
    });

    const d = reportThread(h);
    await d.press(SATO, 'reporter_still_stuck', report!.id);
    expect(h.db.select().from(reports).get()).toMatchObject({ state: 'open', resolvedBy: null });
    h.app.scheduler.tick();
    await h.deliver();
    // Nobody on duty: it waits for an admin like any report (queued), and the root message offers the admin's buttons.
    expect(JSON.stringify(h.slack.callsTo('chat.update').at(-1)!.args.blocks)).toContain('report_unlock');
  });

  it('hands the report to the admins when cybozu refuses the write: no password is handed out', async () => {
    await start();
    const walker = await walk(SATO);
    const link = signInLink(await pressSelfService(walker, 'sato'));
    h.cybozu.failNext(
      1,
      { status: 500, body: { code: 'CB_IJ01', id: 'err-1', message: 'internal' } },
      { method: 'PUT' },
    );
    const page = await openCallback(h, await loginThrough(link, 'sato'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Handed to an administrator');
    await h.deliver();
    const [report] = h.db.select().from(reports).all();
    expect(report).toMatchObject({ state: 'open', resolvedBy: null });
    expect(h.db.select().from(secrets).all()).toEqual([]);
    expect(revealButton(SATO)).toBeUndefined();
    expect(reportThread(h).thread(report!.id).join('\n')).toContain('this report now needs an administrator');
    expect(h.db.select().from(selfServiceAttempts).get()).toMatchObject({ outcome: 'failed' });
  });

  it('hands a fix interrupted by a crash to the admins at the next start: its outcome is unknown, nobody is left waiting', async () => {
    await start();
    const walker = await walk(SATO);
    const link = signInLink(await pressSelfService(walker, 'sato'));
    // cybozu.com holds the password write; while it is in flight, the database is what a kill -9 would leave.
    let release = () => {};
    h.cybozu.failNext(1, { until: new Promise<void>((resolve) => (release = resolve)) }, { method: 'PUT' });
    const callback = openCallback(h, await loginThrough(link, 'sato'));
    await vi.waitFor(() => expect(cybozuWrites()).toHaveLength(1));
    const crashed = join(mkdtempSync(join(tmpdir(), 'self-service-crash-')), 'crashed.db');
    await h.db.$client.backup(crashed);
    // The first process finishes and goes quiet; what the second sends is told apart from what it sent.
    release();
    await callback;
    await h.deliver();
    const sentBefore = h.slack.calls.length;

    // It starts again a minute later.
    const after = await startHarness({
      slack: h.slack,
      now: h.clock.now() + 60_000,
      env: {
        ADMIN_SLACK_IDS: ADMIN,
        DEFAULT_LOCALE: 'en',
        ...oidcEnv(provider),
        DATABASE_PATH: crashed,
        CYBOZU_BASE_URL: h.cybozu.url,
        CYBOZU_API_TOKEN: CYBOZU_TOKEN,
        SECRET_ENCRYPTION_KEY: SECRET_KEY_HEX,
      },
    });
    try {
      await after.deliver();
      const [report] = after.db.select().from(reports).all();
      // Acknowledged with nobody assigned while the fix ran; now an open report for the admins, like any other.
      expect(report).toMatchObject({ state: 'open', assigneeSlackId: null, resolvedBy: null });
      expect(after.db.select().from(selfServiceAttempts).get()).toMatchObject({
        outcome: 'failed',
        reason: 'interrupted',
      });
      expect(after.db.select().from(accountActions).get()).toMatchObject({ state: 'unknown' });
      const thread = reportThread(after).thread(report!.id).join('\n');
      expect(thread).toContain('this report now needs an administrator');
      expect(thread).toContain('The outcome of the password reset of `sato` is unknown');
      // The root message now offers the admins their buttons.
      const sentAfter = after.slack.calls.slice(sentBefore);
      const rootUpdate = sentAfter.filter((c) => c.method === 'chat.update').at(-1);
      expect(JSON.stringify(rootUpdate!.args.blocks)).toContain('report_reset_password');
      // The reporter, whose sign-in page never answered, hears it from the app.
      const dm = after.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === `D${SATO}`)
        .at(-1);
      expect(String(dm?.args.text)).toContain(`report #${report!.id} went to an administrator`);
      expect(after.db.select().from(secrets).all()).toEqual([]);
    } finally {
      await after.close();
      rmSync(dirname(crashed), { recursive: true, force: true });
    }
  });

  it('counts self-service fixes, admin fixes, self-help and reports per remedy, with the median time to fixed, in stats and App Home', async () => {
    await start();
    // One self-service fix, 2 minutes after the first question.
    const walker = await walk(SATO);
    h.clock.advance(60_000);
    const link = signInLink(await pressSelfService(walker, 'sato'));
    h.clock.advance(60_000);
    expect((await openCallback(h, await loginThrough(link, 'sato'))).status).toBe(200);
    // One report an admin resolves an hour later.
    const d = reportThread(h);
    const r = await d.report('reset_password', 'suzuki', SUZUKI);
    h.clock.advance(3_600_000);
    await d.resolve(ADMIN, r.id);
    // One walk ended "that fixed it" on a self-help leaf that names a password reset when still stuck, after 3 minutes.
    const helped = await new Walker(h, 'UHELPED01').open();
    for (const answer of ['login_error', 'incorrect', 'typed_right'])
      if (helped.answers().includes(answer)) await helped.choose(answer);
    h.clock.advance(3 * 60_000);
    await helped.fixed();
    const line =
      '• Set a new password: self-service 1 (2 min) · admins 1 (1 h 0 min) · self-help 1 (3 min) · reports 2';
    const text = String((await h.client.slashCommand({ userId: ADMIN, text: 'stats' })).body?.text);
    expect(text).toContain('*Fixes by remedy*');
    expect(text).toContain(line);
    expect(await home(ADMIN)).toContain(line);
  });
});
