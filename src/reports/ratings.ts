import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reportRatings, type ReportRating } from '../../db/schema.js';
import { audit } from './audit.js';
import { reportById } from './queries.js';

export const MAX_RATING_COMMENT = 500;

export type RatingOutcome =
  | { kind: 'recorded'; rating: ReportRating }
  /** This resolution was rated already (a double submission): the first rating stands. */
  | { kind: 'already'; rating: ReportRating }
  | { kind: 'not_found' }
  | { kind: 'not_reporter' }
  /** Only a resolved report asks "are you back in?" (a reopened one is being worked on again). */
  | { kind: 'not_resolved' }
  | { kind: 'invalid' };

/** Reads a score the form sent: an integer 1–5, anything else is not a rating. */
export function parseScore(value: unknown): number | null {
  const score = typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : null;
  return score;
}

/** The reporter's answer to "did it work?" for the report's current resolution; once per resolution. */
export function recordRating(
  db: Db,
  p: { reportId: number; userId: string; score: number | null; comment: string; now: number },
): RatingOutcome {
  return db.transaction((tx): RatingOutcome => {
    const report = reportById(tx, p.reportId);
    if (!report) return { kind: 'not_found' };
    if (report.reporterSlackId !== p.userId) return { kind: 'not_reporter' };
    if (report.state !== 'resolved' || report.resolvedAt === null) return { kind: 'not_resolved' };
    if (p.score === null) return { kind: 'invalid' };
    const existing = tx
      .select()
      .from(reportRatings)
      .where(and(eq(reportRatings.reportId, report.id), eq(reportRatings.resolvedAt, report.resolvedAt)))
      .get();
    if (existing) return { kind: 'already', rating: existing };
    const comment = p.comment.trim().slice(0, MAX_RATING_COMMENT);
    const rating = tx
      .insert(reportRatings)
      .values({
        reportId: report.id,
        reporterSlackId: p.userId,
        resolvedAt: report.resolvedAt,
        score: p.score,
        comment: comment || null,
        createdAt: p.now,
      })
      .returning()
      .get();
    audit(tx, {
      type: 'report.rated',
      reportId: report.id,
      actorSlackId: p.userId,
      data: { score: p.score, comment: comment !== '' },
      now: p.now,
    });
    return { kind: 'recorded', rating };
  });
}

export interface RatingSummary {
  count: number;
  /** null when nothing was rated. */
  median: number | null;
  /** The latest comments, newest first (user text: escape before showing). */
  comments: { reportId: number; score: number; comment: string; at: number }[];
}

/** Ratings since `sinceMs`: how many, their median, and the latest comments (App Home and `stats`, admins only). */
export function ratingSummary(db: Pick<Db, 'select'>, sinceMs: number, maxComments = 5): RatingSummary {
  const rows = db
    .select()
    .from(reportRatings)
    .where(gte(reportRatings.createdAt, sinceMs))
    .orderBy(desc(reportRatings.id))
    .all();
  const scores = rows.map((r) => r.score).sort((a, b) => a - b);
  const mid = Math.floor(scores.length / 2);
  const median =
    scores.length === 0 ? null : scores.length % 2 === 1 ? scores[mid]! : (scores[mid - 1]! + scores[mid]!) / 2;
  const comments = rows
    .filter((r) => r.comment)
    .slice(0, maxComments)
    .map((r) => ({ reportId: r.reportId, score: r.score, comment: r.comment!, at: r.createdAt }));
  return { count: rows.length, median, comments };
}
