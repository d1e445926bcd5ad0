import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, type Report } from '../../db/schema.js';
import type { Writer } from '../outbox/outbox.js';

/** The read queries behind App Home, `status` and routing; shared with the growth benchmark. Each uses an index. */
const UNRESOLVED = ['open', 'acknowledged'] as const;

export function reportsOfReporter(db: Pick<Db, 'select'>, slackUserId: string, limit = 10): Report[] {
  return db.select().from(reports).where(eq(reports.reporterSlackId, slackUserId)).orderBy(desc(reports.id)).limit(limit).all();
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
  return db.select().from(reports).where(and(eq(reports.state, 'open'), isNull(reports.assigneeSlackId))).orderBy(asc(reports.createdAt)).limit(limit).all();
}

/** How many unresolved reports each admin has (routing: fewest first). */
export function unresolvedCountsByAssignee(db: Writer): Record<string, number> {
  const rows = db
    .select({ assignee: reports.assigneeSlackId, n: sql<number>`count(*)` })
    .from(reports)
    .where(and(inArray(reports.state, [...UNRESOLVED]), isNotNull(reports.assigneeSlackId)))
    .groupBy(reports.assigneeSlackId)
    .all();
  return Object.fromEntries(rows.map((r) => [r.assignee!, r.n]));
}
