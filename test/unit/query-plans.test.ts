import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { OutboxStore } from '../../src/outbox/outbox.js';
import { queuedReports, reportsOfReporter, unresolvedAssignedTo, unresolvedCountsByAssignee } from '../../src/reports/queries.js';

/**
 * The queries that run on every request or delivery must be answered from an index: no full table scan and no
 * sort of the rows they match (a temporary B-tree), or their cost grows with the table. Checked with SQLite's own
 * query planner on the migrated schema, with no statistics (as a fresh install runs).
 */
function plansOf(run: (db: ReturnType<typeof openDatabase>) => unknown): { sql: string; plan: string[] }[] {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const statements: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  db.$client.prepare = ((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof db.$client.prepare;
  run(db);
  db.$client.prepare = prepare;
  return statements.map((sql) => {
    const parameters = new Array((sql.match(/\?/g) ?? []).length).fill(0);
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail);
    return { sql, plan };
  });
}

type Query = (db: ReturnType<typeof openDatabase>) => unknown;

/**
 * `sortsBacklog`: the query sorts or groups only unresolved reports, whose number is bounded by the open queue
 * (the growth bench shows it flat from 1k to 1M stored reports), so a temporary B-tree is allowed there.
 */
const HOT_QUERIES: Record<string, { run: Query; sortsBacklog?: true }> = {
  'outbox: next message to deliver': { run: (db) => new OutboxStore(db).nextDue(0) },
  'outbox: backlog figures': { run: (db) => new OutboxStore(db).stats(0) },
  'App Home: my unresolved reports': { run: (db) => unresolvedAssignedTo(db, 'U1'), sortsBacklog: true },
  'App Home: queued reports': { run: (db) => queuedReports(db) },
  'routing: unresolved count per admin': { run: (db) => unresolvedCountsByAssignee(db), sortsBacklog: true },
  'status: my reports': { run: (db) => reportsOfReporter(db, 'U1') },
};

describe('hot queries use indexes', () => {
  it.each(Object.entries(HOT_QUERIES))('%s', (_name, { run, sortsBacklog }) => {
    const plans = plansOf(run);
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) {
      const offending = plan.filter((step) => /^SCAN (?!CONSTANT)/.test(step) || (!sortsBacklog && step.includes('TEMP B-TREE')));
      expect(offending, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
