import { afterEach, describe, expect, it } from 'vitest';
import { accountActions } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTS1';

async function homeText(h: Harness, userId: string): Promise<string> {
  h.slack.clearCalls();
  await h.client.event({ type: 'app_home_opened', user: userId, channel: 'DHOME', tab: 'home' });
  const published = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === userId);
  return JSON.stringify(published.args.view);
}

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

describe('no free licence when resuming a user or assigning kintone', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function start(locale: 'en' | 'ja' = 'en') {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: locale } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: locale === 'en' ? 'en-US' : 'ja-JP' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: locale === 'en' ? 'en-US' : 'ja-JP' });
    return reportThread(h);
  }

  it('resume: explains the seat count and how to free one, keeps cybozu’s words (escaped), never says to try again; the row and App Home keep it', async () => {
    const d = await start();
    const r = await d.report('resume', 'taro', REPORTER);
    h.cybozu.update('taro', { valid: false });
    // The code cybozu uses for this is unconfirmed: a validation-shaped answer whose message speaks of licences.
    h.cybozu.failNext(
      1,
      {
        status: 400,
        body: {
          code: 'CB_VA01',
          id: 'lic-1',
          message: '入力内容が正しくありません。',
          errors: { 'users[0].valid': { messages: ['ライセンス数の上限を超えています <@U000BAD>'] } },
        },
      },
      { method: 'PUT', path: '/v1/users.json' },
    );
    await d.press(ADMIN, BUTTON.resume, r.id);
    await d.confirm(ADMIN);

    expect(h.db.select().from(accountActions).get()).toMatchObject({
      kind: 'resume',
      state: 'failed',
      errorKind: 'no_licence',
      cybozuErrorId: 'lic-1',
    });
    expect(h.cybozu.user('taro')!.valid).toBe(false);
    const said = d.thread(r.id).at(-1)!;
    expect(said).toContain('there is no free licence');
    expect(said).toContain('Licences are bought per user (seat)');
    expect(said).toContain('remove kintone from someone who has left');
    expect(said).toContain('cybozu.com Store administrator buys more users');
    expect(said).toContain("cybozu's message: ライセンス数の上限を超えています &lt;@U000BAD&gt;");
    expect(said).toContain('`lic-1`');
    expect(said).not.toContain('<@U000BAD>');
    expect(said).not.toMatch(/try again|run it again/i);
    expect(said).not.toContain('Retrying will not help until the password policy');

    // The admin's App Home shows why the last action on the report failed.
    const home = await homeText(h, ADMIN);
    expect(home).toContain('no free licence');
  });

  it('assign kintone: recognised whatever the code and status (an English message), in Japanese too', async () => {
    const d = await start('ja');
    h.cybozu.update('taro', { services: ['garoon'] });
    const r = await d.report('assign_kintone', 'taro', REPORTER);
    h.cybozu.failNext(
      1,
      {
        status: 520,
        body: { code: 'GAIA_LC01', id: 'lic-2', message: 'The number of users exceeds the license limit.' },
      },
      { method: 'PUT', path: '/v1/users/services.json' },
    );
    await d.press(ADMIN, BUTTON.assign_kintone, r.id);
    await d.confirm(ADMIN);
    expect(h.db.select().from(accountActions).get()).toMatchObject({
      kind: 'assign_kintone',
      state: 'failed',
      errorKind: 'no_licence',
    });
    expect(h.cybozu.user('taro')!.services).toEqual(['garoon']);
    const said = d.thread(r.id).at(-1)!;
    expect(said).toContain('空きライセンスがないため');
    expect(said).toContain('サイボウズドットコム ストアの管理者');
    expect(said).toContain('席が空くまでは、再実行しても解決しません');
    expect(said).not.toContain('もう一度実行できます');
  });

  it('a validation error that does not speak of licences stays a validation error', async () => {
    const d = await start();
    const r = await d.report('resume', 'taro', REPORTER);
    h.cybozu.update('taro', { valid: false });
    h.cybozu.failNext(
      1,
      {
        status: 400,
        body: {
          code: 'CB_VA01',
          id: 'va-1',
          message: '入力内容が正しくありません。',
          errors: { 'users[0].valid': { messages: ['真偽値を指定してください。'] } },
        },
      },
      { method: 'PUT', path: '/v1/users.json' },
    );
    await d.press(ADMIN, BUTTON.resume, r.id);
    await d.confirm(ADMIN);
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'failed', errorKind: 'validation' });
    expect(d.thread(r.id).at(-1)).not.toContain('licence');
  });
});

