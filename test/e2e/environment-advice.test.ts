import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTS1';
const SELF_RESET = /ログインでお困りですか|Having trouble logging in/;

/** Leaves that advised the e-mail reset whatever the settings said, and the answers that reach them. */
const PASSWORD_LEAVES = {
  password_typing: ['login_error', 'incorrect', 'typed_right'],
  lockout_wait: ['login_error', 'locked', 'minutes'],
  saved_password: ['login_error', 'incorrect', 'saved_password'],
} as const;

async function diagnoseText(h: Harness, userId: string, target = ''): Promise<string> {
  h.clock.advance(60_000);
  const responseUrl = h.slack.responseUrl(`diag-${Math.random()}`);
  await h.client.slashCommand({ userId, text: `diagnose ${target}`.trim(), responseUrl });
  const final = await h.slack.waitFor(
    (c) =>
      c.method === 'response_url' && c.args._path === new URL(responseUrl).pathname && c.args.replace_original === true,
  );
  return String(final.args.text);
}

describe('the advice follows the environment settings', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function start(env: Record<string, string> = {}, locale: 'en' | 'ja' = 'en') {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: locale, ...env } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.cybozu.addUser({
      code: 'boss',
      name: 'The Boss',
      email: 'boss@example.com',
      services: ['kintone'],
      administrator: true,
    });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: locale === 'en' ? 'en-US' : 'ja-JP' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: locale === 'en' ? 'en-US' : 'ja-JP' });
    return reportThread(h);
  }

  async function leafText(path: readonly string[]): Promise<string> {
    const walker = await new Walker(h, REPORTER).open();
    for (const answer of path) await walker.choose(answer);
    return walker.text();
  }

  it.each(['en', 'ja'] as const)(
    'self-reset on (%s): the password leaves point to 「ログインでお困りですか?」',
    async (locale) => {
      await start({}, locale);
      for (const path of Object.values(PASSWORD_LEAVES))
        expect(await leafText(path)).toContain('「ログインでお困りですか?」');
    },
  );

  it.each(['en', 'ja'] as const)(
    'self-reset off (%s): no leaf mentions it; they send the user to an administrator instead',
    async (locale) => {
      await start({ CYBOZU_SELF_RESET: 'false' }, locale);
      for (const [leaf, path] of Object.entries(PASSWORD_LEAVES)) {
        const text = await leafText(path);
        expect(text, leaf).not.toMatch(SELF_RESET);
        expect(text, leaf).toContain(
          locale === 'en'
            ? 'ask an administrator from here to set a new'
            : '管理者にパスワードの再設定を依頼してください',
        );
      }
      // diagnose does not promise a self-service reset either.
      const diag = await diagnoseText(h, REPORTER);
      expect(diag).not.toMatch(SELF_RESET);
      expect(diag).toContain(locale === 'en' ? 'Self-service password reset: *off*' : 'パスワードの自己リセット');
    },
  );

  it('SAML required: the password leaves say a cybozu.com reset does not help (the IdP does), and where admins still use a password', async () => {
    await start({ CYBOZU_SAML_REQUIRED: 'true' });
    for (const [leaf, path] of Object.entries(PASSWORD_LEAVES)) {
      const text = await leafText(path);
      expect(text, leaf).toContain('SAML authentication is required here');
      expect(text, leaf).toContain('resetting the cybozu.com password does not help');
      expect(text, leaf).toContain(`${h.cybozu.url}/login?saml=off`);
      expect(text, leaf).not.toMatch(SELF_RESET);
    }
    // The forgotten-password path ends at an admin reset: that leaf says it too.
    const walker = await new Walker(h, REPORTER).open();
    for (const answer of ['login_error', 'incorrect', 'forgot', 'no_form_or_mail']) await walker.choose(answer);
    expect(walker.text()).toContain('SAML authentication is required here');
    // diagnose: the IdP, not cybozu's reset.
    const diag = await diagnoseText(h, REPORTER);
    expect(diag).toContain('SAML authentication (your company sign-in, the IdP) is required');
    expect(diag).not.toMatch(SELF_RESET);
  });

  it('SAML required with password login closed to admins: no ?saml=off advice', async () => {
    await start({ CYBOZU_SAML_REQUIRED: 'true', CYBOZU_SAML_ADMIN_PASSWORD_LOGIN: 'false' });
    const text = await leafText(PASSWORD_LEAVES.password_typing);
    expect(text).toContain('SAML authentication is required here');
    expect(text).not.toContain('saml=off');
  });

  it('SAML required: a password reset’s confirmation warns the admin; for an administrator target it says the password still serves ?saml=off', async () => {
    const d = await start({ CYBOZU_SAML_REQUIRED: 'true' });
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    const shown = JSON.stringify(d.confirmView().blocks);
    expect(shown).toContain('a new cybozu.com password does not get them in');
    expect(shown).toContain('used only by cybozu.com administrators');
    await d.resolve(ADMIN, r.id);

    h.slack.setUser('UBOSS0001', { email: 'boss@example.com', locale: 'en-US' });
    const boss = await d.report('reset_password', 'boss', 'UBOSS0001');
    await d.press(ADMIN, BUTTON.reset_password, boss.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain(
      'This account is a cybozu.com administrator: it can use the new password',
    );
  });

  it('SAML not required: no SAML warning in the confirmation', async () => {
    const d = await start();
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).not.toContain('SAML');
  });

  it('an admin’s diagnose shows the settings summary (lockout, policy, self-reset, SAML); an employee’s does not', async () => {
    await start({
      CYBOZU_LOCKOUT_MINUTES: 'never',
      CYBOZU_LOCKOUT_FAILURES: '5',
      CYBOZU_PASSWORD_MIN_LENGTH: '16',
      CYBOZU_PASSWORD_KINDS: 'letters,digits,symbols',
      CYBOZU_SELF_RESET: 'false',
      CYBOZU_SAML_REQUIRED: 'true',
    });
    const admin = await diagnoseText(h, ADMIN, 'taro');
    expect(admin).toContain('cybozu.com settings kept in this app');
    expect(admin).toContain('Not saved yet');
    expect(admin).toContain('Account lockout: after 5 failed logins, never released by time');
    expect(admin).toContain('Password policy: at least 16 characters; Letters / Digits / Symbols; not the login name');
    expect(admin).toContain('Users may reset their password by e-mail ("Having trouble logging in?"): off');
    expect(admin).toContain('SAML authentication: required (admins may log in with a password, ?saml=off: on)');
    const employee = await diagnoseText(h, REPORTER);
    expect(employee).not.toContain('cybozu.com settings kept in this app');
  });
});

