import { and, asc, eq, inArray, isNull, lte, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { adminAlerts, reports, type Report } from '../../db/schema.js';
import { enqueueDm, type OutboxLink } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { rootOf } from './queries.js';

/** Why an admin is told about a report: it came in while nobody was on duty, or nobody took it after escalation. */
export type AdminAlertKind = 'queued' | 'escalated';

export const DEFAULT_ADMIN_ALERT_INTERVAL_MS = 10 * 60_000;
/** A coalesced DM lists at most this many reports, then says how many more wait (a section holds 3,000 characters). */
export const MAX_LISTED_ALERTS = 15;

/** One report in a coalesced DM; `link` is a token the outbox replaces with a link to the report's thread. */
export interface WaitingReport {
  report: Report;
  kind: AdminAlertKind;
  link: string;
}

const intervalOf = (ctx: LifecycleContext) => ctx.adminAlertIntervalMs ?? DEFAULT_ADMIN_ALERT_INTERVAL_MS;

/**
 * Tells each admin that a report waits, at most one DM per admin per interval: the first alert goes out at once,
 * those that follow within the interval wait (as rows) and go out together in one DM when it has passed. Runs in
 * the caller's transaction, so an alert exists iff the routing or escalation that caused it does.
 */
export function alertAdmins(
  tx: Writer,
  p: { adminSlackIds: readonly string[]; report: Report; kind: AdminAlertKind },
  ctx: LifecycleContext,
): void {
  for (const adminSlackId of p.adminSlackIds) {
    const last = lastDmAt(tx, adminSlackId);
    const dueAt = last === null ? ctx.now : Math.max(ctx.now, last + intervalOf(ctx));
    tx.insert(adminAlerts)
      .values({ adminSlackId, reportId: p.report.id, kind: p.kind, createdAt: ctx.now, dueAt })
      .run();
    if (dueAt <= ctx.now) flushAdmin(tx, adminSlackId, ctx);
  }
}

/**
 * Sends every admin whose interval has passed one DM with what still waits. Each admin's DM is written to the
 * outbox in the same transaction that marks their alerts done: a restart neither loses nor repeats one.
 */
export function flushDueAdminAlerts(db: Db, ctx: LifecycleContext): number {
  const due = db
    .select({ admin: adminAlerts.adminSlackId })
    .from(adminAlerts)
    .where(and(isNull(adminAlerts.doneAt), lte(adminAlerts.dueAt, ctx.now)))
    .orderBy(asc(adminAlerts.dueAt))
    .limit(500)
    .all();
  let sent = 0;
  for (const admin of new Set(due.map((d) => d.admin))) {
    db.transaction((tx) => {
      if (flushAdmin(tx, admin, ctx) === 'sent') sent++;
    });
  }
  return sent;
}

/** The admin's pending alerts: one DM listing the reports that still wait; alerts about the others are dropped. */
function flushAdmin(tx: Writer, adminSlackId: string, ctx: LifecycleContext): 'sent' | 'nothing' {
  const pending = tx
    .select()
    .from(adminAlerts)
    // Every column of the admin index fixed: the rows come in id order straight from it.
    .where(
      and(
        eq(adminAlerts.adminSlackId, adminSlackId),
        isNull(adminAlerts.outcome),
        isNull(adminAlerts.doneAt),
        lte(adminAlerts.dueAt, ctx.now),
      ),
    )
    .orderBy(asc(adminAlerts.id))
    .all();
  if (pending.length === 0) return 'nothing';
  const byId = new Map(
    tx
      .select()
      .from(reports)
      .where(inArray(reports.id, [...new Set(pending.map((a) => a.reportId))]))
      .all()
      .map((r) => [r.id, r]),
  );
  // One line per report (the later alert wins: escalated after queued), oldest report first.
  const waiting = new Map<number, AdminAlertKind>();
  for (const alert of pending) {
    const report = byId.get(alert.reportId);
    if (report && stillWaits(report, alert.kind)) waiting.set(report.id, alert.kind);
  }
  const done = (ids: number[], outcome: 'sent' | 'dropped', outboxId: number | null) => {
    if (ids.length > 0)
      tx.update(adminAlerts).set({ doneAt: ctx.now, outcome, outboxId }).where(inArray(adminAlerts.id, ids)).run();
  };
  const sentIds = pending.filter((a) => waiting.has(a.reportId)).map((a) => a.id);
  done(
    pending.filter((a) => !waiting.has(a.reportId)).map((a) => a.id),
    'dropped',
    null,
  );
  if (waiting.size === 0) return 'nothing';

  const items = [...waiting]
    .sort(([a], [b]) => a - b)
    .map(([id, kind]) => ({ report: byId.get(id)!, kind, root: rootOf(tx, id) }));
  let outboxId: number;
  if (items.length === 1) {
    const [only] = items as [(typeof items)[0]];
    outboxId = enqueueDm(tx, {
      userId: adminSlackId,
      message: ctx.notices.adminAlert(only.report, only.kind),
      linkTo: only.root,
      reportId: only.report.id,
      now: ctx.now,
    });
  } else {
    const listed = items.slice(0, MAX_LISTED_ALERTS);
    const links: OutboxLink[] = [];
    const lines: WaitingReport[] = listed.map(({ report, kind, root }) => {
      const token = `{link:${report.id}}`;
      if (root !== undefined) links.push({ token, of: root, label: `#${report.id}` });
      return { report, kind, link: root !== undefined ? token : `#${report.id}` };
    });
    outboxId = enqueueDm(tx, {
      userId: adminSlackId,
      message: ctx.notices.adminDigest(lines, items.length - listed.length),
      links,
      now: ctx.now,
    });
  }
  done(sentIds, 'sent', outboxId);
  return 'sent';
}

/** A queued report waits until someone is assigned; an escalated one until someone takes it. */
function stillWaits(report: Report, kind: AdminAlertKind): boolean {
  if (report.state !== 'open') return false;
  return kind === 'escalated' || report.assigneeSlackId === null;
}

function lastDmAt(tx: Writer, adminSlackId: string): number | null {
  return (
    tx
      .select({ at: max(adminAlerts.doneAt) })
      .from(adminAlerts)
      .where(and(eq(adminAlerts.adminSlackId, adminSlackId), eq(adminAlerts.outcome, 'sent')))
      .get()?.at ?? null
  );
}
