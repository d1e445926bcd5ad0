/**
 * Wall-clock dates and times typed by admins (`duty cover`, `duty away`, DAILY_POST_AT), read in the roster's zone.
 */
import { DateTime } from 'luxon';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})$/;

/** `YYYY-MM-DD` → the local date's parts, or null when it is not a real date. */
function dateParts(text: string): { year: number; month: number; day: number } | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return DateTime.fromObject(parts, { zone: 'UTC' }).isValid ? parts : null;
}

/** `HH:MM` (00:00–23:59) → hour and minute, or null. */
export function parseClockTime(text: string): { hour: number; minute: number } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** `YYYY-MM-DD` + `HH:MM` in `timeZone` → epoch ms (a time skipped by DST moves forward), or null when unreadable. */
export function parseLocalDateTime(date: string, time: string, timeZone: string): number | null {
  const d = dateParts(date);
  const t = parseClockTime(time);
  if (!d || !t) return null;
  const at = DateTime.fromObject({ ...d, ...t }, { zone: timeZone });
  return at.isValid ? at.toMillis() : null;
}

/** The first instant after the local date `YYYY-MM-DD` (its next midnight) in `timeZone`, or null when unreadable. */
export function endOfLocalDate(date: string, timeZone: string): number | null {
  const d = dateParts(date);
  if (!d) return null;
  const start = DateTime.fromObject(d, { zone: timeZone });
  return start.isValid ? start.plus({ days: 1 }).startOf('day').toMillis() : null;
}

/** The local date (`YYYY-MM-DD`), ISO weekday (Monday = 1) and minutes since midnight of `ms` in `timeZone`. */
export function localMoment(
  ms: number,
  timeZone: string,
): { date: string; weekday: number; minutes: number; dayStart: number; dayEnd: number } {
  const at = DateTime.fromMillis(ms, { zone: timeZone });
  const dayStart = at.startOf('day');
  return {
    date: at.toISODate()!,
    weekday: at.weekday,
    minutes: at.hour * 60 + at.minute,
    dayStart: dayStart.toMillis(),
    dayEnd: dayStart.plus({ days: 1 }).toMillis(),
  };
}
