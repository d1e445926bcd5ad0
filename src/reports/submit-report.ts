import { eq, sql } from 'drizzle-orm';
import { buildOnce, type Db } from '../../db/client.js';
import { reports, type Report } from '../../db/schema.js';
import type { Locale } from '../i18n/index.js';
import { enqueueDm, enqueuePost, type OutgoingMessage, type Writer } from '../outbox/outbox.js';
import { announceRouting, routeNewReport, type LifecycleContext } from './lifecycle.js';
import { audit } from './audit.js';
import { encodeState, type Step } from '../troubleshoot/engine.js';
import type { Facts, Remedy } from '../troubleshoot/schema.js';
import { WalkStore } from '../troubleshoot/walk-store.js';

export interface ReportInput {
  reporterSlackId: string;
  loginName: string;
  /** Where the troubleshooter ended, the remedy it names, and how the reporter got there. */
  leafId: string;
  remedy: Remedy;
  path: readonly Step[];
  facts: Facts | null;
  /** The walk this report ends (marked `reported` in the same transaction). */
  walkId: number | null;
  details: string;
  locale: Locale;
  /** Identifies the submission (the modal's view id): a replay returns the report already made. */
  submissionKey: string;
}


// Run on every submission: built once (see buildOnce).
const bySubmissionKey = buildOnce((w: Writer) => w.select().from(reports).where(eq(reports.submissionKey, sql.placeholder('key'))).prepare());
const insertReport = buildOnce((w: Writer) =>
  w
    .insert(reports)
    .values({
      reporterSlackId: sql.placeholder('reporterSlackId'),
      loginName: sql.placeholder('loginName'),
      leafId: sql.placeholder('leafId'),
      remedy: sql.placeholder('remedy'),
      path: sql.placeholder('path'),
      facts: sql.placeholder('facts'),
      walkId: sql.placeholder('walkId'),
      details: sql.placeholder('details'),
      locale: sql.placeholder('locale'),
      submissionKey: sql.placeholder('submissionKey'),
      state: 'open',
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .returning()
    .prepare(),
);

/**
 * Stores the report, routes it, and writes its audit rows, the root message, the thread reply and the DMs in
 * one transaction: either all of it exists, or none.
 */
export function submitReport(
  db: Db,
  p: {
    input: ReportInput;
    lifecycle: LifecycleContext;
    /** Must contain `{permalink}`, replaced with the link to the root message when it is delivered. */
    receivedDm: (report: Report) => OutgoingMessage;
  },
): { report: Report; created: boolean } {
  const now = p.lifecycle.now;
  return db.transaction((tx) => {
    const existing = bySubmissionKey(tx).get({ key: p.input.submissionKey });
    if (existing) return { report: existing, created: false };

    const { input } = p;
    const report = insertReport(tx).get({
      ...input,
      path: JSON.stringify(input.path),
      facts: input.facts ? JSON.stringify(input.facts) : null,
      now,
    })!;
    audit(tx, {
      type: 'report.created',
      reportId: report.id,
      actorSlackId: report.reporterSlackId,
      data: { leafId: report.leafId, remedy: report.remedy, loginName: report.loginName },
      now: now,
    });
    if (report.walkId !== null) {
      const path = encodeState({ path: p.input.path });
      new WalkStore(db).finish(tx, { id: report.walkId, slackUserId: report.reporterSlackId, outcome: 'reported', path, leafId: report.leafId, reportId: report.id, now });
    }
    const routing = routeNewReport(tx, report, p.lifecycle);
    const rootId = enqueuePost(tx, {
      channel: p.lifecycle.supportChannelId,
      message: p.lifecycle.notices.rootMessage(routing.report),
      reportId: report.id,
      role: 'root',
      now,
    });
    enqueueDm(tx, { userId: report.reporterSlackId, message: p.receivedDm(report), linkTo: rootId, reportId: report.id, now });
    announceRouting(tx, routing, rootId, p.lifecycle);
    return { report: routing.report, created: true };
  });
}
