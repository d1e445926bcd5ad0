/**
 * The report state machine, whole and pure: every change to a report's `state` or `escalationLevel` is one entry
 * of TRANSITIONS. lifecycle.ts applies the entries (with the writes, audit rows and messages that go with them);
 * nothing else changes those two columns.
 */
import type { Report } from '../../db/schema.js';
import type { EscalationLevel } from '../routing/escalation.js';

export type { EscalationLevel };
export type ReportState = Report['state'];

/** A person's choice in the thread (or the reporter's, from a DM): audited as `report.<event>`. */
export type ReportEvent = 'acknowledge' | 'resolve' | 'cancel' | 'reopen';

/**
 * Routing and timers: `reassign` (an admin hands the report to another), `escalate` (not acknowledged in time,
 * handed to the next admin on duty), `escalate_to_all` (still not acknowledged, or nobody else on duty: every admin
 * is alerted; final), `quiet_reopen` (acknowledged, then quiet after the reminder: routed again), `hand_over` (a
 * self-service fix did not go through: the report is routed to an admin like a new one).
 */
export type RoutingEvent = 'reassign' | 'escalate' | 'escalate_to_all' | 'quiet_reopen' | 'hand_over';

export type LifecycleEvent = ReportEvent | RoutingEvent;

/** Where a report is: its state and its escalation level (kept while acknowledged, so a reassignment restores it). */
export interface Position {
  state: ReportState;
  level: EscalationLevel;
}

/**
 * Where a report starts: `submitted` (from the troubleshooter, a command, App Home or a help channel) waits for an
 * admin; `self_service` is already being worked on, by the app for the reporter, with nobody assigned.
 */
export const START = {
  submitted: { state: 'open', level: 0 },
  self_service: { state: 'acknowledged', level: 0 },
} as const satisfies Record<string, Position>;

export interface Transition {
  event: LifecycleEvent;
  from: readonly ReportState[];
  /** Only at these levels (absent: any level). */
  levels?: readonly EscalationLevel[];
  to: ReportState;
  /** The level after the event: a number, or `same` to keep it. */
  level: EscalationLevel | 'same';
}

/** Every transition a report can take. Events not listed for a position are refused (nothing changes). */
export const TRANSITIONS: readonly Transition[] = [
  { event: 'acknowledge', from: ['open'], to: 'acknowledged', level: 'same' },
  { event: 'resolve', from: ['open', 'acknowledged'], to: 'resolved', level: 'same' },
  { event: 'cancel', from: ['open', 'acknowledged'], to: 'cancelled', level: 'same' },
  { event: 'reopen', from: ['resolved'], to: 'open', level: 0 },
  { event: 'reassign', from: ['open', 'acknowledged'], to: 'open', level: 'same' },
  { event: 'escalate', from: ['open'], levels: [0], to: 'open', level: 1 },
  { event: 'escalate_to_all', from: ['open'], levels: [0, 1], to: 'open', level: 2 },
  { event: 'quiet_reopen', from: ['acknowledged'], to: 'open', level: 0 },
  { event: 'hand_over', from: ['acknowledged'], to: 'open', level: 'same' },
];

export const REPORT_STATES: readonly ReportState[] = ['open', 'acknowledged', 'resolved', 'cancelled'];
export const ESCALATION_LEVELS: readonly EscalationLevel[] = [0, 1, 2];

function entryFor(at: Position, event: LifecycleEvent): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.event === event && t.from.includes(at.state) && (!t.levels || t.levels.includes(at.level)),
  );
}

/** Where `event` takes a report at `at`, or null when the table does not allow it there. */
export function next(at: Position, event: LifecycleEvent): Position | null {
  const entry = entryFor(at, event);
  if (!entry) return null;
  return { state: entry.to, level: entry.level === 'same' ? at.level : entry.level };
}

/** Whether `event` is allowed from `state` at some escalation level. */
export function canTransition(state: ReportState, event: LifecycleEvent): boolean {
  return ESCALATION_LEVELS.some((level) => entryFor({ state, level }, event) !== undefined);
}

export function positionOf(report: Pick<Report, 'state' | 'escalationLevel'>): Position {
  return { state: report.state, level: report.escalationLevel as EscalationLevel };
}

/**
 * The table as a Mermaid state diagram (docs/architecture.md shows it; a unit test keeps the two equal). The
 * escalation levels are drawn inside `open`; `level 0` after an arrow into `open` says the level is reset.
 */
export function stateDiagram(): string {
  const starts = Object.entries(START).map(([how, at]) => `  [*] --> ${at.state} : ${how}`);
  const lines = ['stateDiagram-v2', ...starts, '  state open {', '    [*] --> level_0'];
  const outer: string[] = [];
  for (const t of TRANSITIONS) {
    for (const from of t.from) {
      if (t.levels && from === 'open' && t.to === 'open') {
        for (const level of t.levels)
          lines.push(`    level_${level} --> level_${t.level === 'same' ? level : t.level} : ${t.event}`);
      } else {
        const reset = t.to === 'open' && t.level !== 'same' ? ` (level ${t.level})` : '';
        outer.push(`  ${from} --> ${t.to} : ${t.event}${reset}`);
      }
    }
  }
  lines.push('  }', ...outer);
  return lines.join('\n');
}
