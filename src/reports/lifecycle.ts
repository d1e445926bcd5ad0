import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { buildOnce, param, type Db } from '../../db/client.js';
import { admins, outbox, reports, timers, type Report, type Timer } from '../../db/schema.js';
import { endPendingApprovals } from '../account-actions/approvals.js';
import { enqueueDm, enqueueThreadReply, enqueueUpdate, type OutgoingMessage } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import { toDuty } from '../roster/roster.js';
import { liveCovers } from '../roster/covers.js';
import { nextOnDuty, onDutyNow } from '../routing/duty.js';
import { nextEscalation, type EscalationLevel } from '../routing/escalation.js';
import { chooseAssignee } from '../routing/fairness.js';
import { alertAdmins, type AdminAlertKind, type WaitingReport } from './admin-alerts.js';
import { audit } from './audit.js';
import { queuedReports, unresolvedCounts } from './queries.js';

export type ReportState = Report['state'];
export type ReportEvent = 'acknowledge' | 'resolve' | 'cancel' | 'reopen';

/** The one state machine of a report: which events are allowed from which states, and where they lead. */
export const TRANSITIONS: Record<ReportEvent, { from: readonly ReportState[]; to: ReportState }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  resolve: { from: ['open', 'acknowledged'], to: 'resolved' },
  cancel: { from: ['open', 'acknowledged'], to: 'cancelled' },
  reopen: { from: ['resolved'], to: 'open' },
};

export function canTransition(state: ReportState, event: ReportEvent): boolean {
  return TRANSITIONS[event].from.includes(state);
}

/** How the messages about a report look: provided by the Slack layer, so this module stays free of Block Kit. */
export interface ReportNotices {
  rootMessage(report: Report): OutgoingMessage;
  /** Thread: routed to an admin (mention). */
  assigned(report: Report, reason: 'new' | 'escalated' | 'reassigned' | 'picked_up', by?: string): OutgoingMessage;
  /** Thread: nobody on duty; `nextAt` is when someone comes on duty (null: no shift known). */
  queued(report: Report, nextAt: number | null): OutgoingMessage;
  /** Thread: not acknowledged after escalation; every admin was notified. */
  escalatedToAll(report: Report): OutgoingMessage;
  /** Thread: a state change and who made it (`not_me`: the author of a message says a report filed for them is not theirs). */
  changed(report: Report, event: ReportEvent, actor: string, note?: string, reason?: 'not_me'): OutgoingMessage;
  /** DM to an admin: a report needs someone (nobody on duty, or escalated to everyone); `{permalink}` links the thread. */
  adminAlert(report: Report, kind: AdminAlertKind): OutgoingMessage;
  /** DM to an admin: several reports need someone (alerts coalesced over ADMIN_ALERT_INTERVAL_MINUTES), and how many more. */
  adminDigest(waiting: WaitingReport[], more: number): OutgoingMessage;
  /** DMs to the reporter. */
  reporterQueued(report: Report, nextAt: number | null): OutgoingMessage;
  reporterAcknowledged(report: Report, actor: string): OutgoingMessage;
  reporterResolved(report: Report, note?: string): OutgoingMessage;
  /** Thread and DM to the assignee: acknowledged `hours` ago and not resolved (QUIET_CLAIM_HOURS); the DM links the thread with `{permalink}`. */
  quietReminder(report: Report, hours: number): OutgoingMessage;
  quietReminderDm(report: Report, hours: number): OutgoingMessage;
  /** Thread: still quiet after the reminder, so back to open; `report.assigneeSlackId` is the new assignee (null: queued). */
  quietReopened(report: Report, previous: string): OutgoingMessage;
}

export interface LifecycleContext {
  now: number;
  timezone: string;
  escalationMinutes: number;
  supportChannelId: string;
  notices: ReportNotices;
  /** An admin gets at most one DM about waiting reports per this long (default 10 minutes). */
  adminAlertIntervalMs?: number;
  /** Acknowledged and quiet this long → reminder (QUIET_CLAIM_HOURS; 0 or absent: off); then `quietReopenMs` more → reopened. */
  quietClaimMs?: number;
  quietReopenMs?: number;
}

