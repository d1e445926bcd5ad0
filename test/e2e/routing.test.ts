import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, reports, timers } from '../../db/schema.js';
import type { Shift } from '../../src/routing/shifts.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UREPORTS1';
const OFFICE: Shift = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();

describe('roster, on-duty routing, escalation and the report’s thread', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: `${A1},${A2}`, ESCALATION_MINUTES: '15', DEFAULT_LOCALE: 'en' } });
    h.clock.set(tokyo('2026-11-25T10:00')); // a Wednesday
    for (const id of [A1, A2, REPORTER]) h.slack.setUser(id, { locale: 'en-US', tz: 'Asia/Tokyo' });
    h.slack.setUser(REPORTER, { locale: 'ja-JP', tz: 'Europe/London' });
  });
  afterEach(async () => {
    await h.close();
  });

  const shifts = (id: string, list: Shift[]) => h.app.services.roster.setShifts(id, list, h.clock.now());
  const report = async (user = REPORTER) => {
    const walker = await new Walker(h, user).open();
    await walker.choose('suspended');
    await walker.submit('taro');
    await h.deliver();
    return h.db.select().from(reports).all().at(-1)!;
  };
  const root = (reportId: number) => {
    const r = h.db
      .select()
      .from(reports)
      .all()
      .find((x) => x.id === reportId)!;
    return { channel: r.rootChannel!, ts: r.rootTs! };
  };
  const press = async (userId: string, actionId: string, reportId: number) => {
    const url = h.slack.responseUrl(`${userId}-${actionId}-${Math.random()}`);
    const res = await h.client.blockAction({
      userId,
      actionId,
      value: String(reportId),
      channel: root(reportId).channel,
      messageTs: root(reportId).ts,
      responseUrl: url,
      triggerId: `trig-${actionId}`,
    });
    await h.app.idle();
    await h.deliver();
    return {
      res,
      answers: () => h.slack.calls.filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname),
    };
  };
  const threadTexts = (reportId: number) => h.threadReplies(root(reportId).ts).map((c) => String(c.args.text));
  const lastRootVersion = (reportId: number) => {
    const updates = h.slack.callsTo('chat.update').filter((c) => c.args.ts === root(reportId).ts);
    return JSON.stringify(
      (updates.at(-1) ?? h.rootMessages().find((c) => c.response.ts === root(reportId).ts))!.args.blocks,
    );
  };
  const escalations = () =>
    h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === 'report.escalated');

  it('routes a new report to the admin on duty, mentions them in the thread and shows them on the root message', async () => {
    shifts(A1, [OFFICE]);
    const r = await report();
    expect(r.assigneeSlackId).toBe(A1);
    expect(threadTexts(r.id)[0]).toContain(`<@${A1}>, report #${r.id} is yours`);
    const rootBlocks = JSON.stringify(h.rootMessages()[0]!.args.blocks);
    expect(rootBlocks).toContain(`<@${A1}>`);
    expect(rootBlocks).toContain('"action_id":"report_ack"');
    expect(rootBlocks).toContain('"action_id":"report_resolve"');
  });

  it('spreads reports fairly: fewest open first, then the admin assigned least recently', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    const first = await report();
    const second = await report();
    const third = await report();
    expect([first, second, third].map((r) => r.assigneeSlackId)).toEqual([A1, A2, A1]);
  });

  it('never routes a report to its reporter', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    h.slack.setUser(A1, { locale: 'en-US' });
    const r = await report(A1);
    expect(r.assigneeSlackId).toBe(A2);
  });

  it('queues a report when nobody is on duty: says so in the thread, DMs every admin, tells the reporter when help is expected', async () => {
    shifts(A1, [OFFICE]);
    h.clock.set(tokyo('2026-11-28T11:00')); // Saturday
    const r = await report();
    expect(r.assigneeSlackId).toBeNull();
    expect(threadTexts(r.id)[0]).toContain('No admin is on duty right now');
    expect(threadTexts(r.id)[0]).toContain('30 Nov 2026, 09:00'); // Monday 09:00 Tokyo
    const dms = h.slack.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    expect(dms.filter((c) => c.args.channel === `D${A1}` || c.args.channel === `D${A2}`)).toHaveLength(2);
    const reporterDm = dms
      .filter((c) => c.args.channel === `D${REPORTER}`)
      .map((c) => String(c.args.text))
      .join('\n');
    expect(reporterDm).toContain('現在、対応できる管理者がいません');
    expect(reporterDm).toContain('2026/11/30 0:00'); // 09:00 Tokyo is 00:00 in London, in the reporter's zone

    // Monday 09:00: the shift starts and the scheduler hands the report over.
    h.clock.set(tokyo('2026-11-30T09:00'));
    expect(h.app.scheduler.tick().pickedUp).toEqual([r.id]);
    await h.deliver();
    expect(h.db.select().from(reports).get()!.assigneeSlackId).toBe(A1);
    expect(threadTexts(r.id).at(-1)).toContain(`<@${A1}>, your shift has started`);
  });

  it('does not work on Japanese public holidays unless the shift says so', async () => {
    shifts(A1, [OFFICE]);
    h.clock.set(tokyo('2026-11-23T10:00')); // 勤労感謝の日 (Monday)
    expect((await report()).assigneeSlackId).toBeNull();
    shifts(A2, [{ ...OFFICE, onHolidays: true }]);
    expect((await report()).assigneeSlackId).toBe(A2);
  });

  it('`duty on` picks up queued reports at once; `oncall` says who is on duty and who is next', async () => {
    shifts(A2, [OFFICE]);
    h.clock.set(tokyo('2026-11-25T20:00'));
    const r = await report();
    expect(r.assigneeSlackId).toBeNull();
    const before = await h.client.slashCommand({ userId: REPORTER, text: 'oncall' });
    expect(before.body.text).toContain('現在、当番の管理者はいません');
    const on = await h.client.slashCommand({ userId: A1, text: 'duty on' });
    expect(on.body.text).toBe('You are on duty.');
    await h.deliver();
    expect(h.db.select().from(reports).get()!.assigneeSlackId).toBe(A1);
    const after = await h.client.slashCommand({ userId: A2, text: 'oncall' });
    expect(after.body.text).toContain(`*On duty now*: <@${A1}>`);
    expect(after.body.text).toContain(`*Next*: <@${A2}>`);
    const refused = await h.client.slashCommand({ userId: REPORTER, text: 'duty on' });
    expect(refused.body.text).toBe('この操作ができるのは管理者だけです。');
  });

  it('fires a morning of overdue escalations in short passes, each pass telling whether more are due', async () => {
    const now = h.clock.now();
    for (let i = 0; i < 60; i++) {
      const id = h.db
        .insert(reports)
        .values({
          reporterSlackId: REPORTER,
          loginName: `u${i}`,
          leafId: 'other_problem',
          remedy: 'other',
          locale: 'ja',
          submissionKey: `overdue${i}`,
          state: 'open',
          assigneeSlackId: A1,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get().id;
      h.db.insert(timers).values({ reportId: id, kind: 'escalate', dueAt: now }).run();
    }
    expect(h.app.scheduler.tick()).toMatchObject({ fired: 50, more: true });
    expect(h.app.scheduler.tick()).toMatchObject({ fired: 10, more: false });
    expect(h.app.scheduler.tick()).toMatchObject({ fired: 0, more: false });
    expect(escalations()).toHaveLength(60);
  });

  it('escalates an unacknowledged report to the next admin, then to every admin, and stops there', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    const r = await report();
    expect(r.assigneeSlackId).toBe(A1);
    h.clock.advance(14 * 60_000);
    expect(h.app.scheduler.tick().fired).toBe(0);
    h.clock.advance(60_000);
    expect(h.app.scheduler.tick().fired).toBe(1);
    await h.deliver();
    expect(h.db.select().from(reports).get()).toMatchObject({ assigneeSlackId: A2, escalationLevel: 1 });
    expect(threadTexts(r.id).at(-1)).toContain(`Not taken within 15 minutes: reassigned to <@${A2}>`);

    h.clock.advance(15 * 60_000);
    expect(h.app.scheduler.tick().fired).toBe(1);
    await h.deliver();
    expect(h.db.select().from(reports).get()!.escalationLevel).toBe(2);
    expect(threadTexts(r.id).at(-1)).toContain('every admin has been notified');
    expect(lastRootVersion(r.id)).toContain('all admins notified');
    h.clock.advance(60 * 60_000);
    expect(h.app.scheduler.tick().fired).toBe(0);
    expect(escalations()).toHaveLength(2);
  });

  it('fires an escalation exactly once across a restart between scheduling and firing', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    await report();
    await h.restart();
    h.clock.advance(16 * 60_000);
    await h.restart(); // start() runs a pass itself
    h.app.scheduler.tick();
    h.app.scheduler.tick();
    expect(escalations()).toHaveLength(1);
    expect(
      h.db
        .select()
        .from(timers)
        .all()
        .filter((t) => t.outcome === 'fired'),
    ).toHaveLength(1);
  });

  it('acknowledging stops escalation, tells the reporter, and updates the root message', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    const r = await report();
    const { answers } = await press(A1, 'report_ack', r.id);
    expect(answers()).toHaveLength(0);
    expect(h.db.select().from(reports).get()).toMatchObject({ state: 'acknowledged', assigneeSlackId: A1 });
    expect(threadTexts(r.id).at(-1)).toContain(`<@${A1}> is on it.`);
    expect(lastRootVersion(r.id)).toContain('In progress');
    expect(lastRootVersion(r.id)).not.toContain('"action_id":"report_ack"');
    const dm = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === `D${REPORTER}`)
      .at(-1)!;
    expect(dm.args.text).toContain('対応を始めました');
    h.clock.advance(60 * 60_000);
    expect(h.app.scheduler.tick().fired).toBe(0);
    expect(escalations()).toHaveLength(0);
  });

  it('refuses thread buttons to someone not on the roster, ephemerally, changing nothing', async () => {
    shifts(A1, [OFFICE]);
    const r = await report();
    const before = h.db.select().from(auditEvents).all().length;
    const { answers } = await press('UOUTSIDER', 'report_ack', r.id);
    expect(answers()[0]!.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'Only kintone-login administrators can do this.',
    });
    expect(h.db.select().from(reports).get()!.state).toBe('open');
    expect(h.db.select().from(auditEvents).all()).toHaveLength(before);
    const resolve = await press('UOUTSIDER', 'report_resolve', r.id);
    expect(resolve.answers()).toHaveLength(1);
    expect(
      h.slack.callsTo('views.open').filter((c) => c.args.view?.callback_id === 'report_resolve_modal'),
    ).toHaveLength(0);
  });

  it('makes a double click change the state once and answers the second politely', async () => {
    shifts(A1, [OFFICE]);
    shifts(A2, [OFFICE]);
    const r = await report();
    const [one, two] = await Promise.all([press(A1, 'report_ack', r.id), press(A2, 'report_ack', r.id)]);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type === 'report.acknowledge'),
    ).toHaveLength(1);
    const refusals = [...one.answers(), ...two.answers()];
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.args.text).toContain('is "In progress"');
  });

  it('resolves with a note from the modal, asks the reporter whether they are back in, and reopens on "still stuck"', async () => {
    shifts(A1, [OFFICE]);
    const r = await report();
    await press(A1, 'report_resolve', r.id);
    const modal = h.slack.callsTo('views.open').at(-1)!;
    expect(modal.args.view.callback_id).toBe('report_resolve_modal');
    await h.client.viewSubmission({
      userId: A1,
      callbackId: 'report_resolve_modal',
      privateMetadata: modal.args.view.private_metadata,
      values: { note: { note_input: { value: 'Set back to Active' } } },
    });
    await h.deliver();
    expect(h.db.select().from(reports).get()).toMatchObject({ state: 'resolved' });
    const dm = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === `D${REPORTER}`)
      .at(-1)!;
    expect(dm.args.text).toContain('Set back to Active');
    expect(JSON.stringify(dm.args.blocks)).toContain('reporter_still_stuck');

    // Asked twice before the reopening: the second answer is the one written for the first, and must not outlive it.
    for (let i = 0; i < 2; i++)
      expect((await h.client.slashCommand({ userId: REPORTER, text: 'status' })).body.text).toContain('解決済み');
    const stranger = await press(A1, 'reporter_still_stuck', r.id);
    expect(stranger.answers()[0]!.args.text).toBe('Only the reporter can do this.');
    await press(REPORTER, 'reporter_still_stuck', r.id);
    expect(h.db.select().from(reports).get()!.state).toBe('open');
    expect(threadTexts(r.id).at(-1)).toContain('reopened');
    const status = await h.client.slashCommand({ userId: REPORTER, text: 'status' });
    expect(status.body.text).toContain(`#${r.id}`);
    expect(status.body.text).toContain('未対応');
  });

  it('lets the reporter withdraw a report from the first DM', async () => {
    shifts(A1, [OFFICE]);
    const r = await report();
    await press(REPORTER, 'reporter_fixed_now', r.id);
    expect(h.db.select().from(reports).get()!.state).toBe('cancelled');
    expect(
      h.db
        .select()
        .from(timers)
        .all()
        .every((t) => t.doneAt !== null),
    ).toBe(true);
  });

  it('reassigns to another admin chosen in the modal (admins only)', async () => {
    shifts(A1, [OFFICE]);
    const r = await report();
    await press(A1, 'report_reassign', r.id);
    const modal = h.slack.callsTo('views.open').at(-1)!;
    const submit = (userId: string, to: string) =>
      h.client.viewSubmission({
        userId,
        callbackId: 'report_reassign_modal',
        privateMetadata: modal.args.view.private_metadata,
        values: { assignee: { assignee_select: { selected_user: to } } },
      });
    expect((await submit(A1, 'UOUTSIDER')).body.response_action).toBe('errors');
    expect((await submit(A1, A2)).status).toBe(200);
    await h.deliver();
    expect(h.db.select().from(reports).get()!.assigneeSlackId).toBe(A2);
    expect(threadTexts(r.id).at(-1)).toContain(`<@${A1}> reassigned this report to <@${A2}>`);
  });

  it('manages the roster: list for anyone, add/remove for admins, never the last admin', async () => {
    expect((await h.client.slashCommand({ userId: REPORTER, text: 'admins' })).body.text).toContain(
      `<@${A1}>, <@${A2}>`,
    );
    expect((await h.client.slashCommand({ userId: REPORTER, text: 'admins add <@UNEW00001|new>' })).body.text).toBe(
      'この操作ができるのは管理者だけです。',
    );
    expect((await h.client.slashCommand({ userId: A1, text: 'admins add <@UNEW00001|new>' })).body.text).toBe(
      '<@UNEW00001> is now an administrator.',
    );
    expect((await h.client.slashCommand({ userId: A1, text: 'admins remove <@UNEW00001>' })).body.text).toBe(
      '<@UNEW00001> is no longer an administrator.',
    );
    expect((await h.client.slashCommand({ userId: A1, text: `admins remove <@${A2}>` })).body.text).toContain(
      'no longer',
    );
    expect((await h.client.slashCommand({ userId: A1, text: `admins remove <@${A1}>` })).body.text).toBe(
      'The last administrator cannot be removed. Add another administrator first.',
    );
    const types = h.db
      .select()
      .from(auditEvents)
      .all()
      .map((e) => e.type);
    expect(types.filter((t) => t === 'admin.removed')).toHaveLength(2);
  });

  it('lets an admin edit shifts and take duty from App Home', async () => {
    await h.client.event({ type: 'app_home_opened', user: A1, channel: 'DH', tab: 'home' });
    await h.app.idle();
    const home = h.slack.callsTo('views.publish').at(-1)!;
    expect(JSON.stringify(home.args.view)).toContain('home_duty_toggle');
    await h.client.blockAction({ userId: A1, actionId: 'home_edit_shifts', triggerId: 'trig-shifts' });
    await h.app.idle();
    expect(h.slack.callsTo('views.open').at(-1)!.args.view.callback_id).toBe('home_shifts_modal');
    const bad = await h.client.viewSubmission({
      userId: A1,
      callbackId: 'home_shifts_modal',
      values: { shifts: { shifts_input: { value: 'Mon-Fri 9-18' } } },
    });
    expect(bad.body.response_action).toBe('errors');
    const good = await h.client.viewSubmission({
      userId: A1,
      callbackId: 'home_shifts_modal',
      values: { shifts: { shifts_input: { value: 'Mon-Fri 09:00-18:00\nSat 10:00-12:00' } } },
    });
    expect(good.status).toBe(200);
    await h.app.idle();
    expect(h.app.services.roster.duties(h.clock.now()).find((d) => d.slackId === A1)!.shifts).toHaveLength(2);
    expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).toContain('on duty');

    await h.client.blockAction({ userId: A1, actionId: 'home_duty_toggle', value: 'off' });
    await h.app.idle();
    expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).toContain('not on duty');
    // A non-admin's home has no admin section, and their toggle does nothing.
    await h.client.event({ type: 'app_home_opened', user: REPORTER, channel: 'DH', tab: 'home' });
    await h.app.idle();
    expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view)).not.toContain('home_duty_toggle');
  });
});
