import { asc, eq, gt, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, reports } from '../../db/schema.js';

/** An audit row with what the metrics need of its report. */
export interface AuditTailRow {
  id: number;
  type: string;
  createdAt: number;
  remedy: string | null;
  reportCreatedAt: number | null;
}

export function latestAuditId(db: Db): number {
  return (
    db
      .select({ id: max(auditEvents.id) })
      .from(auditEvents)
      .get()?.id ?? 0
  );
}

/** Audit rows after `afterId`, oldest first (the audit trail is append-only, so ids only grow). */
export function auditSince(db: Db, afterId: number, limit: number): AuditTailRow[] {
  return db
    .select({
      id: auditEvents.id,
      type: auditEvents.type,
      createdAt: auditEvents.createdAt,
      remedy: reports.remedy,
      reportCreatedAt: reports.createdAt,
    })
    .from(auditEvents)
    .leftJoin(reports, eq(reports.id, auditEvents.reportId))
    .where(gt(auditEvents.id, afterId))
    .orderBy(asc(auditEvents.id))
    .limit(limit)
    .all();
}
