/**
 * Japanese public holidays, from @holiday-jp/holiday_jp (bundled data, no network; covers 1970–2050).
 *
 * Holidays are *calendar dates*, not instants. The routing code asks about the date a shift starts on, read in
 * the shift's time zone (the `TIMEZONE` setting): with the default `Asia/Tokyo` that is simply the Japanese
 * date. With another zone (say `America/New_York`) the New York date is looked up as if it were a Japanese
 * date, i.e. "the team is off on the day that is called 文化の日", which is what a roster kept in that zone means.
 */
import { createRequire } from 'node:module';

export type HolidayLocale = 'ja' | 'en';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface HolidayEntry {
  readonly name: string;
  readonly name_en: string;
}
type YearTable = Readonly<Record<string, HolidayEntry | undefined>>;

/** The years the package has data for; any other year has no holidays here. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2050;

/**
 * One year's table at a time, loaded when a date in it is first asked about: the package's per-year files (its
 * README's "specific years only"), not its 81-year table, which V8 keeps as ~0.9 MiB of two-byte source and
 * objects for the life of the process. The map is keyed by 'YYYY-MM-DD' (the package's own isHoliday() scans
 * every key on each call).
 */
const years = new Map<number, YearTable>();
const requireYear = createRequire(import.meta.url);

function yearTable(year: number): YearTable {
  let table = years.get(year);
  if (!table) {
    table =
      year >= FIRST_YEAR && year <= LAST_YEAR
        ? (requireYear(`@holiday-jp/holiday_jp/lib/holidays_every_year/${year}.js`) as YearTable)
        : {};
    years.set(year, table);
  }
  return table;
}

function entry(dateISO: string): HolidayEntry | undefined {
  if (!ISO_DATE.test(dateISO)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${dateISO}"`);
  const table = yearTable(Number(dateISO.slice(0, 4)));
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
