import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, outbox, reports } from '../../db/schema.js';
import { BOT_TOKEN, startHarness, SUPPORT_CHANNEL, type Harness } from '../helpers/app-harness.js';

const REPORTER = 'UREPORTER1';

function formValues(loginName: string, symptom: string | null, details = '') {
  return {
    login_name: { login_name_input: { type: 'plain_text_input', value: loginName } },
    symptom: { symptom_select: { type: 'static_select', selected_option: symptom ? { value: symptom } : null } },
    details: { details_input: { type: 'plain_text_input', value: details || null } },
  };
}

describe('report flow: /kintone-login → modal → report in the support channel → DM with a link', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens the report modal in the user’s language when the command has no text', async () => {
    h.slack.setUser(REPORTER, { locale: 'ja-JP' });
    const res = await h.client.slashCommand({ userId: REPORTER, text: '', triggerId: 'trig-1' });
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    expect(open.args.trigger_id).toBe('trig-1');
    expect(open.args.view.callback_id).toBe('login_report');
    expect(open.args.view.title.text).toBe('kintone ログインの相談');
    const symptomBlock = open.args.view.blocks.find((b: { block_id?: string }) => b.block_id === 'symptom');
    expect(symptomBlock.element.options.length).toBeGreaterThan(5);
  });

  it('opens the same modal from the global shortcut', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const res = await h.client.shortcut({ userId: REPORTER, callbackId: 'login_report', triggerId: 'trig-2' });
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    expect(open.args.view.title.text).toBe('kintone login help');
  });

  it('stores the report, posts the root message and DMs the reporter a permalink in their language', async () => {
    h.slack.setUser(REPORTER, { locale: 'ja-JP' });
    const res = await h.client.viewSubmission({
      userId: REPORTER,
      callbackId: 'login_report',
      viewId: 'VIEW1',
      values: formValues('yamada-taro', 'locked_out', 'ロックされたと表示されます <!channel>'),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const stored = h.db.select().from(reports).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reporterSlackId: REPORTER, loginName: 'yamada-taro', symptom: 'locked_out', state: 'open', locale: 'ja' });
    expect(h.db.select().from(auditEvents).all().map((e) => e.type)).toEqual(['report.created']);

    await h.deliver();
    const [root] = h.slack.messagesIn(SUPPORT_CHANNEL);
    expect(root).toBeDefined();
    const rootText = JSON.stringify(root!.args.blocks);
    expect(rootText).toContain(`<@${REPORTER}>`);
    expect(rootText).toContain('yamada-taro');
    expect(rootText).toContain('アカウントがロックされた');
    expect(rootText).toContain(`#${stored[0]!.id}`);
    // User text cannot ping the channel.
    expect(rootText).not.toContain('<!channel>');
    expect(rootText).toContain('&lt;!channel&gt;');

    const permalink = h.slack.callsTo('chat.getPermalink')[0]!;
    expect(permalink.args).toMatchObject({ channel: SUPPORT_CHANNEL, message_ts: root!.response.ts });
    expect(h.slack.callsTo('conversations.open')[0]!.args.users).toBe(REPORTER);
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === `D${REPORTER}`)!;
    expect(dm.args.text).toContain(permalink.response.permalink);
    expect(dm.args.text).toContain('受け付け');

    const after = h.db.select().from(reports).get()!;
    expect(after.rootChannel).toBe(SUPPORT_CHANNEL);
    expect(after.rootTs).toBe(root!.response.ts);
    expect(h.log.text()).not.toContain(BOT_TOKEN);
  });

  it('writes an English DM for an English-speaking reporter', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    await h.client.viewSubmission({ userId: REPORTER, callbackId: 'login_report', viewId: 'VIEW2', values: formValues('taro', 'forgot_password') });
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === `D${REPORTER}`)!;
    expect(dm.args.text).toMatch(/^Your report #1 has been sent/);
  });

  it('shows field errors for an invalid login name and a missing symptom, and stores nothing', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const res = await h.client.viewSubmission({ userId: REPORTER, callbackId: 'login_report', values: formValues('taro:yamada', null) });
    expect(res.status).toBe(200);
    expect(res.body.response_action).toBe('errors');
    expect(res.body.errors.login_name).toContain('cannot contain');
    expect(res.body.errors.symptom).toBe('Please choose what happens.');
    expect(h.db.select().from(reports).all()).toHaveLength(0);
    expect(h.db.select().from(outbox).all()).toHaveLength(0);
  });

  it('makes one report from a replayed submission of the same modal', async () => {
    const submit = () => h.client.viewSubmission({ userId: REPORTER, callbackId: 'login_report', viewId: 'VSAME', values: formValues('taro', 'other') });
    await Promise.all([submit(), submit()]);
    await submit();
    await h.deliver();
    expect(h.db.select().from(reports).all()).toHaveLength(1);
    expect(h.slack.messagesIn(SUPPORT_CHANNEL)).toHaveLength(1);
  });

  it('delivers the report after a restart when Slack was down at submission', async () => {
    h.slack.failAlways('chat.postMessage', { status: 503 });
    await h.client.viewSubmission({ userId: REPORTER, callbackId: 'login_report', viewId: 'VDOWN', values: formValues('taro', 'other') });
    await h.deliver();
    expect(h.db.select().from(outbox).all().every((m) => m.state === 'pending')).toBe(true);

    await h.restart();
    h.slack.clearFailures();
    h.clock.advance(60_000);
    await h.deliver();
    expect(h.slack.messagesIn(SUPPORT_CHANNEL).filter((c) => c.status === 200)).toHaveLength(1);
    expect(h.db.select().from(outbox).all().map((m) => m.state)).toEqual(['sent', 'sent']);
  });
});
