/**
 * Who gets a report: routing a new report to an admin on duty (or queueing it), handing queued reports to whoever
 * comes on duty, and the assignment writes and messages that reassignment and escalation share. The state changes
 * themselves are in state-machine.ts; lifecycle.ts applies them.
 */
import { tellThread } from './thread.js';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { buildOnce, param, paramOrKeep, type Db, type Writer } from '../../db/client.js';
import { admins, reports, type Report } from '../../db/schema.js';
import { enqueueDm, enqueueThreadReply } from '../outbox/outbox.js';
import { liveCovers } from '../roster/covers.js';
import { toDuty } from '../roster/roster.js';
import { nextOnDuty, onDutyNow } from '../routing/duty.js';
import { chooseAssignee } from '../routing/fairness.js';
import { alertAdmins } from './admin-alerts.js';
import { audit } from './audit.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { queuedReports, unresolvedCounts } from './queries.js';
import { cancelTimers, scheduleEscalation } from './timers.js';

export type Routing = { kind: 'assigned'; report: Report } | { kind: 'queued'; report: Report; nextAt: number | null };

/**
 * Routes a new report (inside the caller's transaction, before its root message is written, so the root
 * message already shows the assignee): an admin on duty, or queued when nobody is.
 */
export function routeNewReport(tx: Writer, report: Report, ctx: LifecycleContext): Routing {
  const chosen = pickAssignee(tx, report, [], ctx);
  if (chosen) {
    const assigned = assignTo(tx, report, chosen, ctx, { escalationLevel: 0 });
    audit(tx, {
      type: 'report.assigned',
      reportId: report.id,
      actorSlackId: null,
      data: { to: chosen, reason: 'on_duty' },
      now: ctx.now,
    });
    return { kind: 'assigned', report: assigned };
  }
  const nextAt = nextOnDuty(otherAdmins(tx, report, ctx.now), ctx.now, ctx.timezone)?.at ?? null;
  audit(tx, {
    type: 'report.queued',
    reportId: report.id,
    actorSlackId: null,
    data: { nextOnDutyAt: nextAt },
    now: ctx.now,
  });
  return { kind: 'queued', report, nextAt };
}

/** The thread reply and DMs that follow routing, once the root message is in the outbox. */
export function announceRouting(tx: Writer, routing: Routing, rootId: number, ctx: LifecycleContext): void {
  const { report } = routing;
  const now = ctx.now;
  if (routing.kind === 'assigned') {
    enqueueThreadReply(tx, {
      parentId: rootId,
      channel: ctx.supportChannelId,
      message: ctx.notices.assigned(report, 'new'),
      reportId: report.id,
      now,
    });
    return;
  }
  enqueueThreadReply(tx, {
    parentId: rootId,
    channel: ctx.supportChannelId,
    message: ctx.notices.queued(report, routing.nextAt),
    reportId: report.id,
    now,
  });
  alertOtherAdmins(tx, report, 'queued', ctx);
  enqueueDm(tx, {
    userId: report.reporterSlackId,
    message: ctx.notices.reporterQueued(report, routing.nextAt),
    reportId: report.id,
    now,
  });
}

/** Queued reports (open, nobody assigned) go to whoever is on duty now: a shift starting picks them up. */
export function pickUpQueued(db: Db, ctx: LifecycleContext): number[] {
  const queued = queuedReports(db, 500);
  const picked: number[] = [];
  for (const candidate of queued) {
    db.transaction((tx) => {
      const report = tx
        .select()
        .from(reports)
        .where(and(eq(reports.id, candidate.id), isNull(reports.assigneeSlackId), eq(reports.state, 'open')))
        .get();
      if (!report) return;
      const chosen = pickAssignee(tx, report, [], ctx);
      if (!chosen) return;
      const assigned = assignTo(tx, report, chosen, ctx, { escalationLevel: 0 });
      audit(tx, {
        type: 'report.assigned',
        reportId: report.id,
        actorSlackId: null,
        data: { to: chosen, reason: 'shift_started' },
        now: ctx.now,
      });
      announceAssignment(tx, assigned, 'picked_up', ctx);
      picked.push(report.id);
    });
  }
  return picked;
}

