import { eq, sql } from 'drizzle-orm';
import { buildOnce, type Db } from '../../db/client.js';
import { reports, type Report } from '../../db/schema.js';
import type { Locale } from '../i18n/index.js';
import { enqueueDm, enqueuePost, type OutgoingMessage } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import { announceRouting, routeNewReport } from './assignment.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { audit } from './audit.js';
import { latestSubmissionsOf, unresolvedOfReporter } from './queries.js';
import { START } from './state-machine.js';
import { encodeState, type Step } from '../troubleshoot/engine.js';
import type { Remedy } from '../troubleshoot/schema.js';
import { WalkStore, walkOf } from '../troubleshoot/walk-store.js';

export interface ReportInput {
  /**
   * Who submitted the form (the walker). The reporter is this person, or the message's author when the walk was
   * started for them (message shortcut, "for the author": `walks.on_behalf_of`, as the server recorded it).
   */
  reporterSlackId: string;
  loginName: string;
  /** Where the troubleshooter ended, the remedy it names, and how the reporter got there. */
  leafId: string;
  remedy: Remedy;
  path: readonly Step[];
  /**
   * The walk this report ends: it must exist, be the reporter's and still be in progress (it is marked `reported`
   * in the same transaction). One walk makes at most one report: submitting it again finds that report.
   */
  walkId: number;
  details: string;
  /** The reporter's locale (their DMs use it): the author's when filed for them. */
  locale: Locale;
}

/** What one reporter may submit (MAX_OPEN_REPORTS, REPORTS_PER_HOUR). */
export interface ReportLimits {
  maxOpen: number;
  perHour: number;
}

export type SubmitOutcome =
  | { kind: 'created'; report: Report }
  /** The walk was already reported by this reporter (a double click, a retried request): that report. */
  | { kind: 'replayed'; report: Report }
  /** No such walk, or another user's: the form was not one the app gave this user. */
  | { kind: 'refused'; reason: 'walk_unknown' }
  /** The walk ended (fixed, closed) without a report. */
  | { kind: 'refused'; reason: 'walk_finished' }
  /** The reporter has `maxOpen` unresolved reports (newest first). */
  | { kind: 'refused'; reason: 'too_many_open'; open: Report[] }
  /** The reporter sent `perHour` reports within the last hour; one more may be sent at `retryAt`. */
  | { kind: 'refused'; reason: 'too_many_per_hour'; retryAt: number; open: Report[] };

export type SubmitRefusal = Extract<SubmitOutcome, { kind: 'refused' }>;

const HOUR_MS = 60 * 60_000;

// Run on every submission: built once (see buildOnce).
const bySubmissionKey = buildOnce((w: Writer) =>
  w
    .select()
    .from(reports)
    .where(eq(reports.submissionKey, sql.placeholder('key')))
    .prepare(),
);
const insertReport = buildOnce((w: Writer) =>
  w
    .insert(reports)
    .values({
      reporterSlackId: sql.placeholder('reporterSlackId'),
      filedBySlackId: sql.placeholder('filedBySlackId'),
      loginName: sql.placeholder('loginName'),
      leafId: sql.placeholder('leafId'),
      remedy: sql.placeholder('remedy'),
      path: sql.placeholder('path'),
      facts: sql.placeholder('facts'),
      walkId: sql.placeholder('walkId'),
      details: sql.placeholder('details'),
      locale: sql.placeholder('locale'),
      submissionKey: sql.placeholder('submissionKey'),
      state: START.submitted.state,
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .returning()
    .prepare(),
);

/**
 * Checks the walk and the reporter's limits, then stores the report, routes it, and writes its audit rows, the
 * root message, the thread reply and the DMs in one transaction: either all of it exists, or none. A refusal
 * writes nothing at all. better-sqlite3 runs one transaction at a time, so two submissions at once cannot both
 * pass a limit that only one of them fits under.
 */
export function submitReport(
  db: Db,
  p: {
    input: ReportInput;
    lifecycle: LifecycleContext;
    limits: ReportLimits;
    /** Must contain `{permalink}`, replaced with the link to the root message when it is delivered. */
    receivedDm: (report: Report) => OutgoingMessage;
  },
): SubmitOutcome {
  const now = p.lifecycle.now;
  const { input } = p;
  const submissionKey = `walk:${input.walkId}`;
  return db.transaction((tx): SubmitOutcome => {
    const walk = walkOf(tx, input.walkId);
    if (!walk || walk.slackUserId !== input.reporterSlackId) return { kind: 'refused', reason: 'walk_unknown' };
    // Filed for a message's author: they are the reporter, and their limits are the ones that count.
    const reporter = walk.onBehalfOf ?? input.reporterSlackId;
    if (walk.outcome === 'reported') {
      const existing = bySubmissionKey(tx).get({ key: submissionKey });
      if (existing && existing.reporterSlackId === reporter) return { kind: 'replayed', report: existing };
    }
    if (walk.outcome !== 'in_progress') return { kind: 'refused', reason: 'walk_finished' };

    const refusal = limitsRefusal(tx, reporter, p.limits, now);
    if (refusal) return refusal;

    const report = insertReport(tx).get({
      ...input,
      reporterSlackId: reporter,
      filedBySlackId: walk.onBehalfOf ? input.reporterSlackId : null,
      submissionKey,
      path: JSON.stringify(input.path),
      // The directory's facts as the server recorded them on the walk; whatever the modal carried is ignored.
      facts: walk.facts,
      now,
    })!;
    audit(tx, {
      type: 'report.created',
      reportId: report.id,
      actorSlackId: input.reporterSlackId,
      data: {
        leafId: report.leafId,
        remedy: report.remedy,
        loginName: report.loginName,
        ...(report.filedBySlackId ? { reporter: report.reporterSlackId } : {}),
      },
      now: now,
    });
    const path = encodeState({ path: input.path });
    new WalkStore(db).finish(tx, {
      id: input.walkId,
      slackUserId: input.reporterSlackId,
      outcome: 'reported',
      path,
      leafId: report.leafId,
      reportId: report.id,
      now,
    });
    const routing = routeNewReport(tx, report, p.lifecycle);
    const rootId = enqueuePost(tx, {
      channel: p.lifecycle.supportChannelId,
      message: p.lifecycle.notices.rootMessage(routing.report),
      reportId: report.id,
      role: 'root',
      now,
    });
    enqueueDm(tx, {
      userId: report.reporterSlackId,
      message: p.receivedDm(report),
      linkTo: rootId,
      reportId: report.id,
      now,
    });
    announceRouting(tx, routing, rootId, p.lifecycle);
    return { kind: 'created', report: routing.report };
  });
}

/** MAX_OPEN_REPORTS unresolved at once, and REPORTS_PER_HOUR in any rolling hour. */
export function limitsRefusal(tx: Writer, reporter: string, limits: ReportLimits, now: number): SubmitRefusal | null {
  const open = unresolvedOfReporter(tx, reporter, limits.maxOpen);
  if (open.length >= limits.maxOpen) return { kind: 'refused', reason: 'too_many_open', open };
  const latest = latestSubmissionsOf(tx, reporter, limits.perHour);
  const oldestCounted = latest[limits.perHour - 1];
  if (oldestCounted !== undefined && oldestCounted > now - HOUR_MS)
    return { kind: 'refused', reason: 'too_many_per_hour', retryAt: oldestCounted + HOUR_MS, open };
  return null;
}
