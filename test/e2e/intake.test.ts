import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, reportRatings, reports, walks } from '../../db/schema.js';
import { startHarness, T0, type Harness } from '../helpers/app-harness.js';
import { BUTTON, PATHS, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const HELPER = 'UHELPER01';
const AUTHOR = 'UAUTHOR01';
const HELP_CHANNEL = 'CHELPDESK';
const DAY_MS = 24 * 60 * 60_000;

const buttonsOf = (blocks: unknown) =>
  (JSON.parse(JSON.stringify(blocks ?? [])) as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id !== undefined);

describe('intake where people already ask', () => {
  let h: Harness;
  let d: ReturnType<typeof reportThread>;
  beforeEach(async () => {
    h = await startHarness({
      cybozu: true,
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en', MAX_OPEN_REPORTS: '2' },
    });
    d = reportThread(h);
    h.cybozu.addUser({ code: 'author', name: 'Author Person', email: 'author@example.com', services: ['kintone'] });
    h.cybozu.addUser({ code: 'helper', name: 'Helper Person', email: 'helper@example.com', services: ['kintone'] });
    h.slack.setUser(AUTHOR, { email: 'author@example.com', locale: 'en-US' });
    h.slack.setUser(HELPER, { email: 'helper@example.com', locale: 'en-US' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
    await h.client.slashCommand({ userId: ADMIN, text: 'duty on' });
  });
  afterEach(async () => {
    await h.close();
  });

  /** Uses the message shortcut on `author`'s message and, when asked, chooses for whom; returns the walker in the troubleshooter. */
  const shortcutOn = async (
    clicker: string,
    message: { user?: string; text: string; bot_id?: string },
    choice?: 'self' | 'author',
  ) => {
    const before = h.slack.calls.length;
    await h.client.messageShortcut({
      userId: clicker,
      callbackId: 'login_report_message',
      message,
      channel: HELP_CHANNEL,
    });
    const opened = await h.slack.waitFor((c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= before);
    const walker = new Walker(h, clicker);
    walker.view = opened.response.view;
    if (choice) {
      expect(walker.view.callback_id).toBe('login_report_for');
      await h.client.blockAction({
        userId: clicker,
        actionId: choice === 'self' ? 'message_report_self' : 'message_report_author',
        value: choice,
        view: {
          id: walker.view.id,
          hash: walker.view.hash,
          private_metadata: walker.view.private_metadata,
          callback_id: walker.view.callback_id,
        },
      });
    }
    await walker.settle();
    return walker;
  };
  const walkTo = async (walker: Walker, remedy: keyof typeof PATHS) => {
    for (const answer of PATHS[remedy]) if (walker.answers().includes(answer)) await walker.choose(answer);
    if (walker.view.submit === undefined) await walker.stuck();
  };
  const detailsInput = (walker: Walker) =>
    (walker.view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
      (b) => b.block_id === 'details',
    )?.element?.initial_value;

  describe('message shortcut', () => {
    it('on one’s own message opens the troubleshooter at once, with the message as the details', async () => {
      const walker = await shortcutOn(HELPER, { user: HELPER, text: 'kintoneにログインできません <!here>' });
      expect(walker.view.callback_id).toBe('login_report');
      await walkTo(walker, 'reset_password');
      expect(detailsInput(walker)).toBe('kintoneにログインできません <!here>');
      await walker.submit('helper', detailsInput(walker));
      await h.deliver();
      const report = h.db.select().from(reports).all().at(-1)!;
      expect(report).toMatchObject({
        reporterSlackId: HELPER,
        filedBySlackId: null,
        details: 'kintoneにログインできません <!here>',
      });
      // The message text is escaped in the thread: shown, never acted on.
      expect(JSON.stringify(h.rootMessages().at(-1)!.args.blocks)).toContain('&lt;!here&gt;');
      expect(d.dmsTo(HELPER).some((c) => String(c.args.text).includes(`#${report.id}`))).toBe(true);
    });

    it('"for me" on someone else’s message makes the clicker the reporter', async () => {
      const walker = await shortcutOn(HELPER, { user: AUTHOR, text: 'I cannot log in to kintone' }, 'self');
      expect(walker.view.callback_id).toBe('login_report');
      expect(walker.text()).not.toContain(AUTHOR);
      await walkTo(walker, 'reset_password');
      await walker.submit('helper');
      await h.deliver();
      expect(h.db.select().from(reports).all().at(-1)).toMatchObject({ reporterSlackId: HELPER, filedBySlackId: null });
      expect(h.db.select().from(walks).all().at(-1)).toMatchObject({
        slackUserId: HELPER,
        onBehalfOf: null,
        outcome: 'reported',
      });
    });

    it('for the author: they become the reporter, get the DMs, and must confirm before any account action', async () => {
      const walker = await shortcutOn(
        HELPER,
        { user: AUTHOR, text: 'kintone に入れない…パスワードを忘れました' },
        'author',
      );
      expect(walker.text()).toContain(`<@${AUTHOR}>`);
      await walkTo(walker, 'reset_password');
      const res = await walker.submit('author', detailsInput(walker));
      expect(JSON.stringify(res.body.view)).toContain(`on behalf of <@${AUTHOR}>`);
      await h.deliver();
      const report = h.db.select().from(reports).all().at(-1)!;
      expect(report).toMatchObject({
        reporterSlackId: AUTHOR,
        filedBySlackId: HELPER,
        reporterConfirmedAt: null,
        loginName: 'author',
      });
      expect(JSON.stringify(h.rootMessages().at(-1)!.args.blocks)).toContain('waiting for');

      // The author gets the DM with "this is me"; the helper gets none about it.
      const dm = d.dmsTo(AUTHOR).at(-1)!;
      expect(String(dm.args.text)).toContain(`<@${HELPER}> has sent report #${report.id}`);
      expect(buttonsOf(dm.args.blocks).map((b) => b.action_id)).toEqual([
        'reporter_confirm_self',
        'reporter_not_me',
        'reporter_fixed_now',
      ]);
      expect(d.dmsTo(HELPER)).toEqual([]);

      // An admin cannot act on the author's account yet: refused at the click, nothing sent to cybozu.
      const refused = await d.press(ADMIN, BUTTON.reset_password, report.id);
      expect(refused.join()).toContain('has not yet confirmed it is them');
      expect(
        h.slack.callsTo('views.open').filter((c) => c.args.view?.callback_id === 'account_action_confirm'),
      ).toEqual([]);

      // Only the author can confirm.
      expect(await d.press(HELPER, 'reporter_confirm_self', report.id)).toEqual(['Only the reporter can do this.']);
      await d.press(AUTHOR, 'reporter_confirm_self', report.id);
      expect(h.db.select().from(reports).all().at(-1)!.reporterConfirmedAt).toBe(T0);
      expect(d.thread(report.id).at(-1)).toContain(`<@${AUTHOR}> confirmed this report is about them`);

      // Now the reset runs, matched by the author's e-mail, and the password goes to the author.
      await d.press(ADMIN, BUTTON.reset_password, report.id);
      expect(JSON.stringify(d.confirmView().blocks)).toContain("matches the account's e-mail");
      await d.confirm(ADMIN);
      expect(d.puts().some((c) => c.path === '/v1/users.json')).toBe(true);
      expect(buttonsOf(d.dmsTo(AUTHOR).at(-1)!.args.blocks).map((b) => b.action_id)).toContain('secret_reveal');
      expect(d.dmsTo(HELPER)).toEqual([]);
    });

    it('refuses a confirmation submitted before the author confirmed (checked again at the confirmation)', async () => {
      // Filed for the author, who confirms, and an admin opens the confirmation…
      const walker = await shortcutOn(HELPER, { user: AUTHOR, text: 'cannot log in to kintone' }, 'author');
      await walkTo(walker, 'reset_password');
      await walker.submit('author');
      await h.deliver();
      const report = h.db.select().from(reports).all().at(-1)!;
      await d.press(AUTHOR, 'reporter_confirm_self', report.id);
      await d.press(ADMIN, BUTTON.reset_password, report.id);
      const view = d.confirmView();
      // …then the confirmation is taken back in the database (as if it had never been given): the submission is refused.
      h.db.$client.prepare('update reports set reporter_confirmed_at = null where id = ?').run(report.id);
      const res = await d.confirm(ADMIN, {}, view);
      expect(JSON.stringify(res.body)).toContain('has not yet confirmed it is them');
      expect(d.puts()).toEqual([]);
    });

    it('"not me" withdraws the report, changes nothing, and tells whoever filed it', async () => {
      const walker = await shortcutOn(HELPER, { user: AUTHOR, text: 'kintone login error' }, 'author');
      await walkTo(walker, 'reset_password');
      await walker.submit('author');
      await h.deliver();
      const report = h.db.select().from(reports).all().at(-1)!;
      await d.press(AUTHOR, 'reporter_not_me', report.id);
      expect(h.db.select().from(reports).all().at(-1)!.state).toBe('cancelled');
      expect(d.thread(report.id).at(-1)).toContain('says it is not about them');
      expect(String(d.dmsTo(HELPER).at(-1)!.args.text)).toContain(
        `<@${AUTHOR}> says report #${report.id} is not about them`,
      );
      expect(d.puts()).toEqual([]);
    });

    it('counts the author’s limits, not the clicker’s', async () => {
      for (let i = 0; i < 2; i++) await d.report('reset_password', 'author', AUTHOR);
      const walker = await shortcutOn(HELPER, { user: AUTHOR, text: 'kintone login failed' }, 'author');
      await walkTo(walker, 'reset_password');
      await walker.submit('author');
      expect(
        h.db
          .select()
          .from(reports)
          .all()
          .filter((r) => r.reporterSlackId === AUTHOR),
      ).toHaveLength(2);
      expect(
        h.db
          .select()
          .from(reports)
          .all()
          .filter((r) => r.filedBySlackId === HELPER),
      ).toEqual([]);
    });

    it('on a bot’s message opens the troubleshooter for the clicker', async () => {
      const walker = await shortcutOn(HELPER, { bot_id: 'BOTHER', text: 'Alert: kintone login failures' });
      expect(walker.view.callback_id).toBe('login_report');
    });
  });

  describe('help-channel answers', () => {
    const say = async (user: string, text: string, extra: Record<string, unknown> = {}, channel = HELP_CHANNEL) => {
      const res = await h.client.event({
        type: 'message',
        channel,
        channel_type: 'channel',
        user,
        text,
        ts: `${1_800_000_000 + Math.random()}`,
        ...extra,
      });
      expect(res.status).toBe(200);
      await h.app.idle();
      await h.deliver();
    };
    const offers = () => h.slack.messagesIn(HELP_CHANNEL).filter((c) => c.args.thread_ts);
    const listen = async (user: string, words: string, channel = HELP_CHANNEL) => {
      const url = h.slack.responseUrl(`listen-${Math.random()}`);
      const res = await h.client.slashCommand({ userId: user, text: words, channelId: channel, responseUrl: url });
      await h.app.idle();
      const later = h.slack.calls
        .filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname)
        .map((c) => String(c.args.text));
      return [...(res.body?.text ? [String(res.body.text)] : []), ...later].join('\n');
    };

    it('is switched on only by an admin, only where the app is a member, and says how to invite it', async () => {
      expect(await listen(HELPER, 'listen on')).toContain('Only');
      expect(await listen(ADMIN, 'listen on')).toContain('/invite @kintone-login');
      h.slack.setChannel(HELP_CHANNEL, { member: false });
      expect(await listen(ADMIN, 'listen on')).toContain('I am not a member');
      h.slack.setChannel(HELP_CHANNEL, { member: true });
      expect(await listen(ADMIN, 'listen on')).toContain('Done');
      expect(await listen(ADMIN, '見守り')).toContain(`<#${HELP_CHANNEL}>`);
      expect(await listen(ADMIN, 'listen on', 'DUSER')).toContain('not in a DM');
    });

    it('answers a login message once per person per day, in its thread, for all to see; never bots, the app or other talk', async () => {
      h.slack.setChannel(HELP_CHANNEL, { member: true });
      // Off: nothing.
      await say(AUTHOR, 'kintoneにログインできません');
      expect(offers()).toEqual([]);

      await listen(ADMIN, 'listen on');
      await say(AUTHOR, 'kintone の話ですが、アプリを作りました');
      await say(AUTHOR, 'I cannot log in to Jira');
      expect(offers()).toEqual([]);

      await say(AUTHOR, 'kintoneにログインできません', { ts: '1800000000.000100' });
      expect(offers()).toHaveLength(1);
      const offer = offers()[0]!;
      expect(offer.args).toMatchObject({ channel: HELP_CHANNEL, thread_ts: '1800000000.000100' });
      expect(String(offer.args.text)).toContain(`<@${AUTHOR}>`);
      expect(buttonsOf(offer.args.blocks).map((b) => b.action_id)).toEqual(['listen_open', 'listen_not_this']);

      // Not twice the same day (another message, or Slack retrying the same one).
      await say(AUTHOR, "Still can't log in to kintone");
      await say(AUTHOR, 'kintoneにログインできません', { ts: '1800000000.000100' });
      // Never for bots, the app itself, or edits.
      await say('UOTHERBOT', 'kintone login error', { bot_id: 'BOTHER', subtype: 'bot_message' });
      await say('UBOT', 'kintone login error');
      await say(HELPER, 'kintone login error', { subtype: 'message_changed' });
      expect(offers()).toHaveLength(1);

      // Someone else the same day, and the same person the next day (in TIMEZONE), get theirs.
      await say(HELPER, 'ｋｉｎｔｏｎｅ　ログインできない');
      h.clock.advance(DAY_MS);
      await say(AUTHOR, 'kintone locked out again');
      expect(offers()).toHaveLength(3);

      // Switched off: nothing more.
      await listen(ADMIN, 'listen off');
      await say('UTHIRD001', 'cannot log in to kintone');
      expect(offers()).toHaveLength(3);
    });

    it('opens the troubleshooter from the reply, and "not this" is for the person it was meant for', async () => {
      h.slack.setChannel(HELP_CHANNEL, { member: true });
      await listen(ADMIN, 'listen on');
      await say(AUTHOR, 'kintoneにログインできません');
      const replyId = buttonsOf(offers()[0]!.args.blocks)[0]!.value!;
      await h.client.blockAction({
        userId: AUTHOR,
        actionId: 'listen_open',
        value: replyId,
        channel: HELP_CHANNEL,
        triggerId: 'trig-listen',
      });
      await h.app.idle();
      expect(h.slack.callsTo('views.open').at(-1)!.args.view.callback_id).toBe('login_report');

      expect(await d.press(HELPER, 'listen_not_this', replyId)).toEqual([
        'Only the person this was meant for (or an administrator) can dismiss it.',
      ]);
      const url = h.slack.responseUrl('not-this');
      await h.client.blockAction({
        userId: AUTHOR,
        actionId: 'listen_not_this',
        value: replyId,
        channel: HELP_CHANNEL,
        responseUrl: url,
      });
      await h.app.idle();
      const answer = h.slack.calls.find((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname)!;
      expect(answer.args).toMatchObject({ replace_original: true });
      expect(h.db.$client.prepare('select dismissed_by from listen_replies').get()).toEqual({ dismissed_by: AUTHOR });
    });

    it('is switched on and off from App Home, with the same membership check', async () => {
      const pick = (channel: string) =>
        h.client.raw(
          new URLSearchParams({
            payload: JSON.stringify({
              type: 'block_actions',
              user: { id: ADMIN, team_id: 'T1' },
              team: { id: 'T1' },
              api_app_id: 'A1',
              token: 'legacy',
              trigger_id: 'trig-home',
              container: { type: 'view', view_id: 'VHOME' },
              view: {
                id: 'VHOME',
                type: 'home',
                callback_id: '',
                private_metadata: '',
                hash: 'h',
                state: { values: {} },
              },
              actions: [
                {
                  type: 'conversations_select',
                  action_id: 'home_listen_on',
                  block_id: 'listen_switches',
                  selected_conversation: channel,
                  action_ts: '1',
                },
              ],
            }),
          }).toString(),
        );
      await pick(HELP_CHANNEL);
      await h.app.idle();
      expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).toContain('/invite @kintone-login');
      h.slack.setChannel(HELP_CHANNEL, { member: true });
      await pick(HELP_CHANNEL);
      await h.app.idle();
      const home = JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view);
      expect(home).toContain(`home_listen_off:${HELP_CHANNEL}`);
      await h.client.blockAction({
        userId: ADMIN,
        actionId: `home_listen_off:${HELP_CHANNEL}`,
        value: HELP_CHANNEL,
        view: { id: 'VHOME', type: 'home' },
      });
      await h.app.idle();
      expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).not.toContain(
        `home_listen_off:${HELP_CHANNEL}`,
      );
      expect(
        h.db
          .select()
          .from(auditEvents)
          .all()
          .filter((e) => e.type.startsWith('listen.'))
          .map((e) => e.type),
      ).toEqual(['listen.on', 'listen.off']);
    });
  });

  describe('did it work?', () => {
    it('records the reporter’s rating after a resolution and shows admins the median, count and escaped comments', async () => {
      const report = await d.report('resume', 'author', AUTHOR);
      await d.resolve(ADMIN, report.id);
      const dm = d.dmsTo(AUTHOR).at(-1)!;
      expect(buttonsOf(dm.args.blocks).map((b) => b.action_id)).toEqual(['reporter_back_in', 'reporter_still_stuck']);

      await d.press(AUTHOR, 'reporter_back_in', report.id);
      const modal = h.slack.callsTo('views.open').at(-1)!.args.view;
      expect(modal.callback_id).toBe('reporter_rating_modal');
      const rate = (user: string, score: string | null, comment: string) =>
        h.client.viewSubmission({
          userId: user,
          callbackId: 'reporter_rating_modal',
          privateMetadata: modal.private_metadata,
          values: {
            rating_score: { rating_score_input: { selected_option: score ? { value: score } : null } },
            rating_comment: { rating_comment_input: { value: comment } },
          },
        });
      expect((await rate(AUTHOR, null, '')).body).toMatchObject({ response_action: 'errors' });
      expect((await rate(AUTHOR, '9', '')).body).toMatchObject({ response_action: 'errors' });
      expect(JSON.stringify((await rate(HELPER, '1', 'not mine')).body)).toContain('Only the reporter');
      expect(JSON.stringify((await rate(AUTHOR, '4', 'Quick <!here> *thanks*')).body)).toContain(
        'Thank you for your rating',
      );
      expect(JSON.stringify((await rate(AUTHOR, '1', 'again')).body)).toContain('already been rated');
      expect(h.db.select().from(reportRatings).all()).toMatchObject([
        { reportId: report.id, reporterSlackId: AUTHOR, score: 4, comment: 'Quick <!here> *thanks*' },
      ]);

      const url = h.slack.responseUrl('stats');
      const stats = await h.client.slashCommand({ userId: ADMIN, text: 'stats', responseUrl: url });
      expect(stats.body.text).toContain('Median 4 / 5 from 1 ratings');
      expect(stats.body.text).toContain('Quick &lt;!here&gt; *thanks*');
      expect(stats.body.text).not.toContain('<!here>');

      await h.client.event({ type: 'app_home_opened', user: ADMIN, tab: 'home' });
      await h.app.idle();
      const home = JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view);
      expect(home).toContain('Median 4 / 5 from 1 ratings');
      expect(home).toContain('&lt;!here&gt;');
      // Reporters do not see the comments.
      await h.client.event({ type: 'app_home_opened', user: AUTHOR, tab: 'home' });
      await h.app.idle();
      expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).not.toContain('Median');
    });

    it('"no" reopens the report, and a reopened report cannot be rated', async () => {
      const report = await d.report('resume', 'author', AUTHOR);
      await d.resolve(ADMIN, report.id);
      await d.press(AUTHOR, 'reporter_back_in', report.id);
      const modal = h.slack.callsTo('views.open').at(-1)!.args.view;
      await d.press(AUTHOR, 'reporter_still_stuck', report.id);
      expect(h.db.select().from(reports).all().at(-1)!.state).toBe('open');
      const res = await h.client.viewSubmission({
        userId: AUTHOR,
        callbackId: 'reporter_rating_modal',
        privateMetadata: modal.private_metadata,
        values: { rating_score: { rating_score_input: { selected_option: { value: '5' } } } },
      });
      expect(JSON.stringify(res.body)).toContain('not resolved');
      expect(h.db.select().from(reportRatings).all()).toEqual([]);
    });
  });
});
