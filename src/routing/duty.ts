/**
 * Who is on duty: manual duty (`duty on` / `duty off`) combined with weekly shifts.
 *
 * `manual` is the admin's latest manual action (one per admin); it only speaks for instants at or after `since`
 * (for an earlier instant only the shifts count).
 *
 * - `duty on` (`on: true`): on duty from `since` until `until`, or until the next `duty off` when `until` is
 *   null/absent, whatever the shifts say. After `until` the shifts apply again.
 * - `duty off` with `until`: off from `since` until `until`, whatever the shifts say (a break); after that the
 *   shifts apply again.
 * - `duty off` without `until`: if a shift covers `since`, the admin is off until that coverage ends — the end of
 *   the current occurrence, extended through any of the admin's shifts that continue it without a gap (so
 *   back-to-back shifts, or a 00:00-00:00 daily shift, do not bring the admin straight back). The next shift
 *   after the gap puts them on duty as usual. If no shift covers `since` it only ends a manual `duty on`.
 *   Coverage that would run on for more than the horizon (round-the-clock shifts) is cut at the horizon.
 *
 * Absences and covers come before all of that (see isOnDuty): inside an `absent` range (`duty away`, or someone
 * covering for this admin) the admin is off whatever else is said; inside a `covering` range they are on, unless a
 * manual `duty off` speaks for that instant.
 */
import { currentOccurrenceEnd, DEFAULT_HORIZON_DAYS, isCovered, occurrencesBetween, type Shift } from './shifts.js';

export type ManualDuty = {
  on: boolean;
  /** When the admin said `duty on` / `duty off`. */
  since: number;
  /** Optional end of the manual state; null/absent: see the module comment. */
  until?: number | null;
};

/** `[start, end)` in epoch ms. */
export type TimeRange = { start: number; end: number };

export type AdminDuty = {
  slackId: string;
  shifts: Shift[];
  manual?: ManualDuty | null;
  /** Off duty in these ranges, over everything else: away, or another admin covering for them. */
  absent?: readonly TimeRange[];
  /** On duty in these ranges (covering for someone), over the shifts. */
  covering?: readonly TimeRange[];
};

export type NextOnDuty = { at: number; slackIds: string[] };

const DAY = 86_400_000;

function coveredByAny(shifts: readonly Shift[], atMs: number, timeZone: string): boolean {
  return shifts.some((s) => isCovered(s, atMs, timeZone));
}

/**
 * When the shift coverage around `atMs` ends: the latest end among the shifts covering `atMs`, followed through
 * any shift that covers that end too. Null when no shift covers `atMs`.
 */
export function coverageEnd(
  shifts: readonly Shift[],
  atMs: number,
  timeZone: string,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): number | null {
  const limit = atMs + horizonDays * DAY;
  let t = atMs;
  let covered = false;
  while (t < limit) {
    const ends = shifts.map((s) => currentOccurrenceEnd(s, t, timeZone)).filter((e): e is number => e !== null);
    if (ends.length === 0) break;
    covered = true;
    t = Math.max(...ends);
  }
  return covered ? Math.min(t, limit) : null;
}

/** The instant a manual `duty off` stops overriding the shifts, or null when it overrides nothing. */
function manualOffEnd(admin: AdminDuty, timeZone: string): number | null {
  const m = admin.manual;
  if (!m || m.on) return null;
  if (m.until != null) return m.until;
  return coverageEnd(admin.shifts, m.since, timeZone);
}

const within = (ranges: readonly TimeRange[] | undefined, atMs: number) =>
  (ranges ?? []).some((r) => r.start <= atMs && atMs < r.end);

/** On duty at `atMs`: absences first, then manual duty (see the module comment), covers, then the weekly shifts. */
export function isOnDuty(admin: AdminDuty, atMs: number, timeZone: string): boolean {
  if (within(admin.absent, atMs)) return false;
  const m = admin.manual;
  if (m && m.since <= atMs) {
    if (m.on) {
      if (m.until == null || atMs < m.until) return true;
    } else {
      const offEnd = manualOffEnd(admin, timeZone);
      if (offEnd !== null && atMs < offEnd) return false;
    }
  }
  if (within(admin.covering, atMs)) return true;
  return coveredByAny(admin.shifts, atMs, timeZone);
}

/** Slack ids of the admins on duty at `atMs`, in roster (input) order, without duplicates. */
export function onDutyNow(admins: readonly AdminDuty[], atMs: number, timeZone: string): string[] {
  const ids = admins.filter((a) => isOnDuty(a, atMs, timeZone)).map((a) => a.slackId);
  return [...new Set(ids)];
}

/**
 * The next moment, strictly after `afterMs`, at which somebody comes on duty, and who (only those who were off
 * the instant before; in roster order). Null when nobody does within `horizonDays`.
 *
 * Only *starts* count: a shift starting, a cover starting, or a `duty off … until` break or an absence ending inside
 * a shift. Ends of duty
 * (a manual `duty on` running out, a shift ending) are never reported, and someone already on duty whose next
 * shift begins is not "next". A start suppressed by `duty off` (or one that only continues someone's duty) is
 * skipped and the search goes on. This is both "who is next" for `oncall` and, when nobody is on duty now,
 * "when help is expected".
 */
export function nextOnDuty(
  admins: readonly AdminDuty[],
  afterMs: number,
  timeZone: string,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): NextOnDuty | null {
  const limit = afterMs + horizonDays * DAY;
  const moments = new Set<number>();
  for (const admin of admins) {
    for (const shift of admin.shifts) {
      for (const occ of occurrencesBetween(shift, afterMs, limit, timeZone)) {
        if (occ.start > afterMs && occ.start <= limit) moments.add(occ.start);
      }
    }
    const m = admin.manual;
    if (m) {
      for (const t of [m.since, m.until]) if (t != null && t > afterMs && t <= limit) moments.add(t);
    }
    // A cover starting, and an absence ending (the shifts take over again).
    for (const t of [...(admin.covering ?? []).map((r) => r.start), ...(admin.absent ?? []).map((r) => r.end)]) {
      if (t > afterMs && t <= limit) moments.add(t);
    }
  }
  for (const t of [...moments].sort((a, b) => a - b)) {
    const comers = admins
      .filter((a) => isOnDuty(a, t, timeZone) && !isOnDuty(a, t - 1, timeZone))
      .map((a) => a.slackId);
    if (comers.length > 0) return { at: t, slackIds: [...new Set(comers)] };
  }
  return null;
}
