import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { coverageEnd, isOnDuty, nextOnDuty, onDutyNow, type AdminDuty } from '../../../src/routing/duty.js';
import { parseShift } from '../../../src/routing/shifts.js';

const TZ = 'Asia/Tokyo';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: TZ }).toMillis();

const office = parseShift('Mon-Fri 09:00-18:00');
const evening = parseShift('Mon-Fri 18:00-22:00');

function admin(slackId: string, shifts = [office], manual: AdminDuty['manual'] = null): AdminDuty {
  return { slackId, shifts, manual };
}

describe('isOnDuty: shifts only', () => {
  it('follows the shifts when there is no manual duty', () => {
    expect(isOnDuty(admin('U1'), at('2026-06-05T10:00'), TZ)).toBe(true);
    expect(isOnDuty(admin('U1'), at('2026-06-06T10:00'), TZ)).toBe(false);
    expect(isOnDuty(admin('U1', []), at('2026-06-05T10:00'), TZ)).toBe(false);
  });
});

describe('isOnDuty: duty on', () => {
  it('puts the admin on duty outside their shifts until duty off', () => {
    const a = admin('U1', [office], { on: true, since: at('2026-06-06T10:00') }); // Saturday
    expect(isOnDuty(a, at('2026-06-06T10:00'), TZ)).toBe(true);
    expect(isOnDuty(a, at('2026-06-10T03:00'), TZ)).toBe(true);
  });

  it('ends at the optional end time, after which the shifts apply again', () => {
    const a = admin('U1', [office], { on: true, since: at('2026-06-06T10:00'), until: at('2026-06-06T12:00') });
    expect(isOnDuty(a, at('2026-06-06T11:59'), TZ)).toBe(true);
    expect(isOnDuty(a, at('2026-06-06T12:00'), TZ)).toBe(false);
    expect(isOnDuty(a, at('2026-06-08T09:00'), TZ)).toBe(true);
  });

  it('says nothing about instants before it was taken', () => {
    const a = admin('U1', [office], { on: true, since: at('2026-06-06T10:00') });
    expect(isOnDuty(a, at('2026-06-06T09:00'), TZ)).toBe(false);
  });
});

describe('isOnDuty: duty off', () => {
  it('during a shift: off until the shift’s current occurrence ends, back on for the next one', () => {
    const a = admin('U1', [office], { on: false, since: at('2026-06-05T11:00') });
    expect(isOnDuty(a, at('2026-06-05T10:59'), TZ)).toBe(true); // before duty off
    expect(isOnDuty(a, at('2026-06-05T11:00'), TZ)).toBe(false);
    expect(isOnDuty(a, at('2026-06-05T17:59'), TZ)).toBe(false);
    expect(isOnDuty(a, at('2026-06-08T09:00'), TZ)).toBe(true);
  });

  it('lasts through back-to-back shifts, not just the first', () => {
    const a = admin('U1', [office, evening], { on: false, since: at('2026-06-05T11:00') });
    expect(isOnDuty(a, at('2026-06-05T19:00'), TZ)).toBe(false);
    expect(coverageEnd(a.shifts, at('2026-06-05T11:00'), TZ)).toBe(at('2026-06-05T22:00'));
    expect(isOnDuty(a, at('2026-06-08T09:00'), TZ)).toBe(true);
  });

  it('with an end time: off until then even inside the shift, then the shift applies again', () => {
    const a = admin('U1', [office], { on: false, since: at('2026-06-05T11:00'), until: at('2026-06-05T13:00') });
    expect(isOnDuty(a, at('2026-06-05T12:59'), TZ)).toBe(false);
    expect(isOnDuty(a, at('2026-06-05T13:00'), TZ)).toBe(true);
  });

  it('outside any shift it does not cancel the next shift', () => {
    const a = admin('U1', [office], { on: false, since: at('2026-06-05T20:00') });
    expect(isOnDuty(a, at('2026-06-05T21:00'), TZ)).toBe(false);
    expect(isOnDuty(a, at('2026-06-08T09:00'), TZ)).toBe(true);
  });

  it('caps round-the-clock coverage at the horizon', () => {
    const always = parseShift('daily 00:00-00:00 holidays');
    const since = at('2026-06-05T11:00');
    expect(coverageEnd([always], since, TZ, 3)).toBe(since + 3 * 86_400_000);
    expect(coverageEnd([office], at('2026-06-06T11:00'), TZ)).toBeNull();
  });
});

