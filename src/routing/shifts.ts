/**
 * Weekly shifts: the data type, its zod schema, the compact text admins type in App Home, and the zone math.
 *
 * A shift repeats every week on its `days` (ISO weekdays, Monday = 1) from `start` to `end`, wall-clock time in
 * the roster's time zone (`TIMEZONE`). `end <= start` means the shift crosses midnight and ends on the next day
 * (`22:00-06:00`; `00:00-00:00` is a whole day). The day listed is the day the shift *starts*.
 *
 * Decisions (tests pin each of them):
 * - Coverage is half-open: a shift covers `start <= t < end`.
 * - Japanese public holidays: an occurrence whose *start date* (in the shift's zone) is a holiday does not
 *   happen at all, unless `onHolidays` is set. That includes the after-midnight part of an overnight shift that
 *   starts on a holiday; an overnight shift starting the evening before a holiday runs in full.
 *   See holidays.ts for how the date is read.
 * - DST gap (a wall time that does not exist, e.g. 02:30 on 2026-03-08 in America/New_York): the time is moved
 *   forward by the length of the gap (02:30 → 03:30 EDT). This is what luxon, java.time and Temporal's
 *   'compatible' disambiguation do. If that pushes the start to or past the end (a shift lying entirely inside
 *   the gap's shadow, like 02:30-03:15) that day's occurrence is empty and is skipped.
 * - DST overlap (a wall time that happens twice, e.g. 01:30 on 2026-11-01 in America/New_York): the earlier
 *   instant is used, for starts and ends alike (Temporal 'compatible'; luxon itself would pick the later one).
 * - Wall-clock times are kept: a 09:00-17:00 shift starts at 09:00 local on DST-change days too, and lasts
 *   8 wall-clock hours; a shift spanning the change itself is an hour shorter (spring) or longer (autumn).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isJapaneseHoliday } from './holidays.js';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Shift = {
  /** ISO weekdays the shift starts on, Monday = 1 … Sunday = 7. */
  days: Weekday[];
  /** 'HH:MM', 00:00–23:59, wall-clock time in the roster's zone. */
  start: string;
  /** 'HH:MM'; `end <= start` means the next day. */
  end: string;
  /** Also on Japanese public holidays (default: off on holidays). */
  onHolidays?: boolean;
};

export type ShiftLocale = 'ja' | 'en';

/** One concrete occurrence of a shift: `[start, end)` in epoch ms, and the local date it starts on. */
export type Occurrence = { start: number; end: number; date: string };

/** How far ahead nextStart and friends look by default. Three weeks covers Golden Week and Obon twice over. */
export const DEFAULT_HORIZON_DAYS = 21;

// ---------------------------------------------------------------------------------------------------------------
// Schema

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const weekdaySchema = z.literal([1, 2, 3, 4, 5, 6, 7]);

export const shiftSchema = z.object({
  days: z
    .array(weekdaySchema)
    .min(1, 'a shift needs at least one day')
    .refine((days) => new Set(days).size === days.length, 'days must not repeat'),
  start: z.string().regex(HHMM, 'expected HH:MM between 00:00 and 23:59'),
  end: z.string().regex(HHMM, 'expected HH:MM between 00:00 and 23:59'),
  onHolidays: z.boolean().optional(),
});

export const shiftListSchema = z.array(shiftSchema);

// The explicit type and the schema must agree (both directions).
const _schemaMatchesType: z.ZodType<Shift> = shiftSchema;
const _typeMatchesSchema = (s: Shift): z.infer<typeof shiftSchema> => s;
void _schemaMatchesType;
void _typeMatchesSchema;

// ---------------------------------------------------------------------------------------------------------------
// Parsing the compact format

export type ShiftParseErrorCode =
  | 'empty'
  | 'missing_days'
  | 'missing_times'
  | 'invalid_time'
  | 'unknown_day'
  | 'bad_range'
  | 'unexpected_text';

