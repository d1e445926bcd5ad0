/**
 * Japanese public holidays, from @holiday-jp/holiday_jp (bundled data, no network; covers 1970–2050).
 *
 * Holidays are *calendar dates*, not instants. The routing code asks about the date a shift starts on, read in
 * the shift's time zone (the `TIMEZONE` setting): with the default `Asia/Tokyo` that is simply the Japanese
 * date. With another zone (say `America/New_York`) the New York date is looked up as if it were a Japanese
 * date, i.e. "the team is off on the day that is called 文化の日", which is what a roster kept in that zone means.
 */
import holidayJp from '@holiday-jp/holiday_jp';

export type HolidayLocale = 'ja' | 'en';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface HolidayEntry {
  readonly name: string;
  readonly name_en: string;
}

// The package's own isHoliday() scans every key on each call; the map is keyed by 'YYYY-MM-DD', so look it up.
const table: Readonly<Record<string, HolidayEntry | undefined>> = holidayJp.holidays;

function entry(dateISO: string): HolidayEntry | undefined {
  if (!ISO_DATE.test(dateISO)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${dateISO}"`);
  return Object.hasOwn(table, dateISO) ? table[dateISO] : undefined;
}

/** True when `dateISO` ('YYYY-MM-DD') is a Japanese public holiday, including substitute and citizens' holidays. */
export function isJapaneseHoliday(dateISO: string): boolean {
  return entry(dateISO) !== undefined;
}

/** The holiday's name (`文化の日` / `National Culture Day`), or null when the date is not a holiday. */
export function holidayName(dateISO: string, locale: HolidayLocale): string | null {
  const found = entry(dateISO);
  if (!found) return null;
  return locale === 'ja' ? found.name : found.name_en;
}
