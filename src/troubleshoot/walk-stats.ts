import { and, count, desc, gte, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, walks } from '../../db/schema.js';

export interface WalkStats {
  walks: number;
  selfResolved: number;
  reported: number;
  abandoned: number;
  inProgress: number;
  reportsByRemedy: { remedy: string; reports: number }[];
  topLeaves: { leafId: string; walks: number; selfResolved: number }[];
}

/** Which leaves deflect and which escalate, since `sinceMs` (the `stats` sub-command shows the last 30 days). */
export function walkStats(db: Db, sinceMs: number): WalkStats {
  const byOutcome = db
    .select({ outcome: walks.outcome, n: count() })
    .from(walks)
    .where(gte(walks.startedAt, sinceMs))
    .groupBy(walks.outcome)
    .all();
  const of = (outcome: string) => byOutcome.find((r) => r.outcome === outcome)?.n ?? 0;
  const reportsByRemedy = db
    .select({ remedy: reports.remedy, reports: count() })
    .from(reports)
    .where(gte(reports.createdAt, sinceMs))
    .groupBy(reports.remedy)
    .orderBy(desc(count()), reports.remedy)
    .all();
  const topLeaves = db
    .select({
      leafId: sql<string>`${walks.leafId}`,
      walks: count(),
      selfResolved: sql<number>`sum(case when ${walks.outcome} = 'self_resolved' then 1 else 0 end)`,
    })
    .from(walks)
    .where(and(gte(walks.startedAt, sinceMs), isNotNull(walks.leafId)))
    .groupBy(walks.leafId)
    .orderBy(desc(count()), walks.leafId)
    .limit(5)
    .all();
  return {
    walks: byOutcome.reduce((sum, r) => sum + r.n, 0),
    selfResolved: of('self_resolved'),
    reported: of('reported'),
    abandoned: of('abandoned'),
    inProgress: of('in_progress'),
    reportsByRemedy,
    topLeaves,
  };
}
