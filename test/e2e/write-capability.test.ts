import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, reportThread } from '../helpers/report-thread.js';

const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTS1';
const HEALTH = { authorization: 'Bearer test-health-token' };
const READ_ONLY_TOKEN = 'cy.s.api1.read-only-token';

async function healthWrites(h: Harness): Promise<unknown> {
  const res = await fetch(`${h.baseUrl}/healthz`, { headers: HEALTH });
  return ((await res.json()) as { directoryWrites?: unknown }).directoryWrites;
}

/** The start-up check runs after Slack is reached, without delaying it: wait for its line. */
async function startupLine(h: Harness): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const line = h.log.entries.find((e) => String(e.msg).startsWith('cybozu.com'));
    if (line) return line;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('no start-up line about the cybozu.com credentials');
}

async function homeText(h: Harness, userId: string): Promise<string> {
  h.slack.clearCalls();
  await h.client.event({ type: 'app_home_opened', user: userId, channel: 'DHOME', tab: 'home' });
  const published = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === userId);
  return JSON.stringify(published.args.view);
}

async function diagnoseText(h: Harness, userId: string): Promise<string> {
  h.clock.advance(60_000);
  const responseUrl = h.slack.responseUrl(`diag-${Math.random()}`);
  await h.client.slashCommand({ userId, text: 'diagnose', responseUrl });
  const final = await h.slack.waitFor(
    (c) => c.method === 'response_url' && c.args._path === new URL(responseUrl).pathname,
  );
  return String(final.args.text);
}

describe('whether the cybozu.com credentials can change users', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('reports a password account outside Administrators before any action: start-up line, /healthz, App Home, diagnose', async () => {
    h = await startHarness({
      cybozu: true,
      cybozuCredentials: { login: 'helpdesk', password: 'pw-not-admin' },
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en' },
    });
    h.cybozu.addUser({ code: 'helpdesk', name: 'Help Desk', email: 'helpdesk@example.com' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });

    const line = await startupLine(h);
    expect(line.level).toBe(40);
    expect(line.msg).toContain('cannot change users: CYBOZU_LOGIN is not a cybozu.com common administrator');
    expect(await healthWrites(h)).toEqual({ auth: 'password', verdict: 'not_administrator' });
    expect(h.cybozu.callsTo('GET', '/v1/user/groups.json').at(-1)!.query).toEqual({ code: 'helpdesk' });

    const home = await homeText(h, ADMIN);
    expect(home).toContain('CYBOZU_LOGIN (`helpdesk`) is not a cybozu.com common administrator');
    expect(home).toContain('add this account to the Administrators group');
    expect(await diagnoseText(h, ADMIN)).toContain(
      'CYBOZU_LOGIN (`helpdesk`) is not a cybozu.com common administrator',
    );
    // Nothing was written to find out, and the password is nowhere in the logs.
    expect(h.cybozu.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(h.log.text()).not.toContain('pw-not-admin');
  });

  it('says OK for a common administrator, and shows employees nothing of it', async () => {
    h = await startHarness({
      cybozu: true,
      cybozuCredentials: { login: 'itadmin', password: 'pw-admin' },
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'ja' },
    });
    h.cybozu.addUser({ code: 'itadmin', name: 'IT Admin', email: 'it@example.com', administrator: true });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(ADMIN, { email: 'it@example.com', locale: 'ja-JP' });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'ja-JP' });
    expect((await startupLine(h)).msg).toContain('can change users');
    expect(await healthWrites(h)).toEqual({ auth: 'password', verdict: 'administrator' });
    expect(await homeText(h, ADMIN)).toContain('CYBOZU_LOGIN(`itadmin`)は cybozu.com共通管理者です。');
    const employee = await diagnoseText(h, REPORTER);
    expect(employee).not.toContain('CYBOZU_LOGIN');
    expect(await homeText(h, REPORTER)).not.toContain('CYBOZU_LOGIN');
  });

  it('says which scope a token needs, turns the first CB_NO02 into a standing warning (kept over a restart), and clears it after a successful write', async () => {
    h = await startHarness({
      cybozu: true,
      cybozuCredentials: { token: READ_ONLY_TOKEN, tokenScope: 'read' },
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en' },
    });
    const d = reportThread(h);
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });

    // Before any action: the scope cannot be read, so say which one is needed.
    expect((await startupLine(h)).msg).toContain('"Read and Write"');
    expect(await healthWrites(h)).toEqual({ auth: 'token', verdict: 'scope_unknown' });
    expect(await homeText(h, ADMIN)).toContain(
      'Resetting passwords and resuming accounts need the \\"Read and Write\\" scope',
    );

    // The first reset meets CB_NO02: the thread says what to fix, for a token.
    const r = await d.report('reset_password', 'taro', REPORTER);
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    await d.confirm(ADMIN);
    expect(h.cybozu.callsTo('PUT', '/v1/users.json')).toHaveLength(1);
    expect(d.thread(r.id).at(-1)).toContain("the bot's API token lacks the scope");
    expect(d.thread(r.id).at(-1)).toContain('"Read and Write"');
    const warned = h.log.entries.filter((e) => String(e.msg).includes('refused a change to a user (CB_NO02)'));
    expect(warned).toHaveLength(1);
    expect(h.log.text()).not.toContain(READ_ONLY_TOKEN);

    // A standing warning everywhere, and it survives a restart.
    await h.restart();
    h.clock.advance(61_000);
    expect(await homeText(h, ADMIN)).toContain('cybozu.com refused to change a user (CB_NO02, no privilege)');
    expect(await diagnoseText(h, ADMIN)).toContain('This warning stays until a change succeeds.');
    expect(await healthWrites(h)).toMatchObject({ auth: 'token', verdict: 'refused' });
    expect(
      h.log.entries.some((e) => String(e.msg).includes('cannot change users: a change was refused (CB_NO02)')),
    ).toBe(true);

    // The token gets the scope; the next write succeeds and the warning is gone.
    (h.cybozu as unknown as { credentials: { tokenScope: string } }).credentials.tokenScope = 'write';
    await d.press(ADMIN, BUTTON.reset_password, r.id);
    await d.confirm(ADMIN);
    expect(h.cybozu.user('taro')!.passwordChanges).toBe(1);
    const home = await homeText(h, ADMIN);
    expect(home).not.toContain('CB_NO02');
    expect(home).toContain('\\"Read and Write\\" scope');
  });
});