describe('onDutyNow', () => {
  it('lists who is on duty, in roster order', () => {
    const admins = [admin('U3'), admin('U1', []), admin('U2', [], { on: true, since: at('2026-06-05T08:00') })];
    expect(onDutyNow(admins, at('2026-06-05T10:00'), TZ)).toEqual(['U3', 'U2']);
    expect(onDutyNow(admins, at('2026-06-05T07:00'), TZ)).toEqual([]);
  });
});

describe('nextOnDuty', () => {
  it('finds Monday morning from Friday evening, across the weekend', () => {
    const admins = [admin('U2'), admin('U1'), admin('U3', [parseShift('Mon 10:00-12:00')])];
    expect(nextOnDuty(admins, at('2026-06-05T18:00'), TZ)).toEqual({
      at: at('2026-06-08T09:00'),
      slackIds: ['U2', 'U1'],
    });
  });

  it('skips a holiday Monday (勤労感謝の日 2026-11-23) unless someone works holidays', () => {
    expect(nextOnDuty([admin('U1')], at('2026-11-20T18:00'), TZ)).toEqual({
      at: at('2026-11-24T09:00'),
      slackIds: ['U1'],
    });
    const holidayCover = admin('U9', [parseShift('Mon 10:00-15:00 holidays')]);
    expect(nextOnDuty([admin('U1'), holidayCover], at('2026-11-20T18:00'), TZ)).toEqual({
      at: at('2026-11-23T10:00'),
      slackIds: ['U9'],
    });
  });

  it('is the next start even when someone is on duty now', () => {
    const admins = [admin('U1'), admin('U2', [evening])];
    expect(nextOnDuty(admins, at('2026-06-05T10:00'), TZ)).toEqual({ at: at('2026-06-05T18:00'), slackIds: ['U2'] });
  });

  it('does not count a start for someone already on duty', () => {
    const admins = [
      admin('U1', [office], { on: true, since: at('2026-06-06T10:00') }),
      admin('U2', [parseShift('Mon 10:00-12:00')]),
    ];
    expect(nextOnDuty(admins, at('2026-06-06T11:00'), TZ)).toEqual({ at: at('2026-06-08T10:00'), slackIds: ['U2'] });
  });

  it('skips a start cancelled by duty off, and counts the end of a duty-off break inside a shift', () => {
    const onBreak = admin('U1', [office], { on: false, since: at('2026-06-05T11:00'), until: at('2026-06-05T15:00') });
    expect(nextOnDuty([onBreak], at('2026-06-05T12:00'), TZ)).toEqual({ at: at('2026-06-05T15:00'), slackIds: ['U1'] });
    const away = admin('U1', [office], { on: false, since: at('2026-06-07T12:00'), until: at('2026-06-09T00:00') });
    expect(nextOnDuty([away], at('2026-06-07T12:00'), TZ)).toEqual({ at: at('2026-06-09T09:00'), slackIds: ['U1'] });
  });

  it('is null when nobody comes on duty within the horizon', () => {
    expect(nextOnDuty([admin('U1', [])], at('2026-06-05T18:00'), TZ)).toBeNull();
    expect(nextOnDuty([], at('2026-06-05T18:00'), TZ)).toBeNull();
    expect(nextOnDuty([admin('U1')], at('2026-06-05T18:00'), TZ, 2)).toBeNull();
  });
});
