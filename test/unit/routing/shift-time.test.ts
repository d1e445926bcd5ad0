import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  currentOccurrenceEnd,
  isCovered,
  nextStart,
  occurrenceAt,
  occurrencesBetween,
  parseShift,
} from '../../../src/routing/shifts.js';

const TOKYO = 'Asia/Tokyo';
const NY = 'America/New_York';
const LONDON = 'Europe/London';
const HOUR = 3_600_000;

/** Epoch ms of a wall-clock time in a zone (an ISO string with an explicit offset is taken as is). */
function at(iso: string, zone = TOKYO): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${iso}`);
  return dt.toMillis();
}
function wall(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
}

describe('isCovered: boundaries', () => {
  const weekdays = parseShift('Mon-Fri 09:00-18:00');

  it('includes the start and excludes the end', () => {
    expect(isCovered(weekdays, at('2026-06-05T08:59:59.999'), TOKYO)).toBe(false);
    expect(isCovered(weekdays, at('2026-06-05T09:00'), TOKYO)).toBe(true);
    expect(isCovered(weekdays, at('2026-06-05T17:59:59.999'), TOKYO)).toBe(true);
    expect(isCovered(weekdays, at('2026-06-05T18:00'), TOKYO)).toBe(false);
  });

  it('is off on days not listed', () => {
    expect(isCovered(weekdays, at('2026-06-06T12:00'), TOKYO)).toBe(false); // Saturday
    expect(isCovered(weekdays, at('2026-06-07T12:00'), TOKYO)).toBe(false); // Sunday
  });

  it('reads the wall clock in the given zone', () => {
    // 09:30 in Tokyo is 00:30 UTC, 20:30 the day before in New York.
    const t = at('2026-06-05T09:30');
    expect(isCovered(weekdays, t, TOKYO)).toBe(true);
    expect(isCovered(weekdays, t, NY)).toBe(false);
    expect(isCovered(weekdays, at('2026-06-05T09:30', NY), NY)).toBe(true);
  });

  it('rejects an unknown time zone', () => {
    expect(() => isCovered(weekdays, 0, 'Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
  });
});

describe('overnight shifts', () => {
  const fridayNight = parseShift('Fri 22:00-06:00');

  it('Friday 22:00-06:00 covers Saturday 03:00, not Friday 03:00', () => {
    expect(isCovered(fridayNight, at('2026-06-06T03:00'), TOKYO)).toBe(true); // Saturday
    expect(isCovered(fridayNight, at('2026-06-05T03:00'), TOKYO)).toBe(false); // Friday
  });

  it('runs from 22:00 to 06:00 the next morning', () => {
    expect(isCovered(fridayNight, at('2026-06-05T21:59'), TOKYO)).toBe(false);
    expect(isCovered(fridayNight, at('2026-06-05T22:00'), TOKYO)).toBe(true);
    expect(isCovered(fridayNight, at('2026-06-06T05:59'), TOKYO)).toBe(true);
    expect(isCovered(fridayNight, at('2026-06-06T06:00'), TOKYO)).toBe(false);
    expect(currentOccurrenceEnd(fridayNight, at('2026-06-05T23:00'), TOKYO)).toBe(at('2026-06-06T06:00'));
  });

  it('treats end == start as a whole day', () => {
    const allDay = parseShift('Sat 00:00-00:00');
    expect(isCovered(allDay, at('2026-06-06T00:00'), TOKYO)).toBe(true);
    expect(isCovered(allDay, at('2026-06-06T23:59'), TOKYO)).toBe(true);
    expect(isCovered(allDay, at('2026-06-07T00:00'), TOKYO)).toBe(false);
  });
});

describe('currentOccurrenceEnd and nextStart', () => {
  const weekdays = parseShift('Mon-Fri 09:00-18:00');

  it('gives the end of the occurrence in progress, or null', () => {
    expect(currentOccurrenceEnd(weekdays, at('2026-06-05T10:00'), TOKYO)).toBe(at('2026-06-05T18:00'));
    expect(currentOccurrenceEnd(weekdays, at('2026-06-05T18:00'), TOKYO)).toBeNull();
  });

  it('finds the next start strictly after the given instant, across the weekend', () => {
    expect(nextStart(weekdays, at('2026-06-04T09:00'), TOKYO)).toBe(at('2026-06-05T09:00'));
    expect(nextStart(weekdays, at('2026-06-05T08:00'), TOKYO)).toBe(at('2026-06-05T09:00'));
    expect(nextStart(weekdays, at('2026-06-05T18:00'), TOKYO)).toBe(at('2026-06-08T09:00'));
  });

  it('returns null when nothing starts within the horizon', () => {
    // Monday-only shift seen from Friday 2026-09-18: Mon 09-21 is 敬老の日, so with a 3-day horizon nothing starts.
    const monday = parseShift('Mon 09:00-18:00');
    expect(nextStart(monday, at('2026-09-18T12:00'), TOKYO, 3)).toBeNull();
    expect(nextStart(monday, at('2026-09-18T12:00'), TOKYO)).toBe(at('2026-09-28T09:00'));
  });

  it('lists the occurrences overlapping a window', () => {
    const list = occurrencesBetween(weekdays, at('2026-06-05T12:00'), at('2026-06-09T10:00'), TOKYO);
    expect(list.map((o) => o.date)).toEqual(['2026-06-05', '2026-06-08', '2026-06-09']);
  });
});

describe('Japanese public holidays', () => {
  const weekdays = parseShift('Mon-Fri 09:00-18:00');
  const withHolidays = parseShift('Mon-Fri 09:00-18:00 holidays');

  it('is off on 文化の日 (Tue 2026-11-03) and 勤労感謝の日 (Mon 2026-11-23) unless onHolidays', () => {
    for (const day of ['2026-11-03', '2026-11-23']) {
      expect(isCovered(weekdays, at(`${day}T12:00`), TOKYO)).toBe(false);
      expect(isCovered(withHolidays, at(`${day}T12:00`), TOKYO)).toBe(true);
    }
    expect(isCovered(weekdays, at('2026-11-02T12:00'), TOKYO)).toBe(true);
    expect(isCovered(weekdays, at('2026-11-04T12:00'), TOKYO)).toBe(true);
  });

  it('skips holidays when looking for the next start', () => {
    expect(nextStart(weekdays, at('2026-11-02T18:00'), TOKYO)).toBe(at('2026-11-04T09:00'));
    expect(nextStart(withHolidays, at('2026-11-02T18:00'), TOKYO)).toBe(at('2026-11-03T09:00'));
    // Golden Week: Fri 05-01 evening → Thu 05-07 (05-04, 05-05 and the substitute 05-06 are holidays).
    expect(nextStart(weekdays, at('2026-05-01T18:00'), TOKYO)).toBe(at('2026-05-07T09:00'));
  });

  it('drops an overnight shift that starts on a holiday, after-midnight part included', () => {
    const nights = parseShift('Mon-Fri 22:00-06:00');
    expect(isCovered(nights, at('2026-11-03T23:00'), TOKYO)).toBe(false); // starts on 文化の日
    expect(isCovered(nights, at('2026-11-04T03:00'), TOKYO)).toBe(false); // its after-midnight part
    // The night before the holiday runs in full, into the holiday morning.
    expect(isCovered(nights, at('2026-11-03T03:00'), TOKYO)).toBe(true);
  });

  it('reads the holiday date in the shift time zone', () => {
    // Mon 2026-11-02 21:00 in New York is already 11-03 (文化の日) in Tokyo: the New York date decides.
    const evenings = parseShift('Mon-Fri 20:00-23:00');
    expect(isCovered(evenings, at('2026-11-02T21:00', NY), NY)).toBe(true);
    expect(isCovered(evenings, at('2026-11-03T21:00', NY), NY)).toBe(false);
  });
});

describe('daylight saving time', () => {
  const daily = parseShift('daily 09:00-17:00');

  it('keeps a 09:00-17:00 shift at 09:00 local and 8 hours on both change days in New York', () => {
    for (const day of ['2026-03-08', '2026-11-01']) {
      const occ = occurrenceAt(daily, at(`${day}T12:00`, NY), NY);
      expect(occ).not.toBeNull();
      if (!occ) return;
      expect(DateTime.fromMillis(occ.start, { zone: NY }).toFormat('HH:mm')).toBe('09:00');
      expect(occ.end - occ.start).toBe(8 * HOUR);
    }
    expect(wall(nextStart(daily, at('2026-03-07T12:00', NY), NY) ?? 0, NY)).toBe('2026-03-08T09:00-04:00');
    expect(wall(nextStart(daily, at('2026-10-31T12:00', NY), NY) ?? 0, NY)).toBe('2026-11-01T09:00-05:00');
  });

  it('spring forward: 01:30-03:00 on 2026-03-08 lasts 30 minutes (02:00 jumps to 03:00)', () => {
    const shift = parseShift('Sun 01:30-03:00');
    const occ = occurrenceAt(shift, at('2026-03-08T01:45', NY), NY);
    expect(occ).toEqual({
      start: Date.parse('2026-03-08T06:30:00Z'), // 01:30 EST
      end: Date.parse('2026-03-08T07:00:00Z'), // 03:00 EDT
      date: '2026-03-08',
    });
    expect(isCovered(shift, Date.parse('2026-03-08T06:59:59Z'), NY)).toBe(true);
    expect(isCovered(shift, Date.parse('2026-03-08T07:00:00Z'), NY)).toBe(false);
    // Other Sundays it is 90 minutes.
    const normal = occurrenceAt(shift, at('2026-03-15T01:45', NY), NY);
    expect(normal && normal.end - normal.start).toBe(1.5 * HOUR);
  });

  it('spring forward: a start inside the gap (02:30) moves forward by the gap, to 03:30 EDT', () => {
    const shift = parseShift('Sun 02:30-06:00');
    expect(wall(nextStart(shift, at('2026-03-07T12:00', NY), NY) ?? 0, NY)).toBe('2026-03-08T03:30-04:00');
    expect(isCovered(shift, at('2026-03-08T03:15', NY), NY)).toBe(false);
    expect(isCovered(shift, at('2026-03-08T03:30', NY), NY)).toBe(true);
  });

  it('spring forward: a shift lying in the gap shadow (02:30-03:15) does not happen that day', () => {
    const shift = parseShift('Sun 02:30-03:15');
    expect(occurrenceAt(shift, at('2026-03-08T03:10', NY), NY)).toBeNull();
    expect(wall(nextStart(shift, at('2026-03-07T12:00', NY), NY) ?? 0, NY)).toBe('2026-03-15T02:30-04:00');
  });

  it('fall back: a time that happens twice (01:30 on 2026-11-01) means the first one', () => {
    const shift = parseShift('Sun 01:30-05:00');
    expect(wall(nextStart(shift, at('2026-10-31T12:00', NY), NY) ?? 0, NY)).toBe('2026-11-01T01:30-04:00');
    const occ = occurrenceAt(shift, Date.parse('2026-11-01T06:00:00Z'), NY); // 01:00 EST, second time round
    expect(occ && occ.end - occ.start).toBe(4.5 * HOUR);
    const ending = parseShift('Sat 22:00-01:30');
    const night = occurrenceAt(ending, at('2026-10-31T23:00', NY), NY);
    expect(night?.end).toBe(Date.parse('2026-11-01T05:30:00Z')); // the first 01:30 (EDT)
  });

  it('an overnight shift across the change is an hour shorter or longer (Europe/London)', () => {
    const nights = parseShift('Sat 22:00-06:00');
    const spring = occurrenceAt(nights, at('2026-03-28T23:00', LONDON), LONDON);
    const autumn = occurrenceAt(nights, at('2026-10-24T23:00', LONDON), LONDON);
    expect(spring && spring.end - spring.start).toBe(7 * HOUR);
    expect(autumn && autumn.end - autumn.start).toBe(9 * HOUR);
    expect(spring && wall(spring.end, LONDON)).toBe('2026-03-29T06:00+01:00');
    expect(autumn && wall(autumn.end, LONDON)).toBe('2026-10-25T06:00+00:00');
  });
});
