import { afterEach, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, environmentSettings } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const OTHER_ADMIN = 'UADMINTWO';
const REPORTER = 'UREPORTS1';

/** The settings form as Slack submits it; `over` replaces blocks. Defaults mirror cybozu's. */
function form(over: Record<string, unknown> = {}) {
  const checked = (...values: string[]) => ({ value: { selected_options: values.map((value) => ({ value })) } });
  return {
    lockout: { value: { selected_option: { value: 'timed' } } },
    lockout_failures: { value: { value: '10' } },
    lockout_minutes: { value: { value: '3' } },
    password_length: { value: { value: '8' } },
    password_kinds: checked('letters', 'digits'),
    options: checked('not_login_name', 'users_change', 'must_change', 'self_reset'),
    saml: checked('admin_password'),
    login_failure_message: { value: { value: '' } },
    ...over,
  };
}
const checked = (...values: string[]) => ({ value: { selected_options: values.map((value) => ({ value })) } });

describe('environment settings (App Home → cybozu.com settings)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function start(env: Record<string, string> = {}) {
    h = await startHarness({
      cybozu: true,
      env: { ADMIN_SLACK_IDS: `${ADMIN},${OTHER_ADMIN}`, DEFAULT_LOCALE: 'en', ...env },
    });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    for (const id of [ADMIN, OTHER_ADMIN])
      h.slack.setUser(id, { email: `${id.toLowerCase()}@example.com`, locale: 'en-US' });
    return reportThread(h);
  }

  async function save(userId: string, values: Record<string, unknown>) {
    const res = await h.client.viewSubmission({
      userId,
      callbackId: 'home_environment_modal',
      values: values as never,
    });
    await h.app.idle();
    return res;
  }

  it('lets an admin open the editor from App Home and save; refuses non-admins at the click and at submission; audits the change', async () => {
    await start();
    await h.client.event({ type: 'app_home_opened', user: ADMIN, channel: 'DHOME', tab: 'home' });
    const home = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === ADMIN);
    expect(JSON.stringify(home.args.view)).toContain('"action_id":"home_edit_environment"');
    // Until the login-failure message mentions the command, admins are told to put it there.
    expect(JSON.stringify(home.args.view)).toContain('the message shown when a login fails');

    await h.client.blockAction({
      userId: ADMIN,
      actionId: 'home_edit_environment',
      value: 'edit',
      triggerId: 'trig-env',
    });
    await h.app.idle();
    const opened = h.slack.callsTo('views.open').at(-1)!;
    expect(opened.args).toMatchObject({ trigger_id: 'trig-env', view: { callback_id: 'home_environment_modal' } });
    // cybozu's defaults until someone saves.
    expect(JSON.stringify(opened.args.view)).toContain('"initial_value":"3"');

    // A non-admin gets no editor, and a forged submission changes nothing.
    h.slack.clearCalls();
    await h.client.blockAction({
      userId: REPORTER,
      actionId: 'home_edit_environment',
      value: 'edit',
      triggerId: 'trig-env2',
    });
    await h.app.idle();
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    const forged = await save(REPORTER, form({ lockout: { value: { selected_option: { value: 'never' } } } }));
    expect(forged.body).toMatchObject({
      response_action: 'errors',
      errors: { lockout: 'Only administrators can do this.' },
    });
    expect(h.db.select().from(environmentSettings).all()).toHaveLength(0);

    // Values are checked on the server with field errors.
    const bad = await save(
      ADMIN,
      form({
        lockout_minutes: { value: { value: '' } },
        password_length: { value: { value: '65' } },
        lockout_failures: { value: { value: 'x' } },
      }),
    );
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: {
        lockout_minutes: expect.stringContaining('needs the minutes'),
        password_length: 'Enter a whole number from 1 to 64.',
        lockout_failures: 'Enter a whole number from 1 to 100.',
      },
    });
    expect(h.db.select().from(environmentSettings).all()).toHaveLength(0);

    const ok = await save(
      ADMIN,
      form({
        lockout: { value: { selected_option: { value: 'never' } } },
        lockout_failures: { value: { value: '5' } },
        login_failure_message: { value: { value: 'Use /kintone-login in Slack' } },
      }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('');
    const saved = h.app.services.environment.get();
    expect(saved.lockout).toEqual({ enabled: true, failures: 5, unlockAfterMinutes: null });
    expect(saved.loginFailureMessage).toBe('Use /kintone-login in Slack');
    const audit = h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === 'settings.environment.changed');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorSlackId).toBe(ADMIN);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      before: { lockout: { unlockAfterMinutes: 3 } },
      after: { lockout: { unlockAfterMinutes: null, failures: 5 } },
    });

    const republished = h.slack
      .callsTo('views.publish')
      .filter((c) => c.args.user_id === ADMIN)
      .at(-1)!;
    expect(JSON.stringify(republished.args.view)).not.toContain('the message shown when a login fails');

    // The editor reopens with what was saved.
    await h.client.blockAction({
      userId: ADMIN,
      actionId: 'home_edit_environment',
      value: 'edit',
      triggerId: 'trig-env3',
    });
    await h.app.idle();
    expect(JSON.stringify(h.slack.callsTo('views.open').at(-1)!.args.view)).toContain('"initial_value":"5"');
  });

  it('generates temporary passwords that satisfy a strict policy (16 characters with symbols and both cases); cybozu accepts them', async () => {
    const d = await start({
      CYBOZU_PASSWORD_MIN_LENGTH: '16',
      CYBOZU_PASSWORD_KINDS: 'letters,digits,symbols,mixed_case',
    });
    h.cybozu.setPasswordPolicy((pw, code) =>
      pw.length < 16 || !/[^A-Za-z0-9]/.test(pw) || !/[A-Z]/.test(pw) || !/[a-z]/.test(pw) || pw.includes(code)
        ? 'パスワードはポリシーを満たしていません。'
        : null,
    );
    for (let i = 0; i < 3; i++) {
      const r = await d.report('reset_password', 'taro', REPORTER);
      await d.press(ADMIN, BUTTON.reset_password, r.id);
      await d.confirm(ADMIN);
      expect(h.db.select().from(accountActions).all().at(-1)!.state).toBe('succeeded');
      const password = h.cybozu.user('taro')!.password!;
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      await d.resolve(ADMIN, r.id);
    }
    expect(h.cybozu.user('taro')!.passwordChanges).toBe(3);
  });

  it('shows cybozu’s own message when it rejects the password (CB_VA01), escaped, and says retrying will not help', async () => {
    const d = await start();
    h.cybozu.setPasswordPolicy(() => 'パスワードは20文字以上 <@U000BAD> *必須*');
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    await d.confirm(ADMIN);
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'failed', errorKind: 'validation' });
    const said = d.thread(r.id).at(-1)!;
    expect(said).toContain("cybozu's message: パスワードは20文字以上 &lt;@U000BAD&gt;");
    expect(said).toContain('Retrying will not help until the password policy');
    expect(said).not.toContain('You can run it again');
    expect(said).not.toContain('<@U000BAD>');
  });

  it('with a lockout that is never released: the troubleshooter goes straight to an admin unlock, and the unlock has no "wait"', async () => {
    const d = await start({ CYBOZU_LOCKOUT_MINUTES: 'never' });
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('login_error');
    await walker.choose('locked');
    expect(walker.text()).toContain('An administrator will unlock your account');
    expect(walker.text()).not.toContain('Wait a little');

    const r = await d.report('unlock', 'taro', REPORTER);
    expect(r.remedy).toBe('unlock');
    await d.press(ADMIN, BUTTON.unlock, r.id);
    const shown = JSON.stringify(d.confirmView().blocks);
    expect(shown).not.toContain('fix_choice');
    expect(shown).not.toMatch(/wait \d+ minutes/);
    expect(shown).toContain('never released by time');
    // A forged "wait" is refused; the plain confirmation sets a new password (which unlocks).
    await d.confirm(ADMIN, { fix: { fix_choice: { selected_option: { value: 'wait' } } } });
    expect(d.puts()).toHaveLength(0);
    await d.press(ADMIN, BUTTON.unlock, r.id);
    await d.confirm(ADMIN);
    expect(d.puts()).toHaveLength(1);
    expect(
      h.db
        .select()
        .from(accountActions)
        .all()
        .map((a) => a.kind),
    ).toEqual(['unlock']);
  });

  it('uses the saved lockout minutes in the tree and in "ask them to wait"', async () => {
    const d = await start();
    await save(ADMIN, form({ lockout_minutes: { value: { value: '30' } } }));
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('login_error');
    await walker.choose('locked');
    await walker.choose('minutes');
    expect(walker.text()).toContain('usually 30 minutes here');
    const r = await d.report('unlock', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.unlock, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('Ask them to wait 30 minutes');
    await d.confirm(ADMIN, { fix: { fix_choice: { selected_option: { value: 'wait' } } } });
    expect(d.dmsTo(REPORTER).at(-1)!.args.text).toContain('wait about 30 minutes');
  });

  it('with self-service reset off, a forgotten password goes to an admin reset without self-reset advice', async () => {
    await start();
    await save(ADMIN, form({ options: checked('not_login_name', 'users_change', 'must_change') }));
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('login_error');
    await walker.choose('incorrect');
    await walker.choose('forgot');
    expect(walker.answers()).not.toContain('form');
    expect(walker.text()).not.toContain('Reset your password yourself');
    expect(walker.view.submit).toBeDefined();
  });

  it('with the forced change off, tells the reporter to change the password themselves, and how', async () => {
    const d = await start({ CYBOZU_MUST_CHANGE_TEMPORARY_PASSWORD: 'false' });
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('cybozu does not ask for a change');
    await d.confirm(ADMIN);
    const dm = String(d.dmsTo(REPORTER).at(-1)!.args.text);
    expect(dm).toContain('please change it yourself');
    expect(dm).toContain('[パスワードの変更]');
    expect(dm).not.toContain('cybozu will ask you');
  });

  it('where users may not change passwords, says nothing about changing it to the reporter and tells the admins it stays', async () => {
    const d = await start();
    await save(ADMIN, form({ options: checked('not_login_name', 'must_change', 'self_reset') }));
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('stays in use as it is');
    await d.confirm(ADMIN);
    expect(d.thread(r.id).at(-1)).toContain('stays in use as it is');
    const dm = String(d.dmsTo(REPORTER).at(-1)!.args.text);
    expect(dm).toContain('set a password for your account');
    expect(dm).not.toMatch(/change/i);
  });
});