/** Every admin but the reporter, with their duty (shifts and live covers). */
function otherAdmins(tx: Writer, report: Report, now: number) {
  const covers = liveCovers(tx, now);
  return tx
    .select()
    .from(admins)
    .all()
    .filter((a) => a.slackId !== report.reporterSlackId)
    .map((a) => toDuty(a, covers));
}

/** A DM (or a place in the next coalesced DM) to every admin but the reporter: the report waits for someone. */
export function alertOtherAdmins(
  tx: Writer,
  report: Report,
  kind: 'queued' | 'escalated',
  ctx: LifecycleContext,
): void {
  alertAdmins(tx, { adminSlackIds: otherAdmins(tx, report, ctx.now).map((a) => a.slackId), report, kind }, ctx);
}

// Run on every routing decision: built once (see buildOnce).
const allAdmins = buildOnce((w: Writer) => w.select().from(admins).prepare());
const markAssigned = buildOnce((w: Writer) =>
  w
    .update(admins)
    .set({ lastAssignedAt: param('now') })
    .where(eq(admins.slackId, sql.placeholder('slackId')))
    .prepare(),
);

const assignReport = buildOnce((w: Writer) =>
  w
    .update(reports)
    .set({
      assigneeSlackId: param('slackId'),
      assignedAt: param('now'),
      updatedAt: param('now'),
      state: paramOrKeep('state', reports.state),
      escalationLevel: paramOrKeep('escalationLevel', reports.escalationLevel),
    })
    .where(eq(reports.id, sql.placeholder('id')))
    .returning()
    .prepare(),
);

/** An admin on duty, never the reporter nor anyone in `exclude`: fewest open reports, then round robin. */
export function pickAssignee(tx: Writer, report: Report, exclude: string[], ctx: LifecycleContext): string | null {
  const rows = allAdmins(tx).all();
  const covers = liveCovers(tx, ctx.now);
  const onDuty = onDutyNow(
    rows.map((a) => toDuty(a, covers)),
    ctx.now,
    ctx.timezone,
  );
  return chooseAssignee({
    candidates: onDuty,
    exclude: [report.reporterSlackId, ...exclude],
    openCounts: unresolvedCounts(tx, onDuty),
    lastAssignedAt: Object.fromEntries(rows.map((a) => [a.slackId, a.lastAssignedAt ?? undefined])),
  });
}

/**
 * Gives the report to `slackId`, with `position` (the state and level a transition leads to) written alongside:
 * pending timers end and, while open, the escalation timer starts again.
 */
export function assignTo(
  tx: Writer,
  report: Report,
  slackId: string,
  ctx: LifecycleContext,
  position: Partial<Pick<Report, 'state' | 'escalationLevel'>>,
): Report {
  markAssigned(tx).run({ slackId, now: ctx.now });
  cancelTimers(tx, report.id, 'reassigned', ctx.now);
  const assigned = assignReport(tx).get({
    id: report.id,
    slackId,
    now: ctx.now,
    state: position.state ?? null,
    escalationLevel: position.escalationLevel ?? null,
  })!;
  if (assigned.state === 'open') scheduleEscalation(tx, assigned, ctx.escalationMinutes, ctx.now);
  return assigned;
}

/** The thread reply naming the new assignee and the updated root message. */
export function announceAssignment(
  tx: Writer,
  report: Report,
  reason: 'new' | 'escalated' | 'reassigned' | 'picked_up',
  ctx: LifecycleContext,
  by?: string,
): void {
  tellThread(tx, {
    reportId: report.id,
    channel: ctx.supportChannelId,
    now: ctx.now,
    reply: ctx.notices.assigned(report, reason, by),
    root: ctx.notices.rootMessage(report),
  });
}
