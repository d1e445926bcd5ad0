import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isOnDuty, nextOnDuty, onDutyNow, type AdminDuty } from '../../../src/routing/duty.js';
import { endOfLocalDate, parseLocalDateTime } from '../../../src/routing/local-time.js';
import type { Shift } from '../../../src/routing/shifts.js';

const TZ = 'Asia/Tokyo';
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toMillis();
const OFFICE: Shift = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

describe('absences and covers in the duty calculation', () => {
  const range = { start: tokyo('2026-11-25T10:00'), end: tokyo('2026-11-25T12:00') };
  const a: AdminDuty = { slackId: 'A', shifts: [OFFICE], absent: [range] };
  const b: AdminDuty = { slackId: 'B', shifts: [], covering: [range] };

  it('an absence beats shifts and a manual duty on; a cover puts the coverer on duty, half-open', () => {
    expect(onDutyNow([a, b], tokyo('2026-11-25T09:59'), TZ)).toEqual(['A']);
    expect(onDutyNow([a, b], tokyo('2026-11-25T10:00'), TZ)).toEqual(['B']);
    expect(onDutyNow([a, b], tokyo('2026-11-25T12:00'), TZ)).toEqual(['A']);
    expect(
      isOnDuty({ ...a, manual: { on: true, since: tokyo('2026-11-25T08:00') } }, tokyo('2026-11-25T11:00'), TZ),
    ).toBe(false);
  });

  it('a manual `duty off` speaks over a cover for the instants after it', () => {
    expect(
      isOnDuty(
        { ...b, manual: { on: false, since: tokyo('2026-11-25T10:30'), until: tokyo('2026-11-25T11:00') } },
        tokyo('2026-11-25T10:45'),
        TZ,
      ),
    ).toBe(false);
    expect(
      isOnDuty(
        { ...b, manual: { on: false, since: tokyo('2026-11-25T10:30'), until: tokyo('2026-11-25T11:00') } },
        tokyo('2026-11-25T11:00'),
        TZ,
      ),
    ).toBe(true);
  });

  it('next on duty counts a cover starting and an absence ending', () => {
    expect(nextOnDuty([a, b], tokyo('2026-11-25T09:30'), TZ)).toEqual({ at: range.start, slackIds: ['B'] });
    expect(nextOnDuty([a, b], tokyo('2026-11-25T10:30'), TZ)).toEqual({ at: range.end, slackIds: ['A'] });
  });
});

describe('local dates and times typed by admins', () => {
  it('reads YYYY-MM-DD HH:MM in the zone and refuses what is not a real date or time', () => {
    expect(parseLocalDateTime('2026-11-25', '09:00', TZ)).toBe(Date.UTC(2026, 10, 25, 0, 0));
    expect(parseLocalDateTime('2026-02-30', '09:00', TZ)).toBeNull();
    expect(parseLocalDateTime('2026-11-25', '24:00', TZ)).toBeNull();
    expect(parseLocalDateTime('2026/11/25', '09:00', TZ)).toBeNull();
    expect(endOfLocalDate('2026-11-25', TZ)).toBe(tokyo('2026-11-26T00:00'));
    expect(endOfLocalDate('2026-13-01', TZ)).toBeNull();
  });
});
