import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountActions, auditEvents } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, IDENTITY_CHECKED, reportThread } from '../helpers/report-thread.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UREPORTS1';
const OUTSIDER = 'UOUTSIDE1';
/** A display name an attacker could give a cybozu account: a channel ping and a link dressed up as a badge. */
const HOSTILE_NAME = '<!here> <https://evil.example|Verified by IT>';

describe('account actions are guarded on the server at every step', () => {
  let h: Harness;
  let d: ReturnType<typeof reportThread>;
  beforeEach(async () => {
    h = await startHarness({
      cybozu: true,
      env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en', APPROVAL_EXPIRY_MINUTES: '30' },
    });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone', 'garoon'] });
    h.cybozu.addUser({
      code: 'boss',
      name: 'The Boss',
      email: 'boss@example.com',
      services: ['kintone'],
      administrator: true,
    });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    h.slack.setUser(OUTSIDER, { email: 'outsider@example.com', locale: 'en-US' });
    h.slack.setUser(A1, { email: 'a1@example.com', locale: 'en-US' });
    h.slack.setUser(A2, { email: 'a2@example.com', locale: 'ja-JP' });
    d = reportThread(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const actionRows = () => h.db.select().from(accountActions).all();
  const auditTypes = () =>
    h.db
      .select()
      .from(auditEvents)
      .all()
      .map((e) => e.type);
  const confirmationsOpened = () =>
    h.slack.callsTo('views.update').filter((c) => c.args.view?.callback_id === 'account_action_confirm');

  describe('§2 only on a live report', () => {
    it('refuses to resume an account on a report the reporter withdrew ("it’s fixed now"), in the clicker’s language, writing nothing', async () => {
      const r = await d.report('resume', 'taro', REPORTER);
      h.cybozu.update('taro', { valid: false });
      await d.press(REPORTER, 'reporter_fixed_now', r.id);
      expect(d.rootOf(r.id).state).toBe('cancelled');
      const auditBefore = auditTypes();

      expect(await d.press(A1, BUTTON.resume, r.id)).toEqual([
        'Report #1 is "Withdrawn": account actions run only on an open or in-progress report. Nothing was changed.',
      ]);
      expect(await d.press(A2, BUTTON.resume, r.id)).toEqual([
        '相談 #1 は「取り下げ」のため、アカウントの操作はできません(未対応・対応中の相談だけが対象です)。何も変更していません。',
      ]);
      expect(h.slack.callsTo('views.open').filter((c) => c.args.view?.callback_id !== 'login_report')).toEqual([]);
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()).toHaveLength(0);
      expect(auditTypes()).toEqual(auditBefore);
      expect(h.cybozu.user('taro')!.valid).toBe(false);
    });

    it('refuses the confirmation when the report was resolved while the modal was open', async () => {
      const r = await d.report('reset_password', 'taro', REPORTER);
      await d.press(A1, BUTTON.reset_password, r.id);
      const view = d.confirmView();
      await d.resolve(A2, r.id);
      const res = await d.confirm(A1, {}, view);
      expect(res.body.response_action).toBe('update');
      expect(JSON.stringify(res.body.view.blocks)).toContain(
        'Report #1 is \\"Resolved\\": account actions run only on an open or in-progress report.',
      );
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()).toHaveLength(0);
    });

    it('refuses "ask them to wait" and the manual "Done" on a closed report', async () => {
      const unlock = await d.report('unlock', 'taro', REPORTER);
      await d.press(A1, BUTTON.unlock, unlock.id);
      const view = d.confirmView();
      await d.press(REPORTER, 'reporter_fixed_now', unlock.id);
      const res = await d.confirm(A1, { fix: { fix_choice: { selected_option: { value: 'wait' } } } }, view);
      expect(JSON.stringify(res.body.view?.blocks)).toContain('Report #1 is \\"Withdrawn\\"');

      const manual = await d.report('disable_two_factor', 'taro', REPORTER);
      await d.resolve(A1, manual.id);
      expect(await d.press(A2, 'report_manual_done', manual.id)).toEqual([expect.stringContaining('「解決済み」')]);
      expect(actionRows()).toHaveLength(0);
      expect(auditTypes().filter((t) => t.startsWith('action.'))).toEqual([]);
    });

    it.each(['resolved', 'withdrawn'] as const)(
      'cancels a pending approval in the same transaction when the report is %s, and the approval then runs nothing',
      async (how) => {
        h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
        const r = await d.report('reset_password', 'boss', REPORTER);
        await d.press(A1, BUTTON.reset_password, r.id);
        await d.confirm(A1);
        const pending = actionRows()[0]!;
        expect(pending.state).toBe('pending_approval');

        if (how === 'resolved') await d.resolve(A2, r.id);
        else await d.press(REPORTER, 'reporter_fixed_now', r.id);
        expect(actionRows()[0]).toMatchObject({ state: 'cancelled' });
        const cancelled = h.db
          .select()
          .from(auditEvents)
          .all()
          .find((e) => e.type === 'action.approval_cancelled')!;
        expect(JSON.parse(cancelled.data)).toMatchObject({
          actionId: pending.id,
          reason: how === 'resolved' ? 'report_resolved' : 'report_cancelled',
        });
        // Written with the state change: the cancellation comes right after the report's own audit row.
        const types = auditTypes();
        expect(types[types.indexOf('action.approval_cancelled') - 1]).toBe(
          how === 'resolved' ? 'report.resolve' : 'report.cancel',
        );

        expect(await d.press(A2, 'account_action_approve', pending.id)).toEqual([
          expect.stringContaining(how === 'resolved' ? '「解決済み」' : '「取り下げ」'),
        ]);
        expect(d.puts()).toHaveLength(0);
        expect(auditTypes().filter((t) => t === 'action.approved')).toEqual([]);
      },
    );

    it('lets an approval expire after APPROVAL_EXPIRY_MINUTES: refused at the click, swept and announced, and a new request can be made', async () => {
      h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
      const r = await d.report('reset_password', 'boss', REPORTER);
      await d.press(A1, BUTTON.reset_password, r.id);
      await d.confirm(A1);
      const pending = actionRows()[0]!;

      h.clock.advance(30 * 60_000);
      expect(await d.press(A2, 'account_action_approve', pending.id)).toEqual([
        'この承認依頼は期限(30分)が切れたため、取り消しました。何も実行していません。必要なら依頼した管理者にもう一度実行してもらってください。',
      ]);
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()[0]).toMatchObject({ state: 'expired' });
      expect(auditTypes()).toContain('action.approval_expired');
      expect(d.thread(r.id).at(-1)).toContain('expired without approval');

      // A fresh request is not blocked by the expired one, and approved in time it runs.
      await d.press(A1, BUTTON.reset_password, r.id);
      await d.confirm(A1);
      h.clock.advance(29 * 60_000);
      await d.press(A2, 'account_action_approve', actionRows()[1]!.id);
      expect(d.puts()).toHaveLength(1);
      expect(actionRows().map((a) => a.state)).toEqual(['expired', 'succeeded']);
    });

    it('sweeps expired approvals on its own and says so in the thread', async () => {
      h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
      const r = await d.report('resume', 'boss', REPORTER);
      h.cybozu.update('boss', { valid: false });
      await d.press(A1, BUTTON.resume, r.id);
      await d.confirm(A1);
      h.clock.advance(29 * 60_000);
      h.app.scheduler.tick();
      expect(actionRows()[0]!.state).toBe('pending_approval');
      h.clock.advance(60_000);
      h.app.scheduler.tick();
      await h.deliver();
      expect(actionRows()[0]!.state).toBe('expired');
      expect(d.thread(r.id).at(-1)).toContain(
        `The account resume (back to Active) of \`boss\` requested by <@${A1}> expired without approval after 30 minutes`,
      );
    });

    it('checks the account again at approval: an e-mail changed in the directory no longer proves identity', async () => {
      h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
      const r = await d.report('reset_password', 'boss', REPORTER);
      await d.press(A1, BUTTON.reset_password, r.id);
      await d.confirm(A1);
      const pending = actionRows()[0]!;
      h.cybozu.update('boss', { email: 'attacker@example.com' });
      expect(await d.press(A2, 'account_action_approve', pending.id)).toEqual([expect.stringContaining('本人確認')]);
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()[0]).toMatchObject({ state: 'cancelled', errorKind: 'identity_lost' });
      expect(d.thread(r.id).at(-1)).toContain('cancelled');
    });

    it('checks the account again at approval: an account resumed in the meantime needs nothing', async () => {
      h.slack.setUser(REPORTER, { email: 'boss@example.com', locale: 'en-US' });
      const r = await d.report('resume', 'boss', REPORTER);
      h.cybozu.update('boss', { valid: false });
      await d.press(A1, BUTTON.resume, r.id);
      await d.confirm(A1);
      h.cybozu.update('boss', { valid: true });
      expect(await d.press(A2, 'account_action_approve', actionRows()[0]!.id)).toEqual([
        expect.stringContaining('使用中'),
      ]);
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()[0]).toMatchObject({ state: 'cancelled', errorKind: 'nothing_to_do' });
    });
  });

  describe('§3 identity for every account action', () => {
    it.each([
      ['resume', BUTTON.resume, { valid: false }],
      ['assign_kintone', BUTTON.assign_kintone, { services: ['garoon'] }],
      ['unlock', BUTTON.unlock, {}],
    ] as const)(
      '%s for an outsider’s report on someone else’s account needs the admin’s identity confirmation, recorded',
      async (kind, button, state) => {
        const r = await d.report(kind, 'taro', OUTSIDER);
        h.cybozu.update('taro', state as never);
        await d.press(A1, button, r.id);
        const view = d.confirmView();
        const shown = JSON.stringify(view.blocks);
        expect(shown).toContain("Reporter's Slack e-mail: outsider@example.com");
        expect(shown).toContain("Account's e-mail: taro@example.com");
        expect(shown).toContain('does not match');
        expect(shown).toContain('"block_id":"identity"');

        const values = kind === 'unlock' ? { fix: { fix_choice: { selected_option: { value: 'reset' } } } } : {};
        const refused = await d.confirm(A1, values, view);
        expect(refused.body).toEqual({
          response_action: 'errors',
          errors: { identity: 'Please confirm how you verified the person.' },
        });
        expect(d.puts()).toHaveLength(0);
        expect(actionRows()).toHaveLength(0);

        await d.confirm(A1, { ...values, ...IDENTITY_CHECKED }, view);
        expect(d.puts()).toHaveLength(1);
        expect(actionRows()[0]).toMatchObject({ kind, identity: 'admin_confirmed', state: 'succeeded' });
        const requested = h.db
          .select()
          .from(auditEvents)
          .all()
          .find((e) => e.type === 'action.requested')!;
        expect(JSON.parse(requested.data)).toMatchObject({ identity: 'admin_confirmed' });
        expect(d.thread(r.id).at(-1)).toContain('Identity: confirmed by the admin another way');
      },
    );

    it('shows both e-mails when they match, and needs no checkbox', async () => {
      const r = await d.report('resume', 'taro', REPORTER);
      h.cybozu.update('taro', { valid: false });
      await d.press(A1, BUTTON.resume, r.id);
      const shown = JSON.stringify(d.confirmView().blocks);
      expect(shown).toContain("Reporter's Slack e-mail: taro@example.com");
      expect(shown).toContain("matches the account's e-mail");
      expect(shown).not.toContain('"block_id":"identity"');
      await d.confirm(A1);
      expect(actionRows()[0]).toMatchObject({ identity: 'email_match', state: 'succeeded' });
    });

    it('asks again when the identity changed between the click and the confirmation', async () => {
      const r = await d.report('resume', 'taro', REPORTER);
      h.cybozu.update('taro', { valid: false });
      await d.press(A1, BUTTON.resume, r.id);
      const view = d.confirmView();
      h.cybozu.update('taro', { email: 'new-owner@example.com' });
      const res = await d.confirm(A1, {}, view);
      expect(JSON.stringify(res.body.view.blocks)).toContain('The account changed since you opened this');
      expect(d.puts()).toHaveLength(0);
    });

    it('refuses a button for an action the report does not name', async () => {
      const r = await d.report('assign_kintone', 'taro', REPORTER);
      h.cybozu.update('taro', { services: [] });
      expect(await d.press(A1, BUTTON.reset_password, r.id)).toEqual([
        'Report #1 needs a kintone assignment, not a password reset. Nothing was changed.',
      ]);
      expect(confirmationsOpened()).toHaveLength(0);
    });
  });

  describe('§5a escaping', () => {
    it('shows a hostile cybozu display name and report details as text everywhere they are sent', async () => {
      h.cybozu.addUser({ code: 'evil', name: HOSTILE_NAME, email: 'evil@example.com', services: [] });
      h.slack.setUser(OUTSIDER, { email: 'evil@example.com', locale: 'en-US' });
      const r = await d.report(
        'assign_kintone',
        'evil',
        OUTSIDER,
        'Help <!channel> ask <@U123> & <https://evil.example|IT>',
      );
      const root = JSON.stringify(h.rootMessages().at(-1)!.args.blocks);
      expect(root).toContain('Help &lt;!channel&gt; ask &lt;@U123&gt; &amp; &lt;https://evil.example|IT&gt;');

      await d.press(A1, BUTTON.assign_kintone, r.id);
      const shown = JSON.stringify(d.confirmView().blocks);
      expect(shown).toContain('`evil` (&lt;!here&gt; &lt;https://evil.example|Verified by IT&gt;)');
      await d.confirm(A1);
      expect(actionRows()[0]!.state).toBe('succeeded');

      await h.client.slashCommand({ userId: A1, text: 'diagnose evil', responseUrl: h.slack.responseUrl('diag') });
      await h.app.idle();
      const diagnosis = h.slack.calls
        .filter((c) => c.method === 'response_url' && c.args._path === '/response/diag')
        .at(-1)!;
      expect(JSON.stringify(diagnosis.args.blocks)).toContain(
        '&lt;!here&gt; &lt;https://evil.example|Verified by IT&gt;',
      );

      // Nothing the app sent to Slack carries the raw mention, channel ping or link.
      const sent = h.slack
        .postedTexts()
        .concat(h.slack.calls.filter((c) => c.method === 'response_url').map((c) => JSON.stringify(c.args)));
      for (const raw of ['<!here>', '<!channel>', '<@U123>', '<https://evil.example|'])
        expect(sent.filter((s) => s.includes(raw))).toEqual([]);
    });

    it('escapes what an admin typed into diagnose when it echoes it back', async () => {
      const res = await h.client.slashCommand({
        userId: A1,
        text: 'diagnose <!here> & co',
        responseUrl: h.slack.responseUrl('bad'),
      });
      await h.app.idle();
      expect(JSON.stringify(res.body)).toContain(
        '\\"&lt;!here&gt; &amp; co\\" contains characters a login name cannot have.',
      );
      expect(JSON.stringify(res.body)).not.toContain('<!here>');
    });
  });

  describe('§5b the confirmation’s private_metadata is not trusted', () => {
    it('does what the server recorded for the opened confirmation, whatever a forged private_metadata says', async () => {
      const resume = await d.report('resume', 'taro', REPORTER);
      h.cybozu.update('taro', { valid: false });
      h.cybozu.addUser({ code: 'jiro', name: 'Suzuki Jiro', email: 'jiro@example.com', services: ['kintone'] });
      h.slack.setUser('UJIRO0001', { email: 'jiro@example.com', locale: 'en-US' });
      const other = await d.report('reset_password', 'jiro', 'UJIRO0001');
      await d.press(A1, BUTTON.resume, resume.id);
      const view = d.confirmView();
      const forged = JSON.stringify({
        reportId: other.id,
        kind: 'reset_password',
        loginName: 'jiro',
        identity: 'email_match',
      });
      await d.confirm(A1, {}, view, forged);
      expect(d.puts().map((c) => c.body)).toEqual([{ users: [{ code: 'taro', valid: true }] }]);
      expect(h.cybozu.user('jiro')!.password ?? null).toBeNull();
      expect(actionRows()).toEqual([
        expect.objectContaining({
          reportId: resume.id,
          kind: 'resume',
          targetLoginName: 'taro',
          identity: 'email_match',
        }),
      ]);
    });

    it('refuses a confirmation the server never opened, and one opened for another admin', async () => {
      const r = await d.report('reset_password', 'taro', OUTSIDER);
      const forged = JSON.stringify({
        reportId: r.id,
        kind: 'reset_password',
        loginName: 'taro',
        identity: 'email_match',
      });
      const res = await h.client.viewSubmission({
        userId: A1,
        callbackId: 'account_action_confirm',
        viewId: 'VFORGED01',
        privateMetadata: forged,
        values: {},
      });
      await h.app.idle();
      expect(res.body.response_action).toBe('update');
      expect(JSON.stringify(res.body.view.blocks)).toContain('This confirmation is no longer valid');

      await d.press(A1, BUTTON.reset_password, r.id);
      const opened = await d.confirm(A2, IDENTITY_CHECKED, d.confirmView());
      expect(opened.body.response_action).toBe('update');
      expect(d.puts()).toHaveLength(0);
      expect(actionRows()).toHaveLength(0);
    });
  });
});