describe('manual steps for an admin follow the settings (no directory connected)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function manualSteps(env: Record<string, string>): Promise<string> {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en', ...env } });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    const d = reportThread(h);
    await d.report('reset_password', 'taro', REPORTER);
    return JSON.stringify(h.rootMessages().at(-1)!.args.blocks);
  }

  it('forced change on (cybozu’s default): cybozu asks at the next login', async () => {
    const steps = await manualSteps({});
    expect(steps).toContain('[パスワードの変更] (Change password): set a new one');
    expect(steps).toContain('cybozu asks the person for a new password at the next login');
    expect(steps).not.toContain('must change at next login');
  });

  it('forced change off: tell the person to change it themselves', async () => {
    const steps = await manualSteps({ CYBOZU_MUST_CHANGE_TEMPORARY_PASSWORD: 'false' });
    expect(steps).toContain('cybozu does not ask for a change here: tell the person to change it after logging in');
    expect(steps).not.toContain('asks the person for a new password');
  });

  it('users may not change passwords: the password set stays; with SAML required, the admin is warned', async () => {
    const steps = await manualSteps({ CYBOZU_USERS_MAY_CHANGE_PASSWORD: 'false', CYBOZU_SAML_REQUIRED: 'true' });
    expect(steps).toContain('stays in use as it is');
    expect(steps).not.toContain('asks the person for a new password');
    expect(steps).toContain('a new cybozu.com password does not get them in');
  });
});
