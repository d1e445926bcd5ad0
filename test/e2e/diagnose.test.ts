import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CYBOZU_TOKEN, startHarness, type Harness } from '../helpers/app-harness.js';

const ADMIN = 'UADMIN001';
const EMPLOYEE = 'UEMPLOY01';

/** Runs `/kintone-login diagnose …` and returns what the user finally sees (the replaced "checking…" answer). */
async function diagnose(h: Harness, userId: string, text = 'diagnose') {
  const responseUrl = h.slack.responseUrl(`diag-${Math.random()}`);
  const ack = await h.client.slashCommand({ userId, text, responseUrl });
  if (ack.body?.text && !/確認しています|Checking/.test(ack.body.text)) return { ack, final: ack.body };
  const final = await h.slack.waitFor(
    (c) => c.method === 'response_url' && c.args._path === new URL(responseUrl).pathname,
  );
  return { ack, final: final.args };
}

describe('/kintone-login diagnose with the directory configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: ADMIN } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.cybozu.addUser({
      code: 'hanako',
      name: 'Sato Hanako',
      email: 'hanako@example.com',
      valid: false,
      services: ['kintone'],
    });
    h.cybozu.addUser({ code: 'jiro', name: 'Suzuki Jiro', email: 'jiro@example.com', services: ['garoon'] });
    h.cybozu.addUser({ code: 'noemail', name: 'No Mail', services: ['kintone'] });
    h.cybozu.addUser({ code: 'shared1', name: 'Shared One', email: 'team@example.com', services: ['kintone'] });
    h.cybozu.addUser({ code: 'shared2', name: 'Shared Two', email: 'team@example.com', services: ['kintone'] });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.cybozu.clearFaults();
    // A minute apart: no test runs into DIAGNOSE_PER_MINUTE or another test's cached environment check.
    h.clock.advance(60_000);
  });

  it('acks at once with "checking…", then shows the environment checks and the caller’s own healthy account (Japanese)', async () => {
    h.slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'ja-JP' });
    const { ack, final } = await diagnose(h, 'UTARO0001');
    expect(ack.body).toMatchObject({ response_type: 'ephemeral', text: 'cybozu.com を確認しています…' });
    expect(final.replace_original).toBe(true);
    expect(final.response_type).toBe('ephemeral');
    const text = final.text as string;
    expect(text).toContain('ログイン画面: OK');
    expect(text).toContain('User API の認証: OK');
    expect(text).toMatch(/cybozu.com への接続: OK · \d+ ms/);
    expect(text).toContain('ログイン名: `taro`(Yamada Taro)');
    expect(text).toContain('状態: 使用中');
    expect(text).toContain('kintone: 利用できます');
    expect(text).toContain(`${h.cybozu.url}/login`);
    expect(text).toContain('アカウントに問題は見つかりませんでした');
    // The API was called with the token, and read-only.
    expect(h.cybozu.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(h.cybozu.calls.some((c) => c.headers.authorization === `Bearer ${CYBOZU_TOKEN}`)).toBe(true);
    expect(h.log.text()).not.toContain(CYBOZU_TOKEN);
  });

  it('says a suspended account cannot log in and needs an admin (English)', async () => {
    h.slack.setUser('UHANAKO01', { email: 'hanako@example.com', locale: 'en-US' });
    const { final } = await diagnose(h, 'UHANAKO01');
    expect(final.text).toContain('Status: *Suspended*');
    expect(final.text).toContain('To ask an administrator for help');
  });

  it('says kintone is not assigned', async () => {
    h.slack.setUser('UJIRO0001', { email: 'jiro@example.com', locale: 'en-US' });
    const { final } = await diagnose(h, 'UJIRO0001');
    expect(final.text).toContain('kintone: *not assigned*');
  });

  it('says when the Slack profile has no e-mail, and when no account has it', async () => {
    h.slack.setUser('UNOMAIL01', { email: null, locale: 'en-US' });
    expect((await diagnose(h, 'UNOMAIL01')).final.text).toContain('Your Slack profile has no e-mail address');
    h.slack.setUser('USTRANGE1', { email: 'nobody@example.com', locale: 'en-US' });
    expect((await diagnose(h, 'USTRANGE1')).final.text).toContain(
      'No cybozu.com account is registered with your Slack e-mail address (nobody@example.com)',
    );
  });

  it('flags an e-mail shared by two accounts: self-service reset cannot work', async () => {
    h.slack.setUser('USHARED01', { email: 'team@example.com', locale: 'en-US' });
    const { final } = await diagnose(h, 'USHARED01');
    expect(final.text).toContain('2 accounts use this e-mail address.');
    expect(final.text).toContain('E-mail: *shared with another account*');
    expect(final.text).toContain('`shared1`');
    expect(final.text).toContain('`shared2`');
  });

  it('lets an admin check another account by login name or by mention, without the environment section', async () => {
    h.slack.setUser(ADMIN, { locale: 'en-US' });
    const byName = (await diagnose(h, ADMIN, 'diagnose noemail')).final.text as string;
    expect(byName).toContain('Account of `noemail`');
    expect(byName).toContain('E-mail: *not registered*');
    expect(byName).not.toContain('Environment');

    h.slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'ja-JP' });
    const byMention = (await diagnose(h, ADMIN, 'diagnose <@UTARO0001|taro>')).final.text as string;
    expect(byMention).toContain('Account of <@UTARO0001>');
    expect(byMention).toContain('Login name: `taro`');

    const unknown = (await diagnose(h, ADMIN, 'diagnose ghost')).final.text as string;
    expect(unknown).toContain('There is no account with this login name');
  });

  it('refuses another account to a non-admin without revealing whether it exists, and never asks the directory', async () => {
    h.slack.setUser(EMPLOYEE, { locale: 'en-US' });
    const before = h.cybozu.calls.length;
    const existing = await diagnose(h, EMPLOYEE, 'diagnose taro');
    const missing = await diagnose(h, EMPLOYEE, 'diagnose ghost');
    expect(existing.final.text).toBe(
      "Only administrators can check someone else's account. Check your own with `/kintone-login diagnose`.",
    );
    expect(missing.final.text).toBe(existing.final.text);
    expect(h.cybozu.calls.length).toBe(before);
  });

  it('explains in plain words when the directory is down, with cybozu’s error id', async () => {
    h.cybozu.failAlways({ status: 520, body: { code: 'CB_WA01', id: 'ERRID-42', message: 'bad' } });
    const { final } = await diagnose(h, ADMIN, 'diagnose taro');
    expect(final.text).toContain("cybozu.com did not accept the bot's credentials");
    expect(final.text).toContain('ERRID-42');

    h.cybozu.clearFaults();
    h.cybozu.failAlways({ drop: true });
    const dropped = await diagnose(h, ADMIN, 'diagnose taro');
    expect(dropped.final.text).toContain('cybozu.com could not be reached');
  });

  it('reports a timeout as such (CYBOZU_TIMEOUT_MS per attempt, reads retried twice)', async () => {
    h.cybozu.failAlways({ delayMs: 10_000 });
    const { final } = await diagnose(h, ADMIN, 'diagnose taro');
    expect(final.text).toContain('did not answer within 1 seconds');
  });
});

describe('/kintone-login diagnose without a directory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('says the directory is not configured and shows the manual steps for the admin screen', async () => {
    h.slack.setUser('UANY00001', { locale: 'ja-JP' });
    const res = await h.client.slashCommand({ userId: 'UANY00001', text: 'diagnose' });
    expect(res.body.text).toContain('cybozu.com との連携が設定されていない');
    expect(res.body.text).toContain('組織/ユーザー');
  });
});
