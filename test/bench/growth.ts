import { join } from 'node:path';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { queuedReports, reportsOfReporter, unresolvedAssignedTo, unresolvedCounts } from '../../src/reports/queries.js';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const RUNS = 300;
/** A support queue's backlog stays bounded while its history grows: the newest 200 reports are unresolved. */
const UNRESOLVED = 200;

/**
 * Grows one database through 1k … max reports (one audit row each; history resolved, the newest 200 unresolved,
 * 10 of them queued — the shape of a real support queue) and times the queries App Home, `status` and routing run,
 * through the app's own functions.
 */
export async function growthTable(
  dir: string,
  maxRows: number,
): Promise<{ table: string; largest: { path: string; rows: number } }> {
  const path = join(dir, 'growth.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  const insertReport = db.$client.prepare(
    `INSERT INTO reports (reporter_slack_id, login_name, leaf_id, remedy, path, state, locale, submission_key, assignee_slack_id, created_at, updated_at)
     VALUES (?, ?, 'account_suspended', 'resume', '[]', ?, 'ja', ?, ?, ?, ?)`,
  );
  const insertAudit = db.$client.prepare(
    `INSERT INTO audit_events (report_id, actor_slack_id, type, data, created_at) VALUES (?, ?, 'report.created', '{}', ?)`,
  );
  const queries: Record<string, () => unknown> = {
    'App Home: my unresolved reports': () => unresolvedAssignedTo(db, 'UADM3'),
    'App Home: queued reports': () => queuedReports(db),
    'routing: unresolved count per admin on duty': () => unresolvedCounts(db, ['UADM1', 'UADM2', 'UADM3']),
    'status: my reports': () => reportsOfReporter(db, 'U777'),
  };
  const rows: string[] = [
    '| query | ' +
      SIZES.filter((n) => n <= maxRows)
        .map((n) => `${n.toLocaleString('en')} reports`)
        .join(' | ') +
      ' | 1M ÷ 1k |',
    '|---|' +
      SIZES.filter((n) => n <= maxRows)
        .map(() => '---|')
        .join('') +
      '---|',
  ];
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
  let count = 0;
  for (const size of SIZES.filter((n) => n <= maxRows)) {
    db.$client.transaction(() => {
      for (; count < size; count++) {
        const at = 1_700_000_000_000 + count * 1000;
        const info = insertReport.run(
          `U${count % 1000}`,
          `user${count}`,
          'resolved',
          `bench:${count}`,
          `UADM${count % 20}`,
          at,
          at,
        );
        insertAudit.run(info.lastInsertRowid, `U${count % 1000}`, at);
      }
      // Yesterday's backlog is resolved; the newest reports are the open queue (every 20th nobody's yet).
      db.$client.prepare("UPDATE reports SET state = 'resolved' WHERE state <> 'resolved'").run();
      db.$client
        .prepare(
          `UPDATE reports SET state = CASE WHEN id % 2 = 0 THEN 'open' ELSE 'acknowledged' END,
             assignee_slack_id = CASE WHEN id % 20 = 0 THEN NULL ELSE assignee_slack_id END
           WHERE id > (SELECT max(id) FROM reports) - ?`,
        )
        .run(UNRESOLVED);
    })();
    db.$client.pragma('optimize');
    for (const [name, query] of Object.entries(queries)) {
      for (let i = 0; i < 50; i++) query(); // warm-up: JIT and page cache, so sizes are compared, not cold starts
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        query();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results[name]!.push(times[Math.floor(RUNS * 0.99)]!);
    }
  }
  for (const [name, p99s] of Object.entries(results)) {
    const growth = p99s.at(-1)! / p99s[0]!;
    rows.push(
      `| ${name} | ${p99s.map((t) => t.toFixed(3)).join(' | ')} | ${growth.toFixed(2)}× ${growth <= 2 ? '(ok)' : '(MISSED: over 2×)'} |`,
    );
  }
  db.$client.close();
  return { table: rows.join('\n'), largest: { path, rows: count } };
}
