import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Shift } from '../../src/routing/shifts.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const OFFICE: Shift = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();
const MINUTE = 60_000;

describe('the on-duty user group (DUTY_USERGROUP_HANDLE)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      env: {
        ADMIN_SLACK_IDS: `${A1},${A2}`,
        DEFAULT_LOCALE: 'en',
        DUTY_USERGROUP_HANDLE: '@kintone-duty',
        DUTY_USERGROUP_CHECK_MINUTES: '10',
        DAILY_POST_AT: 'off',
      },
    });
    h.clock.set(tokyo('2026-11-25T10:00')); // a Wednesday
    for (const id of [A1, A2]) h.slack.setUser(id, { locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  const group = () => [...h.slack.usergroups.values()].find((g) => g.handle === 'kintone-duty');
  const settle = async () => {
    await h.app.idle();
    await h.app.services.dutyGroup!.settled();
  };
  const pass = async () => {
    h.app.scheduler.tick();
    await settle();
  };
  const writes = () =>
    h.slack.calls.filter((c) => /^usergroups\.(create|users\.update|enable|disable)$/.test(c.method));
  const health = async () =>
    (await (
      await fetch(`${h.baseUrl}/healthz`, { headers: { authorization: 'Bearer test-health-token' } })
    ).json()) as Record<string, any>;
  const home = async (user: string) => {
    await h.client.event({ type: 'app_home_opened', user, tab: 'home' });
    await h.app.idle();
    return JSON.stringify(h.slack.callsTo('views.publish').at(-1)!.args.view);
  };

  it('follows duty taken and left, shift starts and ends, and disables the group while nobody is on duty', async () => {
    await pass();
    expect(group()).toBeUndefined(); // nobody on duty: no empty group is created

    h.app.services.roster.setShifts(A1, [OFFICE], h.clock.now());
    h.app.services.afterDutyChange();
    await settle();
    expect(group()).toMatchObject({ users: [A1], date_delete: 0, name: 'kintone-duty' });

    await h.client.slashCommand({ userId: A2, text: 'duty on' });
    await settle();
    expect(group()!.users).toEqual([A1, A2]);
    await h.client.slashCommand({ userId: A2, text: 'duty off' });
    await settle();
    expect(group()!.users).toEqual([A1]);

    h.clock.set(tokyo('2026-11-25T18:00')); // the shift ends
    await pass();
    expect(group()!.date_delete).toBeGreaterThan(0);
    expect((await health()).dutyGroup).toMatchObject({ handle: 'kintone-duty', state: 'disabled', members: [] });
    expect(await home(A1)).toContain('is disabled while nobody is on duty');

    const before = writes().length;
    await pass();
    expect(writes()).toHaveLength(before); // nothing changed, nothing written

    h.clock.set(tokyo('2026-11-26T09:00')); // the next shift starts
    await pass();
    expect(group()).toMatchObject({ users: [A1], date_delete: 0 });
    expect(h.slack.callsTo('usergroups.enable')).toHaveLength(1);
    expect(h.slack.callsTo('usergroups.create')).toHaveLength(1);
  });

  it('repairs a group changed by hand (or a missed update) at the next read-back', async () => {
    h.app.services.roster.setShifts(A1, [OFFICE], h.clock.now());
    h.app.services.afterDutyChange();
    await settle();
    group()!.users = ['USOMEONE'];
    h.clock.advance(9 * MINUTE);
    await pass();
    expect(group()!.users).toEqual(['USOMEONE']); // read back every 10 minutes, not on every pass
    h.clock.advance(MINUTE);
    await pass();
    expect(group()!.users).toEqual([A1]);
  });

  it('explains a missing scope in App Home and /healthz, keeps answering, and retries only after the check interval', async () => {
    h.slack.failAlways('usergroups.list', { error: 'missing_scope' });
    h.app.services.roster.setShifts(A1, [OFFICE], h.clock.now());
    h.app.services.afterDutyChange();
    await settle();
    const body = await health();
    expect(body.ok).toBe(true);
    expect(body.dutyGroup).toMatchObject({ state: 'problem', problem: 'missing_scope', error: 'missing_scope' });
    expect(await home(A1)).toContain('lacks the `usergroups:read` / `usergroups:write` scopes');
    expect(
      h.log.entries.filter((e) => e.msg === 'on-duty user group could not be updated; see App Home or /healthz'),
    ).toHaveLength(1);

    const tries = () => h.slack.callsTo('usergroups.list').length;
    const triesBefore = tries();
    for (let i = 0; i < 5; i++) await pass();
    expect(tries()).toBe(triesBefore); // no loop against the failure
    const oncall = await h.client.slashCommand({ userId: A2, text: 'oncall' });
    expect(oncall.body.text).toContain(`<@${A1}>`);

    h.slack.clearFailures();
    h.clock.advance(10 * MINUTE);
    await pass();
    expect(group()!.users).toEqual([A1]);
    expect((await health()).dutyGroup).toMatchObject({ state: 'ok', members: [A1] });
  });

  it('explains a workspace that restricts user-group edits', async () => {
    h.slack.failAlways('usergroups.create', { error: 'permission_denied' });
    h.app.services.roster.setShifts(A1, [OFFICE], h.clock.now());
    h.app.services.afterDutyChange();
    await settle();
    expect((await health()).dutyGroup).toMatchObject({
      state: 'problem',
      problem: 'restricted',
      error: 'permission_denied',
    });
    expect(await home(A1)).toContain('this workspace restricts who may create and change user groups');
    expect(await home(A2)).toContain('permission_denied');
  });

  it('keeps no group and calls no usergroups method without DUTY_USERGROUP_HANDLE', async () => {
    await h.close();
    h = await startHarness({ env: { ADMIN_SLACK_IDS: A1, DAILY_POST_AT: 'off' } });
    h.app.services.roster.setManualDuty(A1, true, h.clock.now());
    h.app.services.afterDutyChange();
    expect(h.app.services.dutyGroup).toBeNull();
    expect(h.slack.calls.filter((c) => c.method.startsWith('usergroups.'))).toHaveLength(0);
    expect((await health()).dutyGroup).toBeUndefined();
  });
});
