/**
 * Escalation timing for one report, as a pure function; the timers themselves live in the database.
 *
 * Levels: 0 = assigned (or queued, nobody on duty), 1 = reassigned once to the next admin on duty,
 * 2 = all admins notified (final). Each level waits `escalationMinutes` from when it started; acknowledging
 * stops the timers.
 *
 * Using it: store `level` and `since` with the report. Whenever a timer fires (or on start-up, for every open
 * report) call `nextEscalation`; if `at <= now`, perform the step and store `level = to, since = now`; then
 * schedule the new `nextEscalation(...)`, if any. One step per firing, and `since` is when the step really
 * happened, so after downtime the next admin still gets a full period before everyone is paged.
 * Level 1 picks the admin with chooseAssignee, excluding the reporter and the current assignee; when that
 * returns null (nobody else on duty) the caller goes on to notifying all admins.
 */

export type EscalationLevel = 0 | 1 | 2;

export type EscalationInput = {
  level: EscalationLevel;
  /** When the current level started (assignment, reassignment), epoch ms. */
  since: number;
  escalationMinutes: number;
  acknowledged: boolean;
};

export type EscalationStep = { at: number; to: 1 | 2 };

const MINUTE = 60_000;

/** The next escalation step and when it is due, or null when there is none (acknowledged, or level 2). */
export function nextEscalation(input: EscalationInput): EscalationStep | null {
  const { level, since, escalationMinutes, acknowledged } = input;
  if (!Number.isFinite(escalationMinutes) || escalationMinutes <= 0) {
    throw new RangeError(`escalationMinutes must be a positive number, got ${escalationMinutes}`);
  }
  if (acknowledged || level >= 2) return null;
  return { at: since + escalationMinutes * MINUTE, to: level === 0 ? 1 : 2 };
}

/** The step due at `nowMs` (its `at` has passed), or null when nothing is due yet. */
export function dueEscalation(input: EscalationInput, nowMs: number): EscalationStep | null {
  const next = nextEscalation(input);
  return next && next.at <= nowMs ? next : null;
}
