import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, secrets } from '../../db/schema.js';
import { CYBOZU_TOKEN, startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, PATHS, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UREPORTS1';

describe('account actions from the report thread', () => {
  let h: Harness;
  let d: ReturnType<typeof reportThread>;
  beforeEach(async () => {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en' } });
    d = reportThread(h);
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone', 'garoon'] });
    h.cybozu.addUser({
      code: 'boss',
      name: 'The Boss',
      email: 'boss@example.com',
      services: ['kintone'],
      administrator: true,
    });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    for (const id of [A1, A2]) h.slack.setUser(id, { email: `${id.toLowerCase()}@example.com`, locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  const report = (remedy: keyof typeof PATHS, loginName = 'taro', user = REPORTER) => d.report(remedy, loginName, user);

  it('resets a suspended user’s password without re-activating them; the password reaches only the reporter, once', async () => {
    h.cybozu.addUser({ code: 'hanako', name: 'Sato Hanako', email: 'hanako@example.com', services: ['kintone'] });
    h.slack.setUser('UHANAKO01', { email: 'hanako@example.com', locale: 'ja-JP' });
    const r = await report('reset_password', 'hanako', 'UHANAKO01');
    h.cybozu.update('hanako', { valid: false });
    expect(JSON.stringify(h.rootMessages().at(-1)!.args.blocks)).toContain('"action_id":"report_reset_password"');

    await d.press(A1, BUTTON.reset_password, r.id);
    const view = d.confirmView();
    expect(view.callback_id).toBe('account_action_confirm');
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('`hanako` (Sato Hanako)');
    expect(shown).toContain('Current status: Suspended');
    expect(shown).toContain('does not change');
    expect(shown).toContain("matches the account's e-mail");
    await d.confirm(A1);

    const put = d.puts().find((c) => c.path === '/v1/users.json')!;
    expect(put.body).toMatchObject({ users: [{ code: 'hanako', valid: false }] });
    expect(put.headers.authorization).toBe(`Bearer ${CYBOZU_TOKEN}`);
    const password = h.cybozu.user('hanako')!.password!;
    expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z\d]{12,}$/);
    expect(h.cybozu.user('hanako')!.valid).toBe(false);

    expect(d.thread(r.id).at(-1)).toContain('ran a password reset of `hanako`');
    const dm = d.dmsTo('UHANAKO01').at(-1)!;
    expect(dm.args.text).toContain('一時パスワードを設定しました');
    const secretButton = JSON.parse(JSON.stringify(dm.args.blocks))
      .flatMap((b: { elements?: { action_id: string; value: string }[] }) => b.elements ?? [])
      .find((e: { action_id: string }) => e.action_id === 'secret_reveal');

    // Nobody else can reveal it; the reporter sees it once, in a modal; then it is erased.
    expect(await d.press(A1, 'secret_reveal', secretButton.value)).toEqual(['This button is not for you.']);
    await d.press('UHANAKO01', 'secret_reveal', secretButton.value);
    const reveal = h.slack.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(reveal.args.view)).toContain(password);
    expect(await d.press('UHANAKO01', 'secret_reveal', secretButton.value)).toEqual([
      'このパスワードはすでに表示されたため削除されました。',
    ]);
    expect(h.db.select().from(secrets).get()).toMatchObject({ sealed: null });

    // The password is in exactly one Slack call (the reveal modal), and never in logs or the database.
    const carrying = h.slack.calls.filter((c) => JSON.stringify(c.args).includes(password));
    expect(carrying).toEqual([reveal]);
    expect(h.log.text()).not.toContain(password);
    expect(JSON.stringify(h.db.$client.prepare('select * from audit_events').all())).not.toContain(password);
    expect(h.log.text()).not.toContain(CYBOZU_TOKEN);
    const audit = h.db
      .select()
      .from(auditEvents)
      .all()
      .find((e) => e.type === 'action.reset_password.succeeded')!;
    expect(audit.actorSlackId).toBe(A1);
    expect(JSON.parse(audit.data)).toMatchObject({ target: 'hanako', identity: 'email_match' });
  });

  it('lets the temporary password expire unrevealed: erased, and the reveal says so', async () => {
    const r = await report('reset_password');
    await d.press(A1, BUTTON.reset_password, r.id);
    await d.confirm(A1);
    const secretId = h.db.select().from(secrets).get()!.id;
    h.clock.advance(15 * 60_000);
    h.app.scheduler.tick();
    expect(h.db.select().from(secrets).get()).toMatchObject({ sealed: null });
    expect(await d.press(REPORTER, 'secret_reveal', secretId)).toEqual([
      'This password expired and has been erased. Ask an administrator again.',
    ]);
  });

  it('resumes a suspended account (valid: true) and reminds about certificates', async () => {
    const r = await report('resume');
    h.cybozu.update('taro', { valid: false });
    await d.press(A1, BUTTON.resume, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('from \\"Suspended\\" back to \\"Active\\"');
    await d.confirm(A1);
    expect(d.puts().at(-1)!.body).toEqual({ users: [{ code: 'taro', valid: true }] });
    expect(d.thread(r.id).at(-1)).toContain('reissue the client certificate');
    expect(d.dmsTo(REPORTER).at(-1)!.args.text).toContain('is Active again');
  });

  it('says there is nothing to resume for an active account, and calls nothing', async () => {
    const r = await report('resume');
    await d.press(A1, BUTTON.resume, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('already Active');
    expect(d.puts()).toHaveLength(0);
  });

  it('assigns kintone keeping the other services', async () => {
    const r = await report('assign_kintone');
    h.cybozu.update('taro', { services: ['garoon'] });
    await d.press(A1, BUTTON.assign_kintone, r.id);
    await d.confirm(A1);
    const put = d.puts().find((c) => c.path === '/v1/users/services.json')!;
    expect(JSON.stringify(put.body)).toContain('garoon');
    expect(h.cybozu.user('taro')!.services).toEqual(expect.arrayContaining(['garoon', 'kintone']));
  });

  it('offers "ask to wait" first for an unlock, and sets a new password only when chosen', async () => {
    const r = await report('unlock');
    await d.press(A1, BUTTON.unlock, r.id);
    const view = d.confirmView();
    await d.confirm(A1, { fix: { fix_choice: { selected_option: { value: 'wait' } } } }, view);
    expect(d.puts()).toHaveLength(0);
    expect(d.dmsTo(REPORTER).at(-1)!.args.text).toContain('wait about 3 minutes');

    await d.press(A1, BUTTON.unlock, r.id);
    await d.confirm(A1, { fix: { fix_choice: { selected_option: { value: 'reset' } } } });
    expect(d.puts()).toHaveLength(1);
    expect(d.thread(r.id).at(-1)).toContain('unlock');
  });

  it('refuses a non-admin and the reporter-as-admin at the click, before anything is read or written', async () => {
    const r = await report('reset_password');
    expect(await d.press('UOUTSIDER', BUTTON.reset_password, r.id)).toEqual([
      'Only kintone-login administrators can do this.',
    ]);
    h.slack.setUser(A2, { email: 'taro@example.com', locale: 'en-US' });
    const own = await report('reset_password', 'taro', A2);
    expect(await d.press(A2, BUTTON.reset_password, own.id)).toEqual([
      'Only kintone-login administrators can do this.',
    ]);
    expect(h.slack.callsTo('views.open').filter((c) => c.args.view?.title?.text === 'Confirm')).toHaveLength(0);
    expect(d.puts()).toHaveLength(0);
  });

  it('checks again at the confirmation: a confirm by someone removed from the roster does nothing', async () => {
    const r = await report('reset_password');
    await d.press(A1, BUTTON.reset_password, r.id);
    const view = d.confirmView();
    h.app.services.roster.remove(A1, A2, h.clock.now());
    const res = await d.confirm(A1, {}, view);
    expect(JSON.stringify(res.body.view)).toContain('Only kintone-login administrators');
    expect(d.puts()).toHaveLength(0);
  });

  it('requires the admin to confirm identity when the Slack e-mail does not match, and records it', async () => {
    h.slack.setUser(REPORTER, { email: 'someone.else@example.com', locale: 'en-US' });
    const r = await report('reset_password');
    await d.press(A1, BUTTON.reset_password, r.id);
    const view = d.confirmView();
    expect(JSON.stringify(view.blocks)).toContain('does not match');
    const refused = await d.confirm(A1, {}, view);
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { identity: expect.any(String) } });
    expect(d.puts()).toHaveLength(0);
    await d.confirm(A1, { identity: { identity_checked: { selected_options: [{ value: 'verified' }] } } }, view);
    expect(d.puts()).toHaveLength(1);
    expect(h.db.select().from(accountActions).get()!.identity).toBe('admin_confirmed');
  });

  it('needs a second admin to approve an action on an administrator account', async () => {
    h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
    const r = await report('reset_password', 'boss');
    await d.press(A1, BUTTON.reset_password, r.id);
    expect(JSON.stringify(d.confirmView().blocks)).toContain('administrator account');
    await d.confirm(A1);
    expect(d.puts()).toHaveLength(0);
    const action = h.db.select().from(accountActions).get()!;
    expect(action.state).toBe('pending_approval');
    expect(d.thread(r.id).at(-1)).toContain('Another admin must approve');
    expect(await d.press(A1, 'account_action_approve', action.id)).toEqual([
      'You made this request: another admin must approve it.',
    ]);
    expect(d.puts()).toHaveLength(0);
    await d.press(A2, 'account_action_approve', action.id);
    expect(d.puts()).toHaveLength(1);
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'succeeded', approvedBy: A2 });
    expect(d.thread(r.id).at(-1)).toContain(`approved by <@${A2}>`);
  });

  it('runs once when the confirmation is submitted twice or by two admins at once', async () => {
    const r = await report('reset_password');
    await d.press(A1, BUTTON.reset_password, r.id);
    const first = d.confirmView();
    await d.press(A2, BUTTON.reset_password, r.id);
    const second = d.confirmView();
    h.cybozu.failAlways({ delayMs: 200 }, { method: 'PUT' });
    await Promise.all([d.confirm(A1, {}, first), d.confirm(A1, {}, first), d.confirm(A2, {}, second)]);
    expect(d.puts()).toHaveLength(1);
    expect(h.db.select().from(accountActions).all()).toHaveLength(1);
  });

  it('shows directory errors in the thread with cybozu’s error id, and the action can be retried', async () => {
    const r = await report('reset_password');
    h.cybozu.failNext(1, { status: 520, body: { code: 'CB_WA01', id: 'ERR-77', message: 'bad' } }, { method: 'PUT' });
    await d.press(A1, BUTTON.reset_password, r.id);
    await d.confirm(A1);
    expect(d.thread(r.id).at(-1)).toContain('failed');
    expect(d.thread(r.id).at(-1)).toContain('ERR-77');
    expect(d.dmsTo(REPORTER).filter((c) => JSON.stringify(c.args.blocks).includes('secret_reveal'))).toHaveLength(0);
    await d.press(A1, BUTTON.reset_password, r.id);
    await d.confirm(A1);
    expect(
      h.db
        .select()
        .from(accountActions)
        .all()
        .map((a) => a.state),
    ).toEqual(['failed', 'succeeded']);
  });

  it.each([
    [
      'bad credentials (520 CB_WA01)',
      { status: 520, body: { code: 'CB_WA01', id: 'E1', message: 'x' } },
      'failed',
      "did not accept the bot's credentials",
    ],
    [
      'bad credentials (401)',
      { status: 401, body: { code: 'CB_WA01', id: 'E2', message: 'x' } },
      'failed',
      "did not accept the bot's credentials",
    ],
    [
      'missing auth (CB_AU01)',
      { status: 520, body: { code: 'CB_AU01', id: 'E3', message: 'x' } },
      'failed',
      'carried no credentials',
    ],
    [
      'validation (CB_VA01)',
      {
        status: 400,
        body: { code: 'CB_VA01', id: 'E4', message: 'x', errors: { 'users[0].password': { messages: ['bad'] } } },
      },
      'failed',
      "cybozu's message: bad",
    ],
    [
      'token scope too small (403)',
      { status: 403, body: { code: 'CB_NO02', id: 'E5', message: 'x' } },
      'failed',
      'API token lacks the scope',
    ],
    ['IP restriction (403 page)', { status: 403, html: '<html>forbidden</html>' }, 'failed', 'IP address restriction'],
    ['server error (500)', { status: 500, body: { code: 'GAIA_XX', id: 'E6', message: 'x' } }, 'unknown', 'outcome'],
    ['dropped connection', { drop: true as const }, 'unknown', 'outcome'],
  ] as const)(
    'makes one write attempt on %s, records it and says so in the thread',
    async (_name, fault, state, words) => {
      const r = await report('reset_password');
      h.cybozu.failNext(1, fault as never, { method: 'PUT' });
      await d.press(A1, BUTTON.reset_password, r.id);
      await d.confirm(A1);
      expect(d.puts()).toHaveLength(1);
      expect(h.db.select().from(accountActions).get()!.state).toBe(state);
      expect(d.thread(r.id).at(-1)).toContain(words);
      expect(d.dmsTo(REPORTER).filter((c) => JSON.stringify(c.args.blocks).includes('secret_reveal'))).toHaveLength(0);
    },
  );

  it('reports a write that timed out as "unknown outcome", never as failed or done', async () => {
    const r = await report('reset_password');
    h.cybozu.failNext(1, { delayMs: 5_000 }, { method: 'PUT' });
    await d.press(A1, BUTTON.reset_password, r.id);
    await d.confirm(A1);
    expect(h.db.select().from(accountActions).get()).toMatchObject({ state: 'unknown', errorKind: 'timeout' });
    expect(d.thread(r.id).at(-1)).toContain('unknown');
  });

  it('marks an action interrupted by a restart as "unknown outcome" and lets it be retried', async () => {
    const r = await report('reset_password');
    h.app.services.accountActions!.begin({
      reportId: r.id,
      kind: 'reset_password',
      targetLoginName: 'taro',
      requestedBy: A1,
      identity: 'email_match',
      requestKey: 'crash',
      needsApproval: false,
    });
    await h.restart();
    await h.deliver();
    expect(h.db.select().from(accountActions).get()!.state).toBe('unknown');
    expect(d.thread(r.id).at(-1)).toContain('outcome of the password reset of `taro` is unknown');
    await d.press(A1, BUTTON.reset_password, r.id);
    await d.confirm(A1);
    expect(d.puts()).toHaveLength(1);
  });

  it('shows manual steps and a "Done" button for remedies with no API, and records it once', async () => {
    const r = await report('disable_two_factor');
    const root = JSON.stringify(h.rootMessages().at(-1)!.args.blocks);
    expect(root).toContain('Turn two-factor authentication off');
    expect(root).toContain('"action_id":"report_manual_done"');
    expect(root).not.toContain('report_reset_password');
    await d.press(A1, 'report_manual_done', r.id);
    await d.press(A1, 'report_manual_done', r.id);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type === 'action.manual'),
    ).toHaveLength(1);
    expect(d.thread(r.id).at(-1)).toContain('recorded: Turn off two-factor authentication');
  });
});

describe('account actions without a directory', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: A1, DEFAULT_LOCALE: 'en' } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('replaces the reset button with the admin-screen steps', async () => {
    const walker = await new Walker(h, REPORTER).open();
    for (const answer of PATHS.reset_password) await walker.choose(answer);
    await walker.submit('taro');
    await h.deliver();
    const root = JSON.stringify(h.rootMessages().at(-1)!.args.blocks);
    expect(root).not.toContain('report_reset_password');
    expect(root).toContain('Change password');
    expect(root).toContain('cybozu.com is not connected');
  });
});