describe('the bot’s cybozu.com account has two-factor authentication (CB_TW02)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  const TW02 = {
    status: 520,
    body: { code: 'CB_TW02', id: 'tw-1', message: '2要素認証が有効なユーザーはパスワード認証を利用できません。' },
  };

  it('tells admins what to change: in diagnose, at the button, and in the thread when a write is refused — without "run it again"', async () => {
    h = await startHarness({
      cybozu: true,
      cybozuCredentials: { login: 'itadmin', password: 'pw-admin' },
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en' },
    });
    h.cybozu.addUser({ code: 'itadmin', name: 'IT Admin', email: 'it@example.com', administrator: true });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(ADMIN, { email: 'it@example.com', locale: 'en-US' });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    const d = reportThread(h);
    const r = await d.report('resume', 'taro', REPORTER);
    h.cybozu.update('taro', { valid: false });

    // A write refused with CB_TW02: the thread names the fix.
    h.cybozu.failNext(1, TW02, { method: 'PUT' });
    await d.press(ADMIN, BUTTON.resume, r.id);
    await d.confirm(ADMIN);
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'failed', errorKind: 'two_factor' });
    const said = d.thread(r.id).at(-1)!;
    expect(said).toContain('the CYBOZU_LOGIN account has two-factor authentication on');
    expect(said).toContain('switch to an API token (CYBOZU_API_TOKEN)');
    expect(said).toContain('Running it again will not help until this is fixed');
    expect(said).not.toContain('You can run it again');

    // Every call refused: the button's check and the admin's diagnose say the same.
    h.cybozu.failAlways(TW02);
    await d.press(ADMIN, BUTTON.resume, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('has two-factor authentication on');
    const diag = await diagnoseText(h, ADMIN, 'taro');
    expect(diag).toContain('the CYBOZU_LOGIN account has two-factor authentication on');
    expect(diag).toContain('`tw-1`');
    expect(h.log.text()).not.toContain('pw-admin');
  });
});

describe('the built-in Administrator (not listed by the services API)', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function start() {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en' } });
    // cybozu does not output Administrator from GET /v1/users/services.json; the fake refuses to, so asking shows.
    h.cybozu.addUser({ code: 'Administrator', name: 'Administrator', email: 'root@example.com', administrator: true });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    h.slack.setUser('UROOT0001', { email: 'root@example.com', locale: 'en-US' });
    return reportThread(h);
  }

  it('is never reported as "kintone not assigned": not by diagnose, not by the troubleshooter', async () => {
    await start();
    const diag = await diagnoseText(h, ADMIN, 'Administrator');
    expect(diag).toContain('`Administrator`');
    expect(diag).not.toContain('not assigned');

    // The person who uses it is asked, not sent to "kintone not assigned" by an empty service list.
    const walker = await new Walker(h, 'UROOT0001').open();
    await walker.choose('after_password');
    expect(walker.answers()).toContain('no_kintone');
    expect(walker.text()).not.toContain('kintone is not assigned');
    expect(
      h.cybozu.calls.filter(
        (c) => c.path === '/v1/users/services.json' && JSON.stringify(c.query).includes('Administrator'),
      ),
    ).toHaveLength(0);
  });

  it('is never offered the kintone assignment, at the button or at the confirmation', async () => {
    const d = await start();
    const r = await d.report('assign_kintone', 'Administrator', REPORTER);
    expect(r.loginName).toBe('Administrator');
    await d.press(ADMIN, BUTTON.assign_kintone, r.id);
    const shown = JSON.stringify(d.confirmView());
    expect(shown).toContain('`Administrator` already has kintone');
    expect(shown).not.toContain('account_action_confirm');
    expect(d.puts()).toHaveLength(0);
    expect(h.db.select().from(accountActions).all()).toHaveLength(0);
  });
});
