import { describe, expect, it } from 'vitest';
import {
  formatShift,
  parseShift,
  parseShiftList,
  ShiftParseError,
  shiftSchema,
  tryParseShift,
  type Shift,
} from '../../../src/routing/shifts.js';

function parseError(text: string): ShiftParseError {
  const result = tryParseShift(text);
  if (result.ok) throw new Error(`expected "${text}" not to parse`);
  return result.error;
}

describe('parseShift: English', () => {
  it('reads a weekday range', () => {
    expect(parseShift('Mon-Fri 09:00-18:00')).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
  });

  it('reads a list of days', () => {
    expect(parseShift('Sat,Sun 10:00-15:00')).toEqual({ days: [6, 7], start: '10:00', end: '15:00' });
    expect(parseShift('mon, wed ,FRI 8:30-12:00')).toEqual({ days: [1, 3, 5], start: '08:30', end: '12:00' });
  });

  it('keeps an overnight shift as typed (end before start = next day)', () => {
    expect(parseShift('Mon-Fri 22:00-06:00')).toEqual({ days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' });
  });

  it('reads the holidays suffix as onHolidays', () => {
    expect(parseShift('Mon-Fri 09:00-18:00 holidays')).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      onHolidays: true,
    });
    expect(parseShift('Sat 09:00-12:00 +Holidays').onHolidays).toBe(true);
  });

  it('accepts full names, a wrapping range, mixed lists and the group words', () => {
    expect(parseShift('Monday-Wednesday 09:00-10:00').days).toEqual([1, 2, 3]);
    expect(parseShift('Fri-Mon 09:00-10:00').days).toEqual([1, 5, 6, 7]);
    expect(parseShift('Mon-Wed,Fri 09:00-10:00').days).toEqual([1, 2, 3, 5]);
    expect(parseShift('Mon - Fri 09:00 - 18:00').days).toEqual([1, 2, 3, 4, 5]);
    expect(parseShift('weekdays 09:00-18:00').days).toEqual([1, 2, 3, 4, 5]);
    expect(parseShift('weekends 09:00-18:00').days).toEqual([6, 7]);
    expect(parseShift('daily 00:00-00:00').days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('takes 24:00 as an end time and stores it as 00:00', () => {
    expect(parseShift('Mon 18:00-24:00')).toEqual({ days: [1], start: '18:00', end: '00:00' });
  });
});

describe('parseShift: Japanese', () => {
  it('reads kanji weekdays', () => {
    expect(parseShift('月-金 09:00-18:00')).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    expect(parseShift('土・日 10:00-15:00')).toEqual({ days: [6, 7], start: '10:00', end: '15:00' });
    expect(parseShift('土日 10:00-15:00').days).toEqual([6, 7]);
    expect(parseShift('月水金 10:00-15:00').days).toEqual([1, 3, 5]);
    expect(parseShift('月曜日-金曜日 10:00-15:00').days).toEqual([1, 2, 3, 4, 5]);
    expect(parseShift('日曜日 10:00-15:00').days).toEqual([7]);
    expect(parseShift('月曜・木曜 10:00-15:00').days).toEqual([1, 4]);
    expect(parseShift('火、木 10:00-15:00').days).toEqual([2, 4]);
    expect(parseShift('平日 09:00-18:00').days).toEqual([1, 2, 3, 4, 5]);
  });

  it('accepts the wave dash, full-width digits and no space before the times', () => {
    expect(parseShift('月〜金 9:00〜18:00')).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    expect(parseShift('月～金　０９：００～１８：００')).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
    });
    expect(parseShift('月-金09:00-18:00').days).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads 祝日も as onHolidays', () => {
    expect(parseShift('月-金 09:00-18:00 祝日も')).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      onHolidays: true,
    });
    expect(parseShift('月-金 22:00-06:00 祝日含む').onHolidays).toBe(true);
  });
});