/** A parse failure with a message in both languages; `message` is the English one. */
export class ShiftParseError extends Error {
  override readonly name = 'ShiftParseError';
  constructor(
    readonly code: ShiftParseErrorCode,
    readonly input: string,
    readonly messages: Readonly<Record<ShiftLocale, string>>,
  ) {
    super(messages.en);
  }

  localized(locale: ShiftLocale): string {
    return this.messages[locale];
  }
}

const EXAMPLE_EN = 'e.g. "Mon-Fri 09:00-18:00", "Sat,Sun 10:00-15:00" or "Mon-Fri 22:00-06:00 holidays"';
const EXAMPLE_JA = '例: 「月-金 09:00-18:00」「土・日 10:00-15:00」「月-金 22:00-06:00 祝日も」';

const EN_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const JA_NAMES = ['月', '火', '水', '木', '金', '土', '日'] as const;

// Maps, not object literals: a token like "constructor" must not find Object.prototype.
const EN_DAY_WORDS: ReadonlyMap<string, Weekday> = new Map<string, Weekday>([
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['weds', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['sat', 6],
  ['saturday', 6],
  ['sun', 7],
  ['sunday', 7],
]);
const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
const WEEKENDS: readonly Weekday[] = [6, 7];
const EVERY_DAY: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const GROUP_WORDS: ReadonlyMap<string, readonly Weekday[]> = new Map([
  ['weekdays', WEEKDAYS],
  ['平日', WEEKDAYS],
  ['weekends', WEEKENDS],
  ['週末', WEEKENDS],
  ['daily', EVERY_DAY],
  ['everyday', EVERY_DAY],
  ['毎日', EVERY_DAY],
]);
/** One or more kanji weekdays written together: 月, 月曜, 月曜日, 土日, 月水金. */
const JA_DAYS_RUN = /^(?:[月火水木金土日](?:曜日?)?)+$/u;
const JA_DAY = /([月火水木金土日])(?:曜日?)?/gu; // 月曜日 is Monday, not 月 + 日
// A bare 祝日 is not accepted: it could as well mean "only on holidays".
const HOLIDAY_SUFFIX = /^\+?\s*(?:holidays?|incl\.?\s*holidays?|祝日も|祝日も?含む|祝日を含む|祝日可)$/iu;

function fail(code: ShiftParseErrorCode, input: string, en: string, ja: string): never {
  throw new ShiftParseError(code, input, { en, ja });
}

/** Folds full-width forms and the dashes, tildes and list marks people type into `-` and `,`. */
function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‐‑‒–—―−ー〜~]/gu, '-')
    .replace(/[、・/]/gu, ',')
    .replace(/\s+/gu, ' ')
    .trim();
}

function parseDayToken(token: string, input: string): Weekday[] {
  const lower = token.toLowerCase().replace(/\.$/, '');
  const en = EN_DAY_WORDS.get(lower);
  if (en !== undefined) return [en];
  const group = GROUP_WORDS.get(lower);
  if (group) return [...group];
  if (JA_DAYS_RUN.test(token)) {
    return [...token.matchAll(JA_DAY)].map((m) => (JA_NAMES.indexOf(m[1] as (typeof JA_NAMES)[number]) + 1) as Weekday);
  }
  return fail(
    'unknown_day',
    input,
    `Unknown day "${token}": use Mon Tue Wed Thu Fri Sat Sun (or 月火水木金土日), ${EXAMPLE_EN}.`,
    `曜日「${token}」が分かりません。月火水木金土日（または Mon〜Sun）で書いてください。${EXAMPLE_JA}`,
  );
}

function singleDay(token: string, input: string): Weekday {
  const days = parseDayToken(token, input);
  const [only] = days;
  if (days.length !== 1 || only === undefined) {
    return fail(
      'bad_range',
      input,
      `"${token}" is not a single day; a range is written like Mon-Fri.`,
      `「${token}」は1つの曜日ではありません。範囲は「月-金」のように書いてください。`,
    );
  }
  return only;
}