export type TransitionOutcome =
  | { ok: true; report: Report }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_allowed'; report: Report };

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
    const before = tx.select().from(reports).where(eq(reports.id, p.reportId)).get();
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (!canTransition(before.state, p.event)) return { ok: false, reason: 'not_allowed', report: before } as const;
    const to = TRANSITIONS[p.event].to;
    const now = ctx.now;
    const changes: Partial<Report> = { state: to, updatedAt: now };
    if (p.event === 'acknowledge') Object.assign(changes, { acknowledgedAt: now, assigneeSlackId: p.actor, assignedAt: before.assigneeSlackId === p.actor ? before.assignedAt : now });
    if (p.event === 'resolve') Object.assign(changes, { resolvedAt: now, resolvedBy: p.actor });
    if (p.event === 'reopen') Object.assign(changes, { resolvedAt: null, resolvedBy: null, acknowledgedAt: null, escalationLevel: 0 });
    const report = tx
      .update(reports)
      .set(changes)
      .where(and(eq(reports.id, before.id), eq(reports.state, before.state)))
      .returning()
      .get();
    if (!report) return { ok: false, reason: 'not_allowed', report: before } as const;
    // The note's text is in the thread and the reporter's DM; the audit trail records only that there was one.
    audit(tx, { type: `report.${p.event}`, reportId: report.id, actorSlackId: p.actor, data: { from: before.state, to, ...(p.note ? { withNote: true } : {}), ...(p.reason ? { reason: p.reason } : {}) }, now });
    if (to !== 'open') cancelTimers(tx, report.id, p.event, now);
    else scheduleEscalation(tx, report, ctx);
    if (p.event === 'acknowledge' && ctx.quietClaimMs) insertTimerOf(tx, report.id, 'quiet_remind', now + ctx.quietClaimMs);
    // A closed report takes nothing further: requests waiting for a second admin end with it, unrun.
    if (p.event === 'resolve' || p.event === 'cancel') endPendingApprovals(tx, { reportId: report.id }, { reason: p.event === 'resolve' ? 'report_resolved' : 'report_cancelled', actor: p.actor, now });

    const root = rootOf(tx, report.id);
    if (root !== undefined) {
      enqueueThreadReply(tx, { parentId: root, channel: ctx.supportChannelId, message: ctx.notices.changed(report, p.event, p.actor, p.note, p.reason), reportId: report.id, now });
      enqueueUpdate(tx, { of: root, channel: ctx.supportChannelId, message: ctx.notices.rootMessage(report), reportId: report.id, now });
    }
    if (p.event === 'acknowledge') enqueueDm(tx, { userId: report.reporterSlackId, message: ctx.notices.reporterAcknowledged(report, p.actor), reportId: report.id, now });
    if (p.event === 'resolve') enqueueDm(tx, { userId: report.reporterSlackId, message: ctx.notices.reporterResolved(report, p.note), reportId: report.id, now });
    return { ok: true, report } as const;
  });
}

/** Moves an unresolved report to another admin (an admin's choice from the thread). */
export function reassign(db: Db, p: { reportId: number; to: string; actor: string }, ctx: LifecycleContext): TransitionOutcome {
  return db.transaction((tx) => {
    const before = tx.select().from(reports).where(eq(reports.id, p.reportId)).get();
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (before.state !== 'open' && before.state !== 'acknowledged') return { ok: false, reason: 'not_allowed', report: before } as const;
    const report = assignTo(tx, before, p.to, ctx, { escalationLevel: before.escalationLevel, state: 'open' });
    audit(tx, { type: 'report.reassigned', reportId: report.id, actorSlackId: p.actor, data: { from: before.assigneeSlackId, to: p.to }, now: ctx.now });
    announceAssignment(tx, report, 'reassigned', ctx, p.actor);
    return { ok: true, report } as const;
  });
}

export type Routing = { kind: 'assigned'; report: Report } | { kind: 'queued'; report: Report; nextAt: number | null };

/**
 * Routes a new report (inside the caller's transaction, before its root message is written, so the root
 * message already shows the assignee): an admin on duty, or queued when nobody is.
 */
