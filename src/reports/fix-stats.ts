import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, walks } from '../../db/schema.js';
import { reportRemedy } from '../troubleshoot/schema.js';
import { loginTree } from '../troubleshoot/tree.js';

/** How one remedy's problems ended (issue 15): fixed by the reporter, by an admin, by following the steps. */
export interface RemedyFixes {
  remedy: string;
  /** Reports resolved by their own reporter: self-service fixes. */
  selfService: number;
  /** Reports resolved by an admin. */
  admin: number;
  /** Walks ended with "that fixed it" on a self-help leaf that names this remedy when still stuck. */
  selfHelp: number;
  /** Reports made (however they ended). */
  reports: number;
  /** Median time from the first question to fixed, per kind of fix (ms; null when there were none). */
  medianMs: { selfService: number | null; admin: number | null; selfHelp: number | null };
}

/**
 * Fixes per remedy since `sinceMs`, most frequent first. A report's first question is its walk's start (the report's
 * own creation when it has no walk); a report counts as fixed when resolved, by whoever resolved it last.
 */
export function fixStats(db: Pick<Db, 'select'>, sinceMs: number): RemedyFixes[] {
  const rows = db
    .select({
      remedy: reports.remedy,
      state: reports.state,
      resolvedBy: reports.resolvedBy,
      reporter: reports.reporterSlackId,
      resolvedAt: reports.resolvedAt,
      createdAt: reports.createdAt,
      startedAt: walks.startedAt,
    })
    .from(reports)
    .leftJoin(walks, eq(walks.id, reports.walkId))
    .where(gte(reports.createdAt, sinceMs))
    .all();
  const selfHelped = db
    .select({ leafId: walks.leafId, startedAt: walks.startedAt, endedAt: walks.updatedAt })
    .from(walks)
    .where(and(gte(walks.startedAt, sinceMs), eq(walks.outcome, 'self_resolved')))
    .all();

  const byRemedy = new Map<string, { selfService: number[]; admin: number[]; selfHelp: number[]; reports: number }>();
  const entry = (remedy: string) => {
    let e = byRemedy.get(remedy);
    if (!e) {
      e = { selfService: [], admin: [], selfHelp: [], reports: 0 };
      byRemedy.set(remedy, e);
    }
    return e;
  };
  for (const r of rows) {
    const e = entry(r.remedy);
    e.reports++;
    if (r.state !== 'resolved' || r.resolvedAt === null) continue;
    const took = r.resolvedAt - (r.startedAt ?? r.createdAt);
    (r.resolvedBy !== null && r.resolvedBy === r.reporter ? e.selfService : e.admin).push(took);
  }
  for (const w of selfHelped) {
    const leaf = loginTree.nodes.find((n) => n.id === w.leafId);
    if (leaf?.kind !== 'leaf') continue;
    entry(reportRemedy(leaf)).selfHelp.push(w.endedAt - w.startedAt);
  }
  return [...byRemedy]
    .map(([remedy, e]) => ({
      remedy,
      selfService: e.selfService.length,
      admin: e.admin.length,
      selfHelp: e.selfHelp.length,
      reports: e.reports,
      medianMs: { selfService: median(e.selfService), admin: median(e.admin), selfHelp: median(e.selfHelp) },
    }))
    .sort((a, b) => b.reports + b.selfHelp - (a.reports + a.selfHelp) || a.remedy.localeCompare(b.remedy));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