function parseDays(text: string, input: string): Weekday[] {
  const found = new Set<Weekday>();
  // Items are separated by commas or spaces; spaces around a range dash are allowed ("Mon - Fri").
  const items = text
    .replace(/\s*-\s*/g, '-')
    .split(/[,\s]+/)
    .filter((s) => s !== '');
  for (const item of items) {
    const parts = item.split('-');
    if (parts.length === 1) {
      for (const d of parseDayToken(item, input)) found.add(d);
      continue;
    }
    const [from, to] = parts;
    if (parts.length !== 2 || !from || !to) {
      return fail(
        'bad_range',
        input,
        `Cannot read the day range "${item}"; write it like Mon-Fri.`,
        `曜日の範囲「${item}」が読めません。「月-金」のように書いてください。`,
      );
    }
    const a = singleDay(from, input);
    const b = singleDay(to, input);
    // Ranges may wrap around the week: Fri-Mon is Fri, Sat, Sun, Mon.
    for (let d = a; ; d = ((d % 7) + 1) as Weekday) {
      found.add(d);
      if (d === b) break;
    }
  }
  return [...found].sort((x, y) => x - y);
}

function parseTime(text: string, input: string, allow24: boolean): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (m && allow24 && h === 24 && min === 0) return '00:00';
  if (!m || h > 23 || min > 59) {
    return fail(
      'invalid_time',
      input,
      `"${text}" is not a time: use HH:MM between 00:00 and 23:59${allow24 ? ' (24:00 as an end time)' : ''}.`,
      `「${text}」は時刻ではありません。00:00〜23:59 の HH:MM で書いてください${allow24 ? '（終了は 24:00 も可）' : ''}。`,
    );
  }
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/**
 * Reads one shift in the compact format: `<days> <start>-<end> [holidays]`.
 *
 * - days: `Mon-Fri`, `Sat,Sun`, `Mon,Wed,Fri`, `Fri-Mon` (wraps), full names, `weekdays`/`weekends`/`daily`;
 *   in Japanese `月-金`, `土・日`, `土日`, `月曜-金曜`, `平日`, `週末`, `毎日`.
 * - times: `09:00-18:00`, `9:00〜18:00`, full-width digits; `end <= start` crosses midnight; `24:00` as an end
 *   means midnight (stored as `00:00`).
 * - suffix `holidays` (or `祝日も`, `祝日含む`): the shift also runs on Japanese public holidays.
 *
 * Throws ShiftParseError (message in English, `localized('ja')` in Japanese).
 */
export function parseShift(text: string): Shift {
  const input = text;
  const s = normalizeInput(text);
  if (s === '') {
    return fail('empty', input, `Empty shift: ${EXAMPLE_EN}.`, `シフトが空です。${EXAMPLE_JA}`);
  }
  const m = /^(.*?)\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})(.*)$/u.exec(s);
  if (!m) {
    return fail(
      'missing_times',
      input,
      `No time range in "${input.trim()}": give start and end as HH:MM-HH:MM, ${EXAMPLE_EN}.`,
      `「${input.trim()}」に時間帯がありません。開始と終了を HH:MM-HH:MM で書いてください。${EXAMPLE_JA}`,
    );
  }
  const [, daysText = '', startText = '', endText = '', restText = ''] = m;
  const rest = restText.trim();
  let onHolidays = false;
  if (rest !== '') {
    if (!HOLIDAY_SUFFIX.test(rest)) {
      return fail(
        'unexpected_text',
        input,
        `Unexpected "${rest}" after the times: only "holidays" (or 祝日も) may follow, ${EXAMPLE_EN}.`,
        `時間帯の後の「${rest}」が分かりません。続けて書けるのは「祝日も」（holidays）だけです。${EXAMPLE_JA}`,
      );
    }
    onHolidays = true;
  }
  if (daysText.trim() === '') {
    return fail(
      'missing_days',
      input,
      `Which days? Put them before the times, ${EXAMPLE_EN}.`,
      `曜日がありません。時間帯の前に書いてください。${EXAMPLE_JA}`,
    );
  }
  const shift: Shift = {
    days: parseDays(daysText.trim(), input),
    start: parseTime(startText, input, false),
    end: parseTime(endText, input, true),
  };
  if (onHolidays) shift.onHolidays = true;
  return shift;
}

