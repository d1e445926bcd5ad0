/**
 * The daily duty post: at DAILY_POST_AT (TIMEZONE) on weekdays that are not Japanese public holidays, one message to
 * the support channel saying who is on duty today and what is open or queued, oldest first, with links. The day's
 * row in `daily_posts` is written in the same transaction as the message's outbox row, so it goes out exactly once,
 * restarts included. A day the app was down at DAILY_POST_AT still gets its post when it comes back that day.
 */
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dailyPosts, reports, type Report } from '../../db/schema.js';
import { enqueuePost, type OutboxLink, type OutgoingMessage } from '../outbox/outbox.js';
import { dutyRoster } from '../roster/covers.js';
import { nextOnDuty, onDutyNow } from '../routing/duty.js';
import { isJapaneseHoliday } from '../routing/holidays.js';
import { localMoment } from '../routing/local-time.js';
import { rootOf } from './queries.js';

/** Reports listed in the post; the rest are counted. */
export const DAILY_POST_MAX_REPORTS = 20;

export interface DailySummary {
  date: string;
  onDutyNow: string[];
  /** Admins who come on duty later today, and when. */
  laterToday: { slackIds: string[]; at: number }[];
  /** Unresolved reports, oldest first, each with the token its thread link replaces. */
  reports: { report: Report; linkToken: string }[];
  /** Unresolved reports beyond the listed ones. */
  more: number;
}

export interface DailyPostContext {
  now: number;
  timezone: string;
  at: { hour: number; minute: number } | null;
  supportChannelId: string;
  message(summary: DailySummary): OutgoingMessage;
}

/** Is `now` on a business day at or after DAILY_POST_AT? */
export function isDailyPostTime(
  now: number,
  timezone: string,
  at: { hour: number; minute: number },
): { due: boolean; date: string } {
  const local = localMoment(now, timezone);
  const businessDay = local.weekday <= 5 && !isJapaneseHoliday(local.date);
  return { due: businessDay && local.minutes >= at.hour * 60 + at.minute, date: local.date };
}

/** Posts today's duty message if it is due and not posted yet; returns whether it did. */
export function postDailyIfDue(db: Db, ctx: DailyPostContext): boolean {
  if (!ctx.at) return false;
  const { due, date } = isDailyPostTime(ctx.now, ctx.timezone, ctx.at);
  if (!due) return false;
  return db.transaction((tx) => {
    if (tx.select({ date: dailyPosts.date }).from(dailyPosts).where(eq(dailyPosts.date, date)).get()) return false;
    const duties = dutyRoster(tx, ctx.now);
    const { dayEnd } = localMoment(ctx.now, ctx.timezone);
    const laterToday: DailySummary['laterToday'] = [];
    for (
      let t = ctx.now, next = nextOnDuty(duties, t, ctx.timezone, 1);
      next && next.at < dayEnd;
      t = next.at, next = nextOnDuty(duties, t, ctx.timezone, 1)
    ) {
      laterToday.push(next);
    }
    const unresolved = inArray(reports.state, ['open', 'acknowledged']);
    const listed = tx
      .select()
      .from(reports)
      .where(unresolved)
      .orderBy(asc(reports.createdAt), asc(reports.id))
      .limit(DAILY_POST_MAX_REPORTS)
      .all();
    const total = tx.select({ n: count() }).from(reports).where(unresolved).get()?.n ?? 0;
    const links: OutboxLink[] = [];
    const items = listed.map((report) => {
      const linkToken = `{report_link_${report.id}}`;
      const root = rootOf(tx, report.id);
      if (root !== undefined) links.push({ token: linkToken, of: root, label: `#${report.id}` });
      return { report, linkToken: root !== undefined ? linkToken : `#${report.id}` };
    });
    const message = ctx.message({
      date,
      onDutyNow: onDutyNow(duties, ctx.now, ctx.timezone),
      laterToday,
      reports: items,
      more: total - listed.length,
    });
    const outboxId = enqueuePost(tx, { channel: ctx.supportChannelId, message, links, now: ctx.now });
    tx.insert(dailyPosts).values({ date, outboxId, createdAt: ctx.now }).run();
    return true;
  });
}
