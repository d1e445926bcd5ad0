import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { buildOnce, type Db } from '../../db/client.js';
import { accountActions, outbox, reports, type Report } from '../../db/schema.js';
import type { Writer } from '../../db/client.js';

/** The read queries behind App Home, `status` and routing; shared with the growth benchmark. Each uses an index. */
const UNRESOLVED = ['open', 'acknowledged'] as const;

/** What `status` and App Home show of a reporter's report: never its free text. */
export type ReportSummary = Pick<Report, 'id' | 'leafId' | 'state' | 'createdAt'>;

// Runs before the `status` ack: built once (drizzle would spend ~0.1 ms building it on every call, see buildOnce).
const reportsOfReporterQuery = buildOnce((w: Writer) =>
  w
    .select({ id: reports.id, leafId: reports.leafId, state: reports.state, createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.reporterSlackId, sql.placeholder('slackId')))
    .orderBy(desc(reports.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** The reporter's latest reports, newest first, at most `limit`. */
export function reportsOfReporter(db: Writer, slackUserId: string, limit = 10): ReportSummary[] {
  return reportsOfReporterQuery(db).all({ slackId: slackUserId, limit });
}

// Run on every submission (the reporter's limits): built once (see buildOnce).
const unresolvedOfReporterQuery = buildOnce((w: Writer) =>
  w
    .select()
    .from(reports)
    .where(and(eq(reports.reporterSlackId, sql.placeholder('slackId')), inArray(reports.state, [...UNRESOLVED])))
    .orderBy(desc(reports.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);
const latestSubmissionTimes = buildOnce((w: Writer) =>
  w
    .select({ createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.reporterSlackId, sql.placeholder('slackId')))
    .orderBy(desc(reports.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** The reporter's unresolved (open or acknowledged) reports, newest first, at most `limit`. */
export function unresolvedOfReporter(w: Writer, slackUserId: string, limit: number): Report[] {
  return unresolvedOfReporterQuery(w).all({ slackId: slackUserId, limit });
}

/** When the reporter's latest `limit` reports were made, newest first (enough to tell a rolling-window limit). */
export function latestSubmissionsOf(w: Writer, slackUserId: string, limit: number): number[] {
  return latestSubmissionTimes(w)
    .all({ slackId: slackUserId, limit })
    .map((r) => r.createdAt);
}

export function unresolvedAssignedTo(db: Pick<Db, 'select'>, slackUserId: string, limit = 15): Report[] {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.assigneeSlackId, slackUserId), inArray(reports.state, [...UNRESOLVED])))
    .orderBy(asc(reports.createdAt))
    .limit(limit)
    .all();
}

/** Open reports nobody has (nobody was on duty), oldest first. */
export function queuedReports(db: Pick<Db, 'select'>, limit = 15): Report[] {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.state, 'open'), isNull(reports.assigneeSlackId)))
    .orderBy(asc(reports.createdAt))
    .limit(limit)
    .all();
}

/**
 * Past this many unresolved reports an admin is as swamped as any other: routing counts no further, and ties go
 * round robin. Counting stops there, so routing a new report costs the same however long the queue has grown.
 */
export const OPEN_COUNT_CAP = 200;

const cappedCount = buildOnce((w: Writer) => {
  const capped = w
    .select({ one: sql`1` })
    .from(reports)
    .where(and(eq(reports.assigneeSlackId, sql.placeholder('slackId')), inArray(reports.state, [...UNRESOLVED])))
    .limit(sql.placeholder('cap'))
    .as('capped');
  return w.select({ n: sql<number>`count(*)` }).from(capped).prepare();
});

/** How many unresolved reports each of `slackIds` has, up to {@link OPEN_COUNT_CAP} (routing: fewest first). */
export function unresolvedCounts(db: Writer, slackIds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slackId of slackIds) counts[slackId] = cappedCount(db).get({ slackId, cap: OPEN_COUNT_CAP })?.n ?? 0;
  return counts;
}

/** What failed, when the latest account action of a report failed: its kind and the directory error's kind. */
export interface FailedAction {
  kind: string;
  errorKind: string | null;
}

/** For each of `reportIds` whose latest account action failed, that action (App Home shows why to admins). */
export function latestFailedActions(db: Pick<Db, 'select'>, reportIds: readonly number[]): Map<number, FailedAction> {
  const failed = new Map<number, FailedAction>();
  if (reportIds.length === 0) return failed;
  const rows = db
    .select({
      reportId: accountActions.reportId,
      kind: accountActions.kind,
      state: accountActions.state,
      errorKind: accountActions.errorKind,
    })
    .from(accountActions)
    .where(inArray(accountActions.reportId, [...reportIds]))
    .orderBy(desc(accountActions.id))
    .all();
  const seen = new Set<number>();
  for (const row of rows) {
    if (seen.has(row.reportId)) continue;
    seen.add(row.reportId);
    if (row.state === 'failed') failed.set(row.reportId, { kind: row.kind, errorKind: row.errorKind });
  }
  return failed;
}

/** The outbox row of the report's root message: thread replies and updates wait for it. */
export function rootOf(tx: Writer, reportId: number): number | undefined {
  return tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.reportId, reportId), eq(outbox.role, 'root')))
    .get()?.id;
}

// Read at every click and in most transactions: built once (see buildOnce).
const reportByIdQuery = buildOnce((w: Writer) =>
  w
    .select()
    .from(reports)
    .where(eq(reports.id, sql.placeholder('id')))
    .prepare(),
);

/** One report by its id (undefined when there is none). */
export function reportById(w: Writer, reportId: number): Report | undefined {
  return reportByIdQuery(w).get({ id: reportId });
}
