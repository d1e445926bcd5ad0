import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { OutboxStore } from '../../src/outbox/outbox.js';
import { admins, reports, timers, walks } from '../../db/schema.js';
import { fireTimer, transition } from '../../src/reports/lifecycle.js';
import type { LifecycleContext, ReportNotices } from '../../src/reports/lifecycle-context.js';
import { dueTimers } from '../../src/reports/timers.js';
import { submitReport } from '../../src/reports/submit-report.js';
import { flushDueAdminAlerts } from '../../src/reports/admin-alerts.js';
import { queuedReports, reportsOfReporter, unresolvedAssignedTo, unresolvedCounts } from '../../src/reports/queries.js';
import { endPendingApprovals } from '../../src/account-actions/approvals.js';
import { purgeConfirmations } from '../../src/account-actions/confirmations.js';
import { sweepPersonalData } from '../../src/reports/retention.js';

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
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(
      (r) => r.detail,
    );
    return { sql, plan };
  });
}

type Query = (db: ReturnType<typeof openDatabase>) => unknown;

const quiet = new Proxy({}, { get: () => () => ({ text: 'x' }) }) as ReportNotices;
const ctx: LifecycleContext = {
  now: 1000,
  timezone: 'Asia/Tokyo',
  escalationMinutes: 15,
  supportChannelId: 'C1',
  notices: quiet,
};

/** A report submitted through its own walk, as the troubleshooter does. */
function submit(db: ReturnType<typeof openDatabase>) {
  const walkId = db
    .insert(walks)
    .values({ slackUserId: 'UR', locale: 'ja', startedAt: 0, updatedAt: 0 })
    .returning()
    .get().id;
  return submitReport(db, {
    input: {
      reporterSlackId: 'UR',
      loginName: 'taro',
      leafId: 'other_problem',
      remedy: 'other',
      path: [],
      walkId,
      details: '',
      locale: 'ja',
    },
    lifecycle: ctx,
    limits: { maxOpen: 3, perHour: 5 },
    receivedDm: () => ({ text: '{permalink}' }),
  });
}

/** An open report assigned to an admin, with its pending escalation timer. */
function openReport(db: ReturnType<typeof openDatabase>): { reportId: number; timerId: number } {
  const reportId = db
    .insert(reports)
    .values({
      reporterSlackId: 'UR',
      loginName: 'taro',
      leafId: 'other_problem',
      remedy: 'other',
      locale: 'en',
      submissionKey: 'k',
      state: 'open',
      assigneeSlackId: 'UA',
      createdAt: 0,
      updatedAt: 0,
    })
    .returning()
    .get().id;
  const timerId = db.insert(timers).values({ reportId, kind: 'escalate', dueAt: 0 }).returning().get().id;
  return { reportId, timerId };
}

/**
 * A statement limited to unresolved reports may sort or group them (a temporary B-tree): their number is the
 * open queue, not the history (the growth bench shows those queries flat from 1k to 1M stored reports).
 */
const sortsBacklogOnly = (sql: string) => sql.includes('"reports"."state" in (?, ?)');

const HOT_QUERIES: Record<string, { run: Query }> = {
  'outbox: next message to deliver': { run: (db) => new OutboxStore(db).nextDue(0) },
  'outbox: backlog figures': { run: (db) => new OutboxStore(db).stats(0) },
  'App Home: my unresolved reports': { run: (db) => unresolvedAssignedTo(db, 'U1') },
  'App Home: queued reports': { run: (db) => queuedReports(db) },
  'routing: unresolved count per admin on duty': { run: (db) => unresolvedCounts(db, ['UA', 'UB']) },
  'status: my reports': { run: (db) => reportsOfReporter(db, 'U1') },
  'a report submitted (stored, routed, its messages queued)': {
    run: (db) => {
      db.insert(admins).values({ slackId: 'UA', addedAt: 0, manualOn: true, manualSince: 0 }).run();
      submit(db);
    },
  },
  'a report queued while nobody is on duty (every admin alerted, coalesced)': {
    run: (db) => {
      for (const slackId of ['UA', 'UB']) db.insert(admins).values({ slackId, addedAt: 0 }).run();
      submit(db);
      submit(db);
    },
  },
  'scheduler: coalesced admin DMs that are due': { run: (db) => flushDueAdminAlerts(db, ctx) },
  'scheduler: due escalation timers': { run: (db) => dueTimers(db, 0) },
  'acknowledging a report (its timers cancelled, its thread told)': {
    run: (db) => transition(db, { reportId: openReport(db).reportId, event: 'acknowledge', actor: 'UA' }, ctx),
  },
  'resolving a report (its pending approvals ended)': {
    run: (db) => transition(db, { reportId: openReport(db).reportId, event: 'resolve', actor: 'UA' }, ctx),
  },
  'housekeeping: approvals past their expiry, old confirmations': {
    run: (db) => {
      db.transaction((tx) => endPendingApprovals(tx, { createdBefore: 0 }, { reason: 'expired', actor: null, now: 0 }));
      purgeConfirmations(db, 0);
    },
  },
  'housekeeping: the retention sweep (RETENTION_DAYS)': {
    run: (db) => sweepPersonalData(db, 400 * 86_400_000, 365 * 86_400_000),
  },
  'an escalation timer firing': {
    run: (db) => {
      const { timerId } = openReport(db);
      fireTimer(db, db.select().from(timers).where(sql`${timers.id} = ${timerId}`).get()!, ctx);
    },
  },
};

describe('hot queries use indexes', () => {
  it.each(Object.entries(HOT_QUERIES))('%s', (_name, { run }) => {
    const plans = plansOf(run);
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) {
      // Allowed to be read whole: the roster (`admins`, a handful of people) and a subquery's own bounded result.
      const subqueries = plan.map((step) => step.match(/^(?:CO-ROUTINE|MATERIALIZE) (\S+)/)?.[1]).filter(Boolean);
      const scansTable = (step: string) =>
        /^SCAN /.test(step) && !/^SCAN (CONSTANT|admins\b)/.test(step) && !subqueries.includes(step.split(' ')[1]);
      const offending = plan.filter(
        (step) => scansTable(step) || (!sortsBacklogOnly(sql) && step.includes('TEMP B-TREE')),
      );
      expect(offending, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
