import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailyPosts } from '../../db/schema.js';
import type { Shift } from '../../src/routing/shifts.js';
import { SUPPORT_CHANNEL, startHarness, type Harness } from '../helpers/app-harness.js';
import { reportThread } from '../helpers/report-thread.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UREPORTS1';
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();
const EARLY: Shift = { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' };
const LATE: Shift = { days: [1, 2, 3, 4, 5], start: '13:00', end: '22:00' };

describe('the daily duty post (DAILY_POST_AT)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en', DAILY_POST_AT: '09:00' } });
    for (const id of [A1, A2, REPORTER]) h.slack.setUser(id, { locale: 'en-US' });
    // The harness starts on Wednesday 2026-11-25 at 10:00: that day's post went out at start. Tests look at other days.
    await h.deliver();
    h.slack.clearCalls();
  });
  afterEach(async () => {
    await h.close();
  });

  const dailyPostsSent = () =>
    h.slack
      .messagesIn(SUPPORT_CHANNEL)
      .filter((c) => !c.args.thread_ts && String(c.args.text).startsWith('*Duty today*'));
  const pass = async () => {
    h.app.scheduler.tick();
    await h.deliver();
  };

  it('posts once on a business day at 09:00: who is on duty today, and open or queued reports oldest first with links; once across a restart', async () => {
    h.clock.set(tokyo('2026-11-25T19:00')); // Wednesday evening: two reports come in, one nobody takes
    h.app.services.roster.setShifts(A1, [EARLY], h.clock.now());
    h.app.services.roster.setShifts(A2, [LATE], h.clock.now());
    const t = reportThread(h);
    const first = await t.report('resume', 'first_one', REPORTER);
    h.clock.set(tokyo('2026-11-25T23:00'));
    const second = await t.report('resume', 'second.one', REPORTER);
    expect(first.assigneeSlackId).toBe(A2);
    expect(second.assigneeSlackId).toBeNull();
    await pass();
    expect(dailyPostsSent()).toHaveLength(0);

    h.clock.set(tokyo('2026-11-26T08:59'));
    await pass();
    expect(dailyPostsSent()).toHaveLength(0);
    h.clock.set(tokyo('2026-11-26T09:00'));
    await pass();
    await h.restart();
    await pass();
    h.clock.set(tokyo('2026-11-26T15:00'));
    await pass();
    const posts = dailyPostsSent();
    expect(posts).toHaveLength(1);
    const text = String(posts[0]!.args.text);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '*Duty today* (2026-11-26)',
      `*On duty now*: <@${A1}>`,
      `• <@${A2}> from 26 Nov 2026, 13:00`,
    ]);
    const firstLine = text.indexOf('first_one');
    const secondLine = text.indexOf('second.one');
    expect(firstLine).toBeGreaterThan(0);
    expect(secondLine).toBeGreaterThan(firstLine); // oldest first
    expect(text).toContain(`<https://fake.slack.test/archives/${SUPPORT_CHANNEL}/`);
    expect(text).toContain(`|#${first.id}> login name \`first_one\` — waiting for <@${A2}>`);
    expect(text).toContain(`|#${second.id}> login name \`second.one\``);
    expect(
      h.db
        .select()
        .from(dailyPosts)
        .all()
        .map((d) => d.date),
    ).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('does not post on a Japanese public holiday, nor at the weekend', async () => {
    h.clock.set(tokyo('2026-11-23T09:30')); // 勤労感謝の日, a Monday
    await pass();
    h.clock.set(tokyo('2026-11-28T09:30')); // Saturday
    await pass();
    expect(dailyPostsSent()).toHaveLength(0);
    h.clock.set(tokyo('2026-11-30T09:30')); // Monday, a business day
    await pass();
    expect(dailyPostsSent()).toHaveLength(1);
    expect(String(dailyPostsSent()[0]!.args.text)).toContain('*Nobody is on duty right now.*');
    expect(String(dailyPostsSent()[0]!.args.text)).toContain('No open or queued reports.');
  });

  it('posts nothing when DAILY_POST_AT is off', async () => {
    await h.close();
    h = await startHarness({ env: { ADMIN_SLACK_IDS: A1, DAILY_POST_AT: 'off' } });
    h.clock.set(tokyo('2026-11-25T10:00'));
    await pass();
    expect(dailyPostsSent()).toHaveLength(0);
  });
});
