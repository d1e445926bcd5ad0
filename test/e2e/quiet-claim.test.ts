import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, reports, timers } from '../../db/schema.js';
import type { Shift } from '../../src/routing/shifts.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { reportThread } from '../helpers/report-thread.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UREPORTS1';
const ALWAYS: Shift = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00', onHolidays: true };
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();
const HOUR = 3_600_000;

describe('claimed but quiet: reminder, then back to open and routed again', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      env: {
        ADMIN_SLACK_IDS: `${A1},${A2}`,
        DEFAULT_LOCALE: 'en',
        QUIET_CLAIM_HOURS: '4',
        QUIET_CLAIM_REOPEN_HOURS: '2',
        DAILY_POST_AT: 'off',
      },
    });
    h.clock.set(tokyo('2026-11-25T10:00'));
    for (const id of [A1, A2, REPORTER]) h.slack.setUser(id, { locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  const events = (type: string) =>
    h.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.type === type);

  it('reminds the assignee once in the thread and by DM, then reopens and routes to another admin, each once across restarts', async () => {
    h.app.services.roster.setShifts(A1, [ALWAYS], h.clock.now());
    const t = reportThread(h);
    const r = await t.report('resume', 'taro', REPORTER);
    expect(r.assigneeSlackId).toBe(A1);
    await t.press(A1, 'report_ack', r.id);
    expect(h.db.select().from(reports).get()!.state).toBe('acknowledged');
    h.app.services.roster.setShifts(A2, [ALWAYS], h.clock.now());

    h.clock.advance(4 * HOUR - 60_000);
    h.app.scheduler.tick();
    expect(events('report.quiet_reminder')).toHaveLength(0);

    h.clock.advance(60_000);
    await h.restart(); // the due reminder fires in start()'s first pass, exactly once
    h.app.scheduler.tick();
    await h.restart();
    h.app.scheduler.tick();
    await h.deliver();
    expect(events('report.quiet_reminder')).toHaveLength(1);
    expect(t.thread(r.id).filter((x) => x.includes('was taken 4 hours ago'))).toEqual([
      `<@${A1}>, report #${r.id} was taken 4 hours ago and is not resolved yet. Please resolve it, or reassign it if you cannot go on.`,
    ]);
    const dm = t.dmsTo(A1).filter((c) => String(c.args.text).includes('was taken 4 hours ago'));
    expect(dm).toHaveLength(1);
    expect(String(dm[0]!.args.text)).toContain('https://fake.slack.test/archives/');
    expect(h.db.select().from(reports).get()).toMatchObject({ state: 'acknowledged', assigneeSlackId: A1 });

    h.clock.advance(2 * HOUR);
    await h.restart();
    h.app.scheduler.tick();
    await h.restart();
    h.app.scheduler.tick();
    await h.deliver();
    expect(events('report.quiet_reopened')).toHaveLength(1);
    expect(h.db.select().from(reports).get()).toMatchObject({
      state: 'open',
      assigneeSlackId: A2,
      acknowledgedAt: null,
    });
    expect(t.thread(r.id).filter((x) => x.includes('No progress since'))).toEqual([
      `No progress since <@${A1}> took this report: it is open again and now with <@${A2}> (please press "Take it" within 15 minutes).`,
    ]);
    // The new assignee gets the usual escalation timer; the quiet timers are spent.
    const pending = h.db
      .select()
      .from(timers)
      .all()
      .filter((x) => x.doneAt === null);
    expect(pending.map((x) => x.kind)).toEqual(['escalate']);
  });

  it('does nothing for a report resolved before the reminder is due', async () => {
    h.app.services.roster.setShifts(A1, [ALWAYS], h.clock.now());
    const t = reportThread(h);
    const r = await t.report('resume', 'taro', REPORTER);
    await t.press(A1, 'report_ack', r.id);
    await t.resolve(A1, r.id);
    h.clock.advance(10 * HOUR);
    h.app.scheduler.tick();
    await h.deliver();
    expect(events('report.quiet_reminder')).toHaveLength(0);
    expect(events('report.quiet_reopened')).toHaveLength(0);
    expect(h.db.select().from(reports).get()!.state).toBe('resolved');
  });

  it('reopens to queued, with a note, when nobody is on duty any more', async () => {
    h.app.services.roster.setManualDuty(A1, true, h.clock.now(), h.clock.now() + 5 * HOUR);
    const t = reportThread(h);
    const r = await t.report('resume', 'taro', REPORTER);
    await t.press(A1, 'report_ack', r.id);
    h.clock.advance(4 * HOUR);
    h.app.scheduler.tick();
    h.clock.advance(2 * HOUR);
    h.app.scheduler.tick();
    await h.deliver();
    expect(h.db.select().from(reports).get()).toMatchObject({ state: 'open', assigneeSlackId: null });
    expect(t.thread(r.id).at(-1)).toContain('No admin is on duty right now; the next one on duty gets it.');
  });
});