export type ShiftParseResult = { ok: true; shift: Shift } | { ok: false; error: ShiftParseError };

/** parseShift without throwing. */
export function tryParseShift(text: string): ShiftParseResult {
  try {
    return { ok: true, shift: parseShift(text) };
  } catch (error) {
    if (error instanceof ShiftParseError) return { ok: false, error };
    throw error;
  }
}

/**
 * Several shifts, one per line (or separated by `;`), as typed in an App Home text box. Blank lines are
 * ignored. Errors carry the 1-based line (item) number so the form can point at the right one.
 */
export function parseShiftList(
  text: string,
): { ok: true; shifts: Shift[] } | { ok: false; errors: { line: number; error: ShiftParseError }[] } {
  const shifts: Shift[] = [];
  const errors: { line: number; error: ShiftParseError }[] = [];
  text.split(/[\n;；]/u).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const result = tryParseShift(raw);
    if (result.ok) shifts.push(result.shift);
    else errors.push({ line: i + 1, error: result.error });
  });
  return errors.length === 0 ? { ok: true, shifts } : { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting (the output parses back to the same shift)

/** Runs of consecutive days; a run may wrap from Sunday to Monday. */
function dayRuns(days: readonly Weekday[]): Weekday[][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return [sorted];
  const runs: Weekday[][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  const first = runs[0];
  const lastRun = runs[runs.length - 1];
  if (runs.length > 1 && first && lastRun && first[0] === 1 && lastRun[lastRun.length - 1] === 7) {
    runs.pop();
    runs[0] = [...lastRun, ...first];
  }
  return runs;
}

export function formatDays(days: readonly Weekday[], locale: ShiftLocale): string {
  const names = locale === 'ja' ? JA_NAMES : EN_NAMES;
  const name = (d: Weekday): string => names[d - 1] ?? String(d);
  return dayRuns(days)
    .map((run) => {
      const a = run[0];
      const b = run[run.length - 1];
      if (a === undefined || b === undefined) return '';
      // Three or more days read better as a range; two stay a list (Sat,Sun).
      return run.length >= 3 ? `${name(a)}-${name(b)}` : run.map(name).join(locale === 'ja' ? '・' : ',');
    })
    .join(locale === 'ja' ? '・' : ',');
}

/** `Mon-Fri 09:00-18:00`, `Sat,Sun 10:00-15:00 holidays`, `月-金 22:00-06:00 祝日も`. */
export function formatShift(shift: Shift, locale: ShiftLocale): string {
  const suffix = shift.onHolidays ? (locale === 'ja' ? ' 祝日も' : ' holidays') : '';
  return `${formatDays(shift.days, locale)} ${shift.start}-${shift.end}${suffix}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Zone math

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar date with no zone; arithmetic goes through Date.UTC so it never meets a DST change. */
type LocalDate = { y: number; m: number; d: number };

function zoneOf(timeZone: string): IANAZone {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);
  return IANAZone.create(timeZone);
}

function localDateOf(ms: number, zone: IANAZone): LocalDate {
  const wall = new Date(ms + zone.offset(ms) * MINUTE);
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth() + 1, d: wall.getUTCDate() };
}

function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isoWeekday(date: LocalDate): Weekday {
  const jsDay = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay(); // 0 = Sunday
  return (((jsDay + 6) % 7) + 1) as Weekday;
}

function isoDate(date: LocalDate): string {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`expected HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(hhmm.slice(3));
}

/**
 * The instant a wall-clock time on a local date happens in `zone`.
 * Overlap (the time happens twice): the earlier instant. Gap (it never happens): read with the offset in force
 * before the change, which moves it forward by the gap's length (02:30 → 03:30 when 02:00 jumps to 03:00).
 */
function wallToMs(date: LocalDate, minutes: number, zone: IANAZone): number {
  const naive = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const before = zone.offset(naive - DAY);
  const candidates = [before, zone.offset(naive), zone.offset(naive + DAY)]
    .map((offset) => ({ offset, ms: naive - offset * MINUTE }))
    .filter(({ offset, ms }) => zone.offset(ms) === offset)
    .map(({ ms }) => ms);
  return candidates.length > 0 ? Math.min(...candidates) : naive - before * MINUTE;
}

function occurrenceOn(shift: Shift, date: LocalDate, zone: IANAZone): Occurrence | null {
  if (!shift.days.includes(isoWeekday(date))) return null;
  const dateISO = isoDate(date);
  if (!shift.onHolidays && isJapaneseHoliday(dateISO)) return null;
  const startMin = minutesOf(shift.start);
  const endMin = minutesOf(shift.end);
  const start = wallToMs(date, startMin, zone);
  const end = wallToMs(endMin <= startMin ? addDays(date, 1) : date, endMin, zone);
  return end > start ? { start, end, date: dateISO } : null;
}

/**
 * The occurrences that start on local dates from `fromMs`'s date minus `before` days to plus `after` days, in
 * order. Occurrences last at most a day (plus a DST hour), so two days back is enough to catch one in progress.
 */
function occurrencesAround(shift: Shift, fromMs: number, zone: IANAZone, before: number, after: number): Occurrence[] {
  const base = localDateOf(fromMs, zone);
  const out: Occurrence[] = [];
  for (let k = -before; k <= after; k++) {
    const occ = occurrenceOn(shift, addDays(base, k), zone);
    if (occ) out.push(occ);
  }
  return out;
}

/** The occurrence covering `atMs` (start inclusive, end exclusive), or null. */
export function occurrenceAt(shift: Shift, atMs: number, timeZone: string): Occurrence | null {
  const zone = zoneOf(timeZone);
  return occurrencesAround(shift, atMs, zone, 2, 0).find((o) => o.start <= atMs && atMs < o.end) ?? null;
}

/** True when the shift covers the instant `atMs`: `start <= atMs < end`, holidays and DST as described above. */
export function isCovered(shift: Shift, atMs: number, timeZone: string): boolean {
  return occurrenceAt(shift, atMs, timeZone) !== null;
}

/** When the occurrence covering `atMs` ends, or null when the shift does not cover `atMs`. */
export function currentOccurrenceEnd(shift: Shift, atMs: number, timeZone: string): number | null {
  return occurrenceAt(shift, atMs, timeZone)?.end ?? null;
}

/**
 * The first start strictly after `afterMs`, looking up to `horizonDays` local days ahead; null when there is
 * none (e.g. a Monday-only shift in a run of Monday holidays longer than the horizon). Occurrences skipped for a
 * holiday do not start: the next real one is returned.
 */
export function nextStart(
  shift: Shift,
  afterMs: number,
  timeZone: string,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): number | null {
  const zone = zoneOf(timeZone);
  return occurrencesAround(shift, afterMs, zone, 1, horizonDays).find((o) => o.start > afterMs)?.start ?? null;
}

/** Every occurrence overlapping `[fromMs, toMs)`, in order of start. */
export function occurrencesBetween(shift: Shift, fromMs: number, toMs: number, timeZone: string): Occurrence[] {
  const zone = zoneOf(timeZone);
  const days = Math.ceil((toMs - fromMs) / DAY) + 1;
  return occurrencesAround(shift, fromMs, zone, 2, Math.max(days, 0)).filter((o) => o.end > fromMs && o.start < toMs);
}
