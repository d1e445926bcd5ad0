import holidayJp from '@holiday-jp/holiday_jp';
import { describe, expect, it } from 'vitest';
import { holidayName, isJapaneseHoliday } from '../../../src/routing/holidays.js';

describe('Japanese holidays', () => {
  it('knows 文化の日 and 勤労感謝の日 2026', () => {
    expect(isJapaneseHoliday('2026-11-03')).toBe(true);
    expect(isJapaneseHoliday('2026-11-23')).toBe(true);
    expect(holidayName('2026-11-03', 'ja')).toBe('文化の日');
    expect(holidayName('2026-11-23', 'en')).toBe('Labor Thanksgiving Day');
  });

  it('knows substitute and citizens’ holidays', () => {
    expect(holidayName('2026-05-06', 'ja')).toBe('こどもの日 振替休日');
    expect(isJapaneseHoliday('2026-09-22')).toBe(true);
  });

  it('says no for ordinary days', () => {
    expect(isJapaneseHoliday('2026-11-04')).toBe(false);
    expect(holidayName('2026-11-04', 'ja')).toBeNull();
  });

  it('answers from one year at a time exactly as the whole table of the package does, 1970 to 2050', () => {
    const all = holidayJp.holidays as Record<string, { name: string; name_en: string }>;
    const day = new Date(Date.UTC(1970, 0, 1));
    let holidays = 0;
    for (; day.getUTCFullYear() <= 2050; day.setUTCDate(day.getUTCDate() + 1)) {
      const date = day.toISOString().slice(0, 10);
      expect(holidayName(date, 'ja')).toBe(all[date]?.name ?? null);
      expect(holidayName(date, 'en')).toBe(all[date]?.name_en ?? null);
      if (isJapaneseHoliday(date)) holidays++;
    }
    expect(holidays).toBe(Object.keys(all).length);
  });

  it('has no holidays outside the years the package covers', () => {
    expect(isJapaneseHoliday('1969-01-01')).toBe(false);
    expect(isJapaneseHoliday('2051-01-01')).toBe(false);
  });

  it('rejects a malformed date rather than answering false', () => {
    expect(() => isJapaneseHoliday('2026-11-3')).toThrow('expected a date as YYYY-MM-DD, got "2026-11-3"');
  });
});
