/**
 * Who gets a report: the fairness rule, as a pure function over numbers the caller reads from the database.
 */

export type AssigneeQuery = {
  /** Slack ids of the admins on duty now (onDutyNow). */
  candidates: readonly string[];
  /** Never chosen: the reporter, and on reassignment the current assignee. */
  exclude: readonly string[];
  /** Open (unresolved) reports per admin; a missing id counts as 0. */
  openCounts: Readonly<Record<string, number>>;
  /** When each admin was last assigned a report (epoch ms); missing/undefined = never. */
  lastAssignedAt: Readonly<Record<string, number | undefined>>;
};

/**
 * Candidates minus the excluded, best first. The order is, exactly:
 * 1. fewest open reports;
 * 2. then round robin: least recently assigned first, and never assigned before anyone who has been;
 * 3. then by Slack id (plain code-unit order, not locale-dependent) so equal admins are always ordered the same.
 * Duplicates in `candidates` count once.
 */
export function rankAssignees(query: AssigneeQuery): string[] {
  const excluded = new Set(query.exclude);
  const pool = [...new Set(query.candidates)].filter((id) => !excluded.has(id));
  const open = (id: string): number => (Object.hasOwn(query.openCounts, id) ? (query.openCounts[id] ?? 0) : 0);
  const last = (id: string): number =>
    Object.hasOwn(query.lastAssignedAt, id) ? (query.lastAssignedAt[id] ?? -Infinity) : -Infinity;
  return pool.sort((a, b) => open(a) - open(b) || last(a) - last(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The admin to assign (the first of rankAssignees), or null when nobody eligible is on duty. */
export function chooseAssignee(query: AssigneeQuery): string | null {
  return rankAssignees(query)[0] ?? null;
}
