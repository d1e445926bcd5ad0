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

  it('rejects a malformed date rather than answering false', () => {
    expect(() => isJapaneseHoliday('2026-11-3')).toThrow('expected a date as YYYY-MM-DD, got "2026-11-3"');
  });
});
