import { describe, expect, it } from 'vitest';
import { csvField, dayRange } from '../../src/reports/audit-export.js';

describe('audit CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['山田 花子', '山田 花子'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['windows\r\nline', '"windows\r\nline"'],
    ['', ''],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes null as an empty field and numbers as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });
});

describe('the export’s day range', () => {
  it('runs from the start of the first day to the end of the last, in the time zone', () => {
    expect(dayRange('2026-04-01', '2026-04-30', 'Asia/Tokyo')).toEqual({
      fromMs: Date.parse('2026-03-31T15:00:00Z'),
      toMs: Date.parse('2026-04-30T15:00:00Z'),
    });
  });

  it.each([
    ['2026-04-31', '2026-05-01'],
    ['yesterday', '2026-05-01'],
    ['2026-05-02', '2026-05-01'],
  ])('refuses %j to %j', (from, to) => {
    expect(dayRange(from, to, 'Asia/Tokyo')).toBeNull();
  });
});
