import { tellThread } from './thread.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reports, type Report } from '../../db/schema.js';
import type { OutgoingMessage } from '../outbox/outbox.js';
import { audit } from './audit.js';
import { reportById } from './queries.js';
import { transition } from './lifecycle.js';
import type { LifecycleContext } from './lifecycle-context.js';

export type ConfirmOutcome =
  | { kind: 'confirmed' | 'already'; report: Report }
  | { kind: 'not_found' }
  /** Only the reporter (the message's author) can say the report is theirs. */
  | { kind: 'not_reporter'; report: Report }
  /** The report was not filed by someone else: there is nothing to confirm. */
  | { kind: 'not_filed_for'; report: Report };

/**
 * The author of a message confirms that a report someone filed for them from it is theirs: from then on account
 * actions may run on their account. Audited, told in the thread, and the root message no longer says it waits.
 */
export function confirmReporter(
  db: Db,
  p: { reportId: number; userId: string; threadNote: (report: Report) => OutgoingMessage },
  ctx: LifecycleContext,
): ConfirmOutcome {
  return db.transaction((tx): ConfirmOutcome => {
    const before = reportById(tx, p.reportId);
    if (!before) return { kind: 'not_found' };
    if (before.reporterSlackId !== p.userId) return { kind: 'not_reporter', report: before };
    if (before.filedBySlackId === null) return { kind: 'not_filed_for', report: before };
    const report = tx
      .update(reports)
      .set({ reporterConfirmedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(reports.id, before.id), isNull(reports.reporterConfirmedAt)))
      .returning()
      .get();
    if (!report) return { kind: 'already', report: before };
    audit(tx, {
      type: 'report.reporter_confirmed',
      reportId: report.id,
      actorSlackId: p.userId,
      data: { filedBy: report.filedBySlackId },
      now: ctx.now,
    });
    tellThread(tx, {
      reportId: report.id,
      channel: ctx.supportChannelId,
      now: ctx.now,
      reply: p.threadNote(report),
      root: ctx.notices.rootMessage(report),
    });
    return { kind: 'confirmed', report };
  });
}

export type NotMineOutcome =
  | { kind: 'withdrawn'; report: Report; filer: string }
  | { kind: 'not_found' }
  | { kind: 'not_reporter'; report: Report }
  | { kind: 'not_filed_for'; report: Report }
  /** The report cannot be withdrawn any more (resolved, withdrawn already, …). */
  | { kind: 'not_allowed'; report: Report };

/**
 * The author of a message says a report someone filed for them from it is not theirs: it is withdrawn (audited as
 * `not_me`). Only the author may say so, and only of a report filed for them. The filer is told by the caller.
 */
export function withdrawNotMine(
  db: Db,
  p: { reportId: number; userId: string },
  ctx: LifecycleContext,
): NotMineOutcome {
  const report = reportById(db, p.reportId);
  if (!report) return { kind: 'not_found' };
  if (report.reporterSlackId !== p.userId) return { kind: 'not_reporter', report };
  if (report.filedBySlackId === null) return { kind: 'not_filed_for', report };
  const outcome = transition(db, { reportId: report.id, event: 'cancel', actor: p.userId, reason: 'not_me' }, ctx);
  return outcome.ok ? { kind: 'withdrawn', report, filer: report.filedBySlackId } : { kind: 'not_allowed', report };
}