export function routeNewReport(tx: Writer, report: Report, ctx: LifecycleContext): Routing {
  const chosen = pickAssignee(tx, report, [], ctx);
  if (chosen) {
    const assigned = assignTo(tx, report, chosen, ctx, { escalationLevel: 0 });
    audit(tx, { type: 'report.assigned', reportId: report.id, actorSlackId: null, data: { to: chosen, reason: 'on_duty' }, now: ctx.now });
    return { kind: 'assigned', report: assigned };
  }
  const nextAt = nextOnDuty(otherAdmins(tx, report, ctx.now), ctx.now, ctx.timezone)?.at ?? null;
  audit(tx, { type: 'report.queued', reportId: report.id, actorSlackId: null, data: { nextOnDutyAt: nextAt }, now: ctx.now });
  return { kind: 'queued', report, nextAt };
}

/** The thread reply and DMs that follow routing, once the root message is in the outbox. */
export function announceRouting(tx: Writer, routing: Routing, rootId: number, ctx: LifecycleContext): void {
  const { report } = routing;
  const now = ctx.now;
  if (routing.kind === 'assigned') {
    enqueueThreadReply(tx, { parentId: rootId, channel: ctx.supportChannelId, message: ctx.notices.assigned(report, 'new'), reportId: report.id, now });
    return;
  }
  enqueueThreadReply(tx, { parentId: rootId, channel: ctx.supportChannelId, message: ctx.notices.queued(report, routing.nextAt), reportId: report.id, now });
  alertAdmins(tx, { adminSlackIds: otherAdmins(tx, report, ctx.now).map((a) => a.slackId), report, kind: 'queued' }, ctx);
  enqueueDm(tx, { userId: report.reporterSlackId, message: ctx.notices.reporterQueued(report, routing.nextAt), reportId: report.id, now });
}

/**
 * Fires one escalation timer. Claiming the timer (done_at) and applying its effect happen in one transaction:
 * a crash leaves both undone and the timer fires after the restart; it can never fire twice.
 */
export function fireTimer(db: Db, timer: Timer, ctx: LifecycleContext): 'fired' | 'already_done' {
  return db.transaction((tx) => {
    const claimed = tx.update(timers).set({ doneAt: ctx.now, outcome: 'fired' }).where(and(eq(timers.id, timer.id), isNull(timers.doneAt))).run();
    if (claimed.changes === 0) return 'already_done' as const;
    const report = tx.select().from(reports).where(eq(reports.id, timer.reportId)).get();
    if (timer.kind === 'quiet_remind' || timer.kind === 'quiet_reopen') {
      // Only while still acknowledged: resolving, cancelling or reassigning also cancels these timers.
      if (report?.state === 'acknowledged' && report.assigneeSlackId) (timer.kind === 'quiet_remind' ? remindQuiet : reopenQuiet)(tx, report, ctx);
      return 'fired' as const;
    }
    if (!report || report.state !== 'open') return 'fired' as const;
    const next = report.escalationLevel === 0 ? pickAssignee(tx, report, report.assigneeSlackId ? [report.assigneeSlackId] : [], ctx) : null;
    if (next) {
      const reassigned = assignTo(tx, report, next, ctx, { escalationLevel: 1 });
      audit(tx, { type: 'report.escalated', reportId: report.id, actorSlackId: null, data: { level: 1, from: report.assigneeSlackId, to: next }, now: ctx.now });
      announceAssignment(tx, reassigned, 'escalated', ctx);
      return 'fired' as const;
    }
    const escalated = tx.update(reports).set({ escalationLevel: 2, updatedAt: ctx.now }).where(eq(reports.id, report.id)).returning().get()!;
    audit(tx, { type: 'report.escalated', reportId: report.id, actorSlackId: null, data: { level: 2 }, now: ctx.now });
    const root = rootOf(tx, report.id);
    if (root !== undefined) {
      enqueueThreadReply(tx, { parentId: root, channel: ctx.supportChannelId, message: ctx.notices.escalatedToAll(escalated), reportId: report.id, now: ctx.now });
      enqueueUpdate(tx, { of: root, channel: ctx.supportChannelId, message: ctx.notices.rootMessage(escalated), reportId: report.id, now: ctx.now });
    }
    alertAdmins(tx, { adminSlackIds: otherAdmins(tx, report, ctx.now).map((a) => a.slackId), report: escalated, kind: 'escalated' }, ctx);
    return 'fired' as const;
  });
}

