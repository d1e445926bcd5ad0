/**
 * A report's timers as database rows: escalation (not acknowledged in time) and the quiet-claim reminder and
 * re-route. What a timer does when it fires is in lifecycle.ts (`fireTimer`).
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { buildOnce, param, type Db, type Writer } from '../../db/client.js';
import { timers, type Report, type Timer } from '../../db/schema.js';
import { nextEscalation, type EscalationLevel } from '../routing/escalation.js';

// Run on every routing decision: built once (see buildOnce).
const insertEscalation = buildOnce((w: Writer) =>
  w
    .insert(timers)
    .values({ reportId: sql.placeholder('reportId'), kind: 'escalate', dueAt: sql.placeholder('dueAt') })
    .prepare(),
);
const cancelPending = buildOnce((w: Writer) =>
  w
    .update(timers)
    .set({ doneAt: param('now'), outcome: param('outcome') })
    .where(and(eq(timers.reportId, sql.placeholder('reportId')), isNull(timers.doneAt)))
    .prepare(),
);

/** The next escalation step, unless the report is acknowledged or already at the last level. */
export function scheduleEscalation(tx: Writer, report: Report, escalationMinutes: number, now: number): void {
  const step = nextEscalation({
    level: report.escalationLevel as EscalationLevel,
    since: now,
    escalationMinutes,
    acknowledged: report.state !== 'open',
  });
  if (step) insertEscalation(tx).run({ reportId: report.id, dueAt: step.at });
}

export function scheduleTimer(tx: Writer, reportId: number, kind: Timer['kind'], dueAt: number): void {
  tx.insert(timers).values({ reportId, kind, dueAt }).run();
}

/** Every pending timer of the report ends unfired, with `cancelled:<why>` as its outcome. */
export function cancelTimers(tx: Writer, reportId: number, why: string, now: number): void {
  cancelPending(tx).run({ reportId, now, outcome: `cancelled:${why}` });
}

/** Timers due now, oldest first. */
export function dueTimers(db: Db, now: number, limit = 50): Timer[] {
  return db
    .select()
    .from(timers)
    .where(and(isNull(timers.doneAt), lte(timers.dueAt, now)))
    .orderBy(timers.dueAt, timers.id)
    .limit(limit)
    .all();
}

/** Marks the timer fired; false when it was already fired or cancelled (it must never fire twice). */
export function claimTimer(tx: Writer, timer: Timer, now: number): boolean {
  return (
    tx
      .update(timers)
      .set({ doneAt: now, outcome: 'fired' })
      .where(and(eq(timers.id, timer.id), isNull(timers.doneAt)))
      .run().changes > 0
  );
}
