/**
 * Applies the state machine (state-machine.ts) to reports in the database: each event checks its entry in the
 * table, writes the new state and level, the audit row and the messages in one transaction. People's events come
 * through `transition` and `reassign`; timers' through `fireTimer`. Who gets a report is assignment.ts.
 */
import { tellThread } from './thread.js';
import { and, eq } from 'drizzle-orm';
import type { Db, Writer } from '../../db/client.js';
import { reports, type Report, type Timer } from '../../db/schema.js';
import { endPendingApprovals } from '../account-actions/approvals.js';
import { enqueueDm } from '../outbox/outbox.js';
import { alertOtherAdmins, announceAssignment, assignTo, pickAssignee } from './assignment.js';
import { audit } from './audit.js';
import { reportById } from './queries.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { next, positionOf, type Position, type ReportEvent } from './state-machine.js';
import { cancelTimers, claimTimer, scheduleEscalation, scheduleTimer } from './timers.js';

/** `transition` takes one of these (the listeners import it from here). */
export type { ReportEvent };

export type TransitionOutcome =
  | { ok: true; report: Report }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_allowed'; report: Report };

/** The state and level columns a transition writes. */
const columnsOf = (to: Position) => ({ state: to.state, escalationLevel: to.level });

/**
 * Applies an event to a report: checks the transition, writes the new state, the audit row, the thread reply,
 * the root message update and the reporter's DM in one transaction. A double click finds the state already
 * changed and changes nothing.
 */