/** Acknowledged but quiet: the assignee is reminded in the thread and by DM; the re-route timer starts. */
function remindQuiet(tx: Writer, report: Report, ctx: LifecycleContext): void {
  const hours = Math.round(((ctx.quietClaimMs ?? 0) / 3_600_000) * 10) / 10;
  audit(tx, { type: 'report.quiet_reminder', reportId: report.id, actorSlackId: null, data: { assignee: report.assigneeSlackId }, now: ctx.now });
  const root = rootOf(tx, report.id);
  if (root !== undefined) enqueueThreadReply(tx, { parentId: root, channel: ctx.supportChannelId, message: ctx.notices.quietReminder(report, hours), reportId: report.id, now: ctx.now });
  enqueueDm(tx, { userId: report.assigneeSlackId!, message: ctx.notices.quietReminderDm(report, hours), reportId: report.id, now: ctx.now, ...(root !== undefined ? { linkTo: root } : {}) });
  if (ctx.quietReopenMs) insertTimerOf(tx, report.id, 'quiet_reopen', ctx.now + ctx.quietReopenMs);
}

/**
 * Still quiet after the reminder: back to open and routed again — to another admin on duty if there is one, else
 * to whoever is on duty (the same admin, freshly timed), else queued like a new report nobody can take.
 */
function reopenQuiet(tx: Writer, report: Report, ctx: LifecycleContext): void {
  const previous = report.assigneeSlackId!;
  const reopened = tx.update(reports).set({ state: 'open', acknowledgedAt: null, escalationLevel: 0, updatedAt: ctx.now }).where(eq(reports.id, report.id)).returning().get()!;
  const chosen = pickAssignee(tx, reopened, [previous], ctx) ?? pickAssignee(tx, reopened, [], ctx);
  let routed: Report;
  if (chosen) {
    routed = assignTo(tx, reopened, chosen, ctx, { escalationLevel: 0 });
  } else {
    cancelTimers(tx, report.id, 'reopened', ctx.now);
    routed = tx.update(reports).set({ assigneeSlackId: null, assignedAt: null }).where(eq(reports.id, report.id)).returning().get()!;
  }
  audit(tx, { type: 'report.quiet_reopened', reportId: report.id, actorSlackId: null, data: { from: previous, to: chosen }, now: ctx.now });
  const root = rootOf(tx, report.id);
  if (root !== undefined) {
    enqueueThreadReply(tx, { parentId: root, channel: ctx.supportChannelId, message: ctx.notices.quietReopened(routed, previous), reportId: report.id, now: ctx.now });
    enqueueUpdate(tx, { of: root, channel: ctx.supportChannelId, message: ctx.notices.rootMessage(routed), reportId: report.id, now: ctx.now });
  }
  if (!chosen) alertAdmins(tx, { adminSlackIds: otherAdmins(tx, report, ctx.now).map((a) => a.slackId), report: routed, kind: 'queued' }, ctx);
}

function insertTimerOf(tx: Writer, reportId: number, kind: Timer['kind'], dueAt: number): void {
  tx.insert(timers).values({ reportId, kind, dueAt }).run();
}

/** Timers due now, oldest first. */
export function dueTimers(db: Db, now: number, limit = 50): Timer[] {
  return db.select().from(timers).where(and(isNull(timers.doneAt), lte(timers.dueAt, now))).orderBy(timers.dueAt, timers.id).limit(limit).all();
}

/** Queued reports (open, nobody assigned) go to whoever is on duty now: a shift starting picks them up. */
export function pickUpQueued(db: Db, ctx: LifecycleContext): number[] {
  const queued = queuedReports(db, 500);
  const picked: number[] = [];
  for (const candidate of queued) {
    db.transaction((tx) => {
      const report = tx.select().from(reports).where(and(eq(reports.id, candidate.id), isNull(reports.assigneeSlackId), eq(reports.state, 'open'))).get();
      if (!report) return;
      const chosen = pickAssignee(tx, report, [], ctx);
      if (!chosen) return;
      const assigned = assignTo(tx, report, chosen, ctx, { escalationLevel: 0 });
      audit(tx, { type: 'report.assigned', reportId: report.id, actorSlackId: null, data: { to: chosen, reason: 'shift_started' }, now: ctx.now });
      announceAssignment(tx, assigned, 'picked_up', ctx);
      picked.push(report.id);
    });
  }
  return picked;
}

