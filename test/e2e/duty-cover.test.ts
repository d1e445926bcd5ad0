import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dutyCovers, reports } from '../../db/schema.js';
import type { Shift } from '../../src/routing/shifts.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { reportThread } from '../helpers/report-thread.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const A3 = 'UADMINTRI';
const REPORTER = 'UREPORTS1';
const OFFICE: Shift = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();

describe('cover and away change routing and oncall', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      env: { ADMIN_SLACK_IDS: `${A1},${A2},${A3}`, DEFAULT_LOCALE: 'en', DAILY_POST_AT: 'off' },
    });
    h.clock.set(tokyo('2026-11-25T10:00')); // a Wednesday
    for (const id of [A1, A2, A3, REPORTER]) h.slack.setUser(id, { locale: 'en-US' });
    h.app.services.roster.setShifts(A1, [OFFICE], h.clock.now());
  });
  afterEach(async () => {
    await h.close();
  });

  const command = async (userId: string, text: string) =>
    String((await h.client.slashCommand({ userId, text })).body.text);
  const dmsTo = (user: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user}`);

  it('`duty cover`: the coverer gets the reports in the range and is told by DM; declining puts routing back', async () => {
    const t = reportThread(h);
    expect(await command(A1, `duty cover <@${A2}|two> 2026-11-25 10:00 2026-11-25 12:00`)).toBe(
      `<@${A2}> covers for you from 25 Nov 2026, 10:00 to 25 Nov 2026, 12:00. They have been told and can decline.`,
    );
    await h.deliver();
    const dm = dmsTo(A2).at(-1)!;
    expect(String(dm.args.text)).toContain(
      `<@${A1}> asked you to cover their duty from 25 Nov 2026, 10:00 to 25 Nov 2026, 12:00`,
    );
    expect(JSON.stringify(dm.args.blocks)).toContain('"action_id":"duty_cover_decline"');
    expect(await command(A3, 'oncall')).toContain(`*On duty now*: <@${A2}>`);
    expect((await t.report('resume', 'taro', REPORTER)).assigneeSlackId).toBe(A2);

    // Only the coverer may decline, checked at the click.
    const coverId = h.db.select().from(dutyCovers).get()!.id;
    expect(await t.press(A3, 'duty_cover_decline', coverId)).toEqual([
      'This cover cannot be declined any more (it is over, already declined, or not yours).',
    ]);
    expect(h.db.select().from(dutyCovers).get()!.declinedAt).toBeNull();
    await t.press(A2, 'duty_cover_decline', coverId);
    expect(h.db.select().from(dutyCovers).get()!.declinedAt).not.toBeNull();
    expect(String(dmsTo(A1).at(-1)!.args.text)).toContain(
      `<@${A2}> cannot cover for you from 25 Nov 2026, 10:00 to 25 Nov 2026, 12:00`,
    );
    expect(await command(A3, 'oncall')).toContain(`*On duty now*: <@${A1}>`);
    expect((await t.report('resume', 'jiro', REPORTER)).assigneeSlackId).toBe(A1);
    expect(await t.press(A2, 'duty_cover_decline', coverId)).toHaveLength(1); // a second click changes nothing
  });

  it('`duty cover` refuses what it cannot record, and non-admins', async () => {
    expect(await command(A1, `duty cover <@${A1}> 2026-11-25 10:00 2026-11-25 12:00`)).toBe(
      'You cannot cover for yourself: choose another admin.',
    );
    expect(await command(A1, `duty cover <@${REPORTER}> 2026-11-25 10:00 2026-11-25 12:00`)).toContain(
      'must be an admin',
    );
    expect(await command(A1, `duty cover <@${A2}> 2026-11-25 12:00 2026-11-25 10:00`)).toBe(
      'The end must come after the start.',
    );
    expect(await command(A1, `duty cover <@${A2}> 2026-11-24 10:00 2026-11-24 12:00`)).toBe(
      'That time has already passed.',
    );
    expect(await command(A1, `duty cover <@${A2}> 2026-02-30 10:00 2026-03-01 12:00`)).toContain(
      'duty cover @admin YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM',
    );
    expect(await command(A1, `duty cover two 2026-11-25 10:00 2026-11-25 12:00`)).toContain('in Asia/Tokyo');
    expect(await command(REPORTER, `duty cover <@${A2}> 2026-11-25 10:00 2026-11-25 12:00`)).toBe(
      'Only administrators can do this.',
    );
    expect(h.db.select().from(dutyCovers).all()).toHaveLength(0);
  });

  it('the App Home cover modal records a cover, checked again at submission', async () => {
    await h.client.blockAction({ userId: A1, actionId: 'home_duty_cover', value: 'cover', triggerId: 'trig-cover' });
    await h.app.idle();
    expect(h.slack.callsTo('views.open').at(-1)!.args.view.callback_id).toBe('home_duty_cover_modal');
    const values = (start: string, end: string, who = A3) => ({
      cover_who: { cover_who_input: { type: 'users_select', selected_user: who } },
      cover_start: { cover_start_input: { value: start } },
      cover_end: { cover_end_input: { value: end } },
    });
    const bad = await h.client.viewSubmission({
      userId: A1,
      callbackId: 'home_duty_cover_modal',
      values: values('tomorrow', '2026-11-25 12:00'),
    });
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { cover_start: 'Write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:00.' },
    });
    const forged = await h.client.viewSubmission({
      userId: REPORTER,
      callbackId: 'home_duty_cover_modal',
      values: values('2026-11-25 10:00', '2026-11-25 12:00'),
    });
    expect(forged.body).toMatchObject({
      response_action: 'errors',
      errors: { cover_who: 'Only admins can ask for cover.' },
    });
    const ok = await h.client.viewSubmission({
      userId: A1,
      callbackId: 'home_duty_cover_modal',
      values: values('２０２６-11-25 10:00', '2026-11-25 12:00'),
    });
    expect(ok.status).toBe(200);
    await h.app.idle();
    expect(h.db.select().from(dutyCovers).all()).toMatchObject([
      { requestedBy: A1, coverSlackId: A3, startAt: tokyo('2026-11-25T10:00'), endAt: tokyo('2026-11-25T12:00') },
    ]);
    expect(await command(A2, 'oncall')).toContain(`*On duty now*: <@${A3}>`);
  });

  it('`duty away <date>`: no reports until the end of that day, whatever the shifts; `duty on` ends it', async () => {
    h.app.services.roster.setShifts(A2, [OFFICE], h.clock.now());
    const t = reportThread(h);
    expect(await command(A1, 'duty away 2026-11-26')).toBe(
      'You are away until 27 Nov 2026, 00:00: no reports are routed to you, whatever your shifts say. `duty on` ends it early.',
    );
    const first = await t.report('resume', 'a', REPORTER);
    const second = await t.report('resume', 'b', REPORTER);
    expect([first.assigneeSlackId, second.assigneeSlackId]).toEqual([A2, A2]);
    h.clock.set(tokyo('2026-11-26T10:00'));
    expect(await command(A3, 'oncall')).toContain(`*On duty now*: <@${A2}>`);
    h.clock.set(tokyo('2026-11-27T09:00')); // away is over: the shift counts again
    expect(await command(A3, 'oncall')).toContain(`*On duty now*: <@${A1}>, <@${A2}>`);

    expect(await command(A1, 'duty away 2026-11-30')).toContain('You are away until');
    expect(await command(A1, 'duty on')).toBe('You are on duty.');
    expect(await command(A3, 'oncall')).toContain(`<@${A1}>`);
    expect(await command(A1, 'duty away 2026-11-01')).toBe('Choose a date from today up to 366 days ahead.');
    expect(await command(A1, 'duty away soon')).toContain('duty away YYYY-MM-DD');
  });

  it('an away admin is not routed to even when they are the only one on shift: the report is queued', async () => {
    await command(A1, 'duty away 2026-11-25');
    const r = await reportThread(h).report('resume', 'taro', REPORTER);
    expect(h.db.select().from(reports).get()!.assigneeSlackId).toBeNull();
    expect(reportThread(h).thread(r.id)[0]).toContain('No admin is on duty right now');
  });
});
