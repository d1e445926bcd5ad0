import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, outbox, reports, walks } from '../../db/schema.js';
import { BOT_TOKEN, startHarness, SUPPORT_CHANNEL, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

const REPORTER = 'UREPORTER1';

describe('report flow: troubleshooter → report in the support channel → DM with a link', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens the troubleshooter on its first question, in the user’s language', async () => {
    h.slack.setUser(REPORTER, { locale: 'ja-JP' });
    const walker = await new Walker(h, REPORTER).open();
    expect(walker.view.callback_id).toBe('login_report');
    expect(walker.view.title.text).toBe('kintoneログインの相談');
    expect(walker.text()).toContain('kintoneにログインしようとすると、どうなりますか?');
    expect(walker.answers()).toContain('login_error');
    expect(walker.view.submit).toBeUndefined();
  });

  it('opens the same modal from the global shortcut', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const walker = await new Walker(h, REPORTER).open('shortcut');
    expect(walker.text()).toContain('What happens when you try to log in to kintone?');
  });

  it('walks to an admin leaf, stores the report with its path and remedy, posts the root message and DMs a permalink', async () => {
    h.slack.setUser(REPORTER, { locale: 'ja-JP' });
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('login_error');
    await walker.choose('locked');
    await walker.choose('contact_admin');
    expect(walker.view.submit.text).toBe('管理者に送る');
    const res = await walker.submit('yamada-taro', 'ロックされたと表示されます <!channel>');
    expect(res.status).toBe(200);
    expect(res.body.response_action).toBe('update');
    expect(JSON.stringify(res.body.view)).toContain('相談 #1 を管理者に送りました');

    const stored = h.db.select().from(reports).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reporterSlackId: REPORTER,
      loginName: 'yamada-taro',
      leafId: 'lockout_admin',
      remedy: 'unlock',
      state: 'open',
      locale: 'ja',
    });
    expect(JSON.parse(stored[0]!.path).map((s: { answerId: string }) => s.answerId)).toEqual([
      'login_error',
      'locked',
      'contact_admin',
    ]);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .map((e) => e.type),
    ).toEqual(['report.created', 'report.queued']);
    expect(h.db.select().from(walks).get()).toMatchObject({
      outcome: 'reported',
      leafId: 'lockout_admin',
      reportId: stored[0]!.id,
    });

    await h.deliver();
    const [root] = h.rootMessages();
    const rootText = JSON.stringify(root!.args.blocks);
    expect(rootText).toContain(`<@${REPORTER}>`);
    expect(rootText).toContain('yamada-taro');
    expect(rootText).toContain('ロックの解除'); // the remedy, in the channel's language (ja)
    expect(rootText).toContain('アカウントがロックされている'); // the path, human-readable
    expect(rootText).toContain(`#${stored[0]!.id}`);
    expect(rootText).not.toContain('<!channel>');
    expect(rootText).toContain('&lt;!channel&gt;');

    const permalink = h.slack.callsTo('chat.getPermalink')[0]!;
    expect(permalink.args).toMatchObject({ channel: SUPPORT_CHANNEL, message_ts: root!.response.ts });
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === `D${REPORTER}`)!;
    expect(dm.args.text).toContain(permalink.response.permalink);
    expect(dm.args.text).toContain('受け付け');
    expect(h.db.select().from(reports).get()!.rootTs).toBe(root!.response.ts);
    expect(h.log.text()).not.toContain(BOT_TOKEN);
  });

  it('writes an English DM for an English-speaking reporter', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    await walker.submit('taro');
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === `D${REPORTER}`)!;
    expect(dm.args.text).toMatch(/^Your report #1 has been sent/);
  });

  it('shows a field error for an invalid login name and stores nothing', async () => {
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    const res = await walker.submit('taro:yamada');
    expect(res.body.response_action).toBe('errors');
    expect(res.body.errors.login_name).toContain('cannot contain');
    expect((await walker.submit(' taro')).body.errors.login_name).toContain('cannot start or end with a space');
    expect(h.db.select().from(reports).all()).toHaveLength(0);
    expect(h.db.select().from(outbox).all()).toHaveLength(0);
  });

  it('makes one report from a double submission of the same walk', async () => {
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    const view = walker.view;
    const submit = () => {
      walker.view = view;
      return walker.submit('taro');
    };
    await Promise.all([submit(), submit()]);
    await submit();
    await h.deliver();
    expect(h.db.select().from(reports).all()).toHaveLength(1);
    expect(h.rootMessages()).toHaveLength(1);
  });

  it('delivers the report after a restart when Slack was down at submission', async () => {
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    h.slack.failAlways('chat.postMessage', { status: 503 });
    await walker.submit('taro');
    await h.deliver();
    expect(
      h.db
        .select()
        .from(outbox)
        .all()
        .every((m) => m.state === 'pending'),
    ).toBe(true);

    await h.restart();
    h.slack.clearFailures();
    h.clock.advance(60_000);
    await h.deliver();
    expect(h.rootMessages()).toHaveLength(1);
    expect(
      h.db
        .select()
        .from(outbox)
        .all()
        .every((m) => m.state === 'sent'),
    ).toBe(true);
  });
});