describe('parseShift: errors', () => {
  it('says the input is empty', () => {
    const error = parseError('   ');
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/Empty shift: e\.g\. "Mon-Fri 09:00-18:00"/);
    expect(error.localized('ja')).toMatch(/^シフトが空です。例: 「月-金 09:00-18:00」/);
  });

  it('names an unknown day', () => {
    const error = parseError('Mox-Fri 09:00-18:00');
    expect(error.code).toBe('unknown_day');
    expect(error.message).toContain('Unknown day "Mox": use Mon Tue Wed Thu Fri Sat Sun (or 月火水木金土日)');
    expect(error.localized('ja')).toContain('曜日「Mox」が分かりません');
  });

  it('does not take prototype names for days', () => {
    expect(parseError('constructor 09:00-18:00').code).toBe('unknown_day');
  });

  it('asks for the days when only times are given', () => {
    const error = parseError('09:00-18:00');
    expect(error.code).toBe('missing_days');
    expect(error.message).toMatch(/^Which days\? Put them before the times/);
  });

  it('asks for a time range when there is none, or only one time', () => {
    expect(parseError('Mon-Fri').code).toBe('missing_times');
    const error = parseError('Mon-Fri 09:00');
    expect(error.code).toBe('missing_times');
    expect(error.message).toContain('No time range in "Mon-Fri 09:00": give start and end as HH:MM-HH:MM');
    expect(error.localized('ja')).toContain('時間帯がありません');
  });

  it('rejects impossible times, naming them', () => {
    const error = parseError('Mon-Fri 25:00-18:00');
    expect(error.code).toBe('invalid_time');
    expect(error.message).toContain('"25:00" is not a time: use HH:MM between 00:00 and 23:59');
    expect(parseError('Mon-Fri 09:60-18:00').code).toBe('invalid_time');
    expect(parseError('Mon 24:00-06:00').code).toBe('invalid_time'); // 24:00 only as an end
  });

  it('rejects text after the times other than the holidays suffix', () => {
    const error = parseError('Mon-Fri 09:00-18:00 weekends');
    expect(error.code).toBe('unexpected_text');
    expect(error.message).toContain('Unexpected "weekends" after the times: only "holidays" (or 祝日も) may follow');
    expect(parseError('月-金 09:00-18:00 祝日').code).toBe('unexpected_text'); // "only holidays"? ask
  });

  it('rejects a malformed range', () => {
    expect(parseError('Mon-Wed-Fri 09:00-18:00').code).toBe('bad_range');
    expect(parseError('土日-月 09:00-18:00').code).toBe('bad_range');
    expect(parseError('Mon- 09:00-18:00').code).toBe('bad_range');
  });

  it('is a ShiftParseError thrown by parseShift', () => {
    expect(() => parseShift('nope')).toThrow(ShiftParseError);
  });
});

describe('parseShiftList', () => {
  it('reads one shift per line and skips blank lines', () => {
    expect(parseShiftList('Mon-Fri 09:00-18:00\n\nSat 10:00-12:00')).toEqual({
      ok: true,
      shifts: [
        { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
        { days: [6], start: '10:00', end: '12:00' },
      ],
    });
  });

  it('reports every bad line with its number', () => {
    const result = parseShiftList('Mon-Fri 09:00-18:00\nMox 09:00-10:00\nSat 10:00');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.error.code])).toEqual([
      [2, 'unknown_day'],
      [3, 'missing_times'],
    ]);
  });
});

describe('formatShift', () => {
  it('writes the compact form in both languages', () => {
    const weekdays: Shift = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
    expect(formatShift(weekdays, 'en')).toBe('Mon-Fri 09:00-18:00');
    expect(formatShift(weekdays, 'ja')).toBe('月-金 09:00-18:00');
    const weekend: Shift = { days: [6, 7], start: '10:00', end: '15:00', onHolidays: true };
    expect(formatShift(weekend, 'en')).toBe('Sat,Sun 10:00-15:00 holidays');
    expect(formatShift(weekend, 'ja')).toBe('土・日 10:00-15:00 祝日も');
    expect(formatShift({ days: [1, 5, 6, 7], start: '22:00', end: '06:00' }, 'en')).toBe('Fri-Mon 22:00-06:00');
    expect(formatShift({ days: [1, 3, 4, 5, 7], start: '22:00', end: '06:00' }, 'en')).toBe(
      'Sun,Mon,Wed-Fri 22:00-06:00',
    );
    expect(formatShift({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' }, 'ja')).toBe('月-日 00:00-00:00');
  });

  it('round-trips through parseShift', () => {
    const shifts: Shift[] = [
      { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
      { days: [6, 7], start: '10:00', end: '15:00', onHolidays: true },
      { days: [1, 5, 6, 7], start: '22:00', end: '06:00' },
      { days: [1, 3, 5], start: '00:00', end: '00:00' },
      { days: [1, 2, 3, 4, 5, 6, 7], start: '08:15', end: '08:15', onHolidays: true },
    ];
    for (const shift of shifts) {
      for (const locale of ['en', 'ja'] as const) expect(parseShift(formatShift(shift, locale))).toEqual(shift);
    }
  });
});

describe('formatShift: every set of days', () => {
  it('round-trips all 127 non-empty day sets in both languages', () => {
    for (let mask = 1; mask < 128; mask++) {
      const days = ([1, 2, 3, 4, 5, 6, 7] as const).filter((d) => mask & (1 << (d - 1)));
      const shift: Shift = { days: [...days], start: '07:00', end: '19:30' };
      for (const locale of ['en', 'ja'] as const) expect(parseShift(formatShift(shift, locale))).toEqual(shift);
    }
  });
});

describe('shiftSchema', () => {
  it('accepts what the parser produces', () => {
    expect(shiftSchema.parse(parseShift('Mon-Fri 22:00-06:00 holidays'))).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '22:00',
      end: '06:00',
      onHolidays: true,
    });
  });

  it('rejects bad days and times', () => {
    expect(shiftSchema.safeParse({ days: [], start: '09:00', end: '18:00' }).success).toBe(false);
    expect(shiftSchema.safeParse({ days: [0], start: '09:00', end: '18:00' }).success).toBe(false);
    expect(shiftSchema.safeParse({ days: [1, 1], start: '09:00', end: '18:00' }).success).toBe(false);
    expect(shiftSchema.safeParse({ days: [1], start: '9:00', end: '18:00' }).success).toBe(false);
    expect(shiftSchema.safeParse({ days: [1], start: '09:00', end: '24:00' }).success).toBe(false);
  });
});