function otherAdmins(tx: Writer, report: Report, now: number) {
  const covers = liveCovers(tx, now);
  return tx
    .select()
    .from(admins)
    .all()
    .filter((a) => a.slackId !== report.reporterSlackId)
    .map((a) => toDuty(a, covers));
}

// Run on every routing decision: built once (see buildOnce).
const allAdmins = buildOnce((w: Writer) => w.select().from(admins).prepare());
const markAssigned = buildOnce((w: Writer) =>
  w.update(admins).set({ lastAssignedAt: param('now') }).where(eq(admins.slackId, sql.placeholder('slackId'))).prepare(),
);
const insertTimer = buildOnce((w: Writer) => w.insert(timers).values({ reportId: sql.placeholder('reportId'), kind: 'escalate', dueAt: sql.placeholder('dueAt') }).prepare());
const cancelPending = buildOnce((w: Writer) =>
  w
    .update(timers)
    .set({ doneAt: param('now'), outcome: param('outcome') })
    .where(and(eq(timers.reportId, sql.placeholder('reportId')), isNull(timers.doneAt)))
    .prepare(),
);

/** An admin on duty, never the reporter nor anyone in `exclude`: fewest open reports, then round robin. */
function pickAssignee(tx: Writer, report: Report, exclude: string[], ctx: LifecycleContext): string | null {
  const rows = allAdmins(tx).all();
  const covers = liveCovers(tx, ctx.now);
  const onDuty = onDutyNow(rows.map((a) => toDuty(a, covers)), ctx.now, ctx.timezone);
  return chooseAssignee({
    candidates: onDuty,
    exclude: [report.reporterSlackId, ...exclude],
    openCounts: unresolvedCounts(tx, onDuty),
    lastAssignedAt: Object.fromEntries(rows.map((a) => [a.slackId, a.lastAssignedAt ?? undefined])),
  });
}

function assignTo(tx: Writer, report: Report, slackId: string, ctx: LifecycleContext, extra: Partial<Report>): Report {
  markAssigned(tx).run({ slackId, now: ctx.now });
  cancelTimers(tx, report.id, 'reassigned', ctx.now);
  const assigned = tx
    .update(reports)
    .set({ assigneeSlackId: slackId, assignedAt: ctx.now, updatedAt: ctx.now, ...extra })
    .where(eq(reports.id, report.id))
    .returning()
    .get()!;
  if (assigned.state === 'open') scheduleEscalation(tx, assigned, ctx);
  return assigned;
}

function announceAssignment(tx: Writer, report: Report, reason: 'new' | 'escalated' | 'reassigned' | 'picked_up', ctx: LifecycleContext, by?: string): void {
  const root = rootOf(tx, report.id);
  if (root === undefined) return;
  enqueueThreadReply(tx, { parentId: root, channel: ctx.supportChannelId, message: ctx.notices.assigned(report, reason, by), reportId: report.id, now: ctx.now });
  enqueueUpdate(tx, { of: root, channel: ctx.supportChannelId, message: ctx.notices.rootMessage(report), reportId: report.id, now: ctx.now });
}

/** The next escalation step, unless the report is already at the last level. */
function scheduleEscalation(tx: Writer, report: Report, ctx: LifecycleContext): void {
  const step = nextEscalation({ level: report.escalationLevel as EscalationLevel, since: ctx.now, escalationMinutes: ctx.escalationMinutes, acknowledged: report.state !== 'open' });
  if (step) insertTimer(tx).run({ reportId: report.id, dueAt: step.at });
}

function cancelTimers(tx: Writer, reportId: number, why: string, now: number): void {
  cancelPending(tx).run({ reportId, now, outcome: `cancelled:${why}` });
}

/** The outbox row of the report's root message: thread replies and updates wait for it. */
function rootOf(tx: Writer, reportId: number): number | undefined {
  return tx.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.reportId, reportId), eq(outbox.role, 'root'))).get()?.id;
}