export function transition(
  db: Db,
  p: { reportId: number; event: ReportEvent; actor: string; note?: string; reason?: 'not_me' },
  ctx: LifecycleContext,
): TransitionOutcome {
  return db.transaction((tx) => {
    const before = reportById(tx, p.reportId);
    if (!before) return { ok: false, reason: 'not_found' } as const;
    const target = next(positionOf(before), p.event);
    if (!target) return { ok: false, reason: 'not_allowed', report: before } as const;
    const to = target.state;
    const now = ctx.now;
    const changes: Partial<Report> = { ...columnsOf(target), updatedAt: now };
    if (p.event === 'acknowledge')
      Object.assign(changes, {
        acknowledgedAt: now,
        assigneeSlackId: p.actor,
        assignedAt: before.assigneeSlackId === p.actor ? before.assignedAt : now,
      });
    if (p.event === 'resolve') Object.assign(changes, { resolvedAt: now, resolvedBy: p.actor });
    if (p.event === 'reopen') Object.assign(changes, { resolvedAt: null, resolvedBy: null, acknowledgedAt: null });
    const report = tx
      .update(reports)
      .set(changes)
      .where(and(eq(reports.id, before.id), eq(reports.state, before.state)))
      .returning()
      .get();
    if (!report) return { ok: false, reason: 'not_allowed', report: before } as const;
    // The note's text is in the thread and the reporter's DM; the audit trail records only that there was one.
    audit(tx, {
      type: `report.${p.event}`,
      reportId: report.id,
      actorSlackId: p.actor,
      data: {
        from: before.state,
        to,
        ...(p.note ? { withNote: true } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
      },
      now,
    });
    if (to !== 'open') cancelTimers(tx, report.id, p.event, now);
    else scheduleEscalation(tx, report, ctx.escalationMinutes, now);
    if (p.event === 'acknowledge' && ctx.quietClaimMs)
      scheduleTimer(tx, report.id, 'quiet_remind', now + ctx.quietClaimMs);
    // A closed report takes nothing further: requests waiting for a second admin end with it, unrun.
    if (p.event === 'resolve' || p.event === 'cancel')
      endPendingApprovals(
        tx,
        { reportId: report.id },
        { reason: p.event === 'resolve' ? 'report_resolved' : 'report_cancelled', actor: p.actor, now },
      );

    tellThread(tx, {
      reportId: report.id,
      channel: ctx.supportChannelId,
      now,
      reply: ctx.notices.changed(report, p.event, p.actor, p.note, p.reason),
      root: ctx.notices.rootMessage(report),
    });
    if (p.event === 'acknowledge')
      enqueueDm(tx, {
        userId: report.reporterSlackId,
        message: ctx.notices.reporterAcknowledged(report, p.actor),
        reportId: report.id,
        now,
      });
    if (p.event === 'resolve')
      enqueueDm(tx, {
        userId: report.reporterSlackId,
        message: ctx.notices.reporterResolved(report, p.note),
        reportId: report.id,
        now,
      });
    return { ok: true, report } as const;
  });
}

/** Moves an unresolved report to another admin (an admin's choice from the thread): the `reassign` transition. */
export function reassign(
  db: Db,
  p: { reportId: number; to: string; actor: string },
  ctx: LifecycleContext,
): TransitionOutcome {
  return db.transaction((tx) => {
    const before = reportById(tx, p.reportId);
    if (!before) return { ok: false, reason: 'not_found' } as const;
    const target = next(positionOf(before), 'reassign');
    if (!target) return { ok: false, reason: 'not_allowed', report: before } as const;
    const report = assignTo(tx, before, p.to, ctx, columnsOf(target));
    audit(tx, {
      type: 'report.reassigned',
      reportId: report.id,
      actorSlackId: p.actor,
      data: { from: before.assigneeSlackId, to: p.to },
      now: ctx.now,
    });
    announceAssignment(tx, report, 'reassigned', ctx, p.actor);
    return { ok: true, report } as const;
  });
}

/**
 * Fires one timer. Claiming the timer (done_at) and applying its effect happen in one transaction: a crash leaves
 * both undone and the timer fires after the restart; it can never fire twice. A timer whose report has moved on
 * (the table refuses its event there) fires without effect.
 */
export function fireTimer(db: Db, timer: Timer, ctx: LifecycleContext): 'fired' | 'already_done' {
  return db.transaction((tx) => {
    if (!claimTimer(tx, timer, ctx.now)) return 'already_done' as const;
    const report = reportById(tx, timer.reportId);
    if (!report) return 'fired' as const;
    if (timer.kind === 'quiet_remind') {
      // Only while still acknowledged: resolving, cancelling or reassigning also cancels these timers.
      if (report.state === 'acknowledged' && report.assigneeSlackId) remindQuiet(tx, report, ctx);
    } else if (timer.kind === 'quiet_reopen') {
      const target = next(positionOf(report), 'quiet_reopen');
      if (target && report.assigneeSlackId) reopenQuiet(tx, report, target, ctx);
    } else {
      escalate(tx, report, ctx);
    }
    return 'fired' as const;
  });
}

/**
 * Not acknowledged in time: to the next admin on duty (`escalate`), or when there is none or that was already
 * done, every admin is alerted (`escalate_to_all`).
 */
function escalate(tx: Writer, report: Report, ctx: LifecycleContext): void {
  const at = positionOf(report);
  const toNext = next(at, 'escalate');
  const nextAdmin = toNext
    ? pickAssignee(tx, report, report.assigneeSlackId ? [report.assigneeSlackId] : [], ctx)
    : null;
  if (toNext && nextAdmin) {
    const reassigned = assignTo(tx, report, nextAdmin, ctx, columnsOf(toNext));
    audit(tx, {
      type: 'report.escalated',
      reportId: report.id,
      actorSlackId: null,
      data: { level: toNext.level, from: report.assigneeSlackId, to: nextAdmin },
      now: ctx.now,
    });
    announceAssignment(tx, reassigned, 'escalated', ctx);
    return;
  }
  const toAll = next(at, 'escalate_to_all');
  if (!toAll) return;
  const escalated = tx
    .update(reports)
    .set({ ...columnsOf(toAll), updatedAt: ctx.now })
    .where(eq(reports.id, report.id))
    .returning()
    .get()!;
  audit(tx, {
    type: 'report.escalated',
    reportId: report.id,
    actorSlackId: null,
    data: { level: toAll.level },
    now: ctx.now,
  });
  tellThread(tx, {
    reportId: report.id,
    channel: ctx.supportChannelId,
    now: ctx.now,
    reply: ctx.notices.escalatedToAll(escalated),
    root: ctx.notices.rootMessage(escalated),
  });
  alertOtherAdmins(tx, escalated, 'escalated', ctx);
}

/** Acknowledged but quiet: the assignee is reminded in the thread and by DM; the re-route timer starts. */
function remindQuiet(tx: Writer, report: Report, ctx: LifecycleContext): void {
  const hours = Math.round(((ctx.quietClaimMs ?? 0) / 3_600_000) * 10) / 10;
  audit(tx, {
    type: 'report.quiet_reminder',
    reportId: report.id,
    actorSlackId: null,
    data: { assignee: report.assigneeSlackId },
    now: ctx.now,
  });
  const root = tellThread(tx, {
    reportId: report.id,
    channel: ctx.supportChannelId,
    now: ctx.now,
    reply: ctx.notices.quietReminder(report, hours),
  });
  enqueueDm(tx, {
    userId: report.assigneeSlackId!,
    message: ctx.notices.quietReminderDm(report, hours),
    reportId: report.id,
    now: ctx.now,
    ...(root !== undefined ? { linkTo: root } : {}),
  });
  if (ctx.quietReopenMs) scheduleTimer(tx, report.id, 'quiet_reopen', ctx.now + ctx.quietReopenMs);
}

/**
 * Still quiet after the reminder (`quiet_reopen`): back to open and routed again — to another admin on duty if
 * there is one, else to whoever is on duty (the same admin, freshly timed), else queued like a new report nobody
 * can take.
 */
function reopenQuiet(tx: Writer, report: Report, target: Position, ctx: LifecycleContext): void {
  const previous = report.assigneeSlackId!;
  const reopened = tx
    .update(reports)
    .set({ ...columnsOf(target), acknowledgedAt: null, updatedAt: ctx.now })
    .where(eq(reports.id, report.id))
    .returning()
    .get()!;
  const chosen = pickAssignee(tx, reopened, [previous], ctx) ?? pickAssignee(tx, reopened, [], ctx);
  let routed: Report;
  if (chosen) {
    routed = assignTo(tx, reopened, chosen, ctx, { escalationLevel: target.level });
  } else {
    cancelTimers(tx, report.id, 'reopened', ctx.now);
    routed = tx
      .update(reports)
      .set({ assigneeSlackId: null, assignedAt: null })
      .where(eq(reports.id, report.id))
      .returning()
      .get()!;
  }
  audit(tx, {
    type: 'report.quiet_reopened',
    reportId: report.id,
    actorSlackId: null,
    data: { from: previous, to: chosen },
    now: ctx.now,
  });
  tellThread(tx, {
    reportId: report.id,
    channel: ctx.supportChannelId,
    now: ctx.now,
    reply: ctx.notices.quietReopened(routed, previous),
    root: ctx.notices.rootMessage(routed),
  });
  if (!chosen) alertOtherAdmins(tx, routed, 'queued', ctx);
}
