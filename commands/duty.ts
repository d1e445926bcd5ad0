import { DateTime } from 'luxon';
import { formatTime } from '../src/i18n/index.js';
import { requestCover } from '../src/roster/covers.js';
import { endOfLocalDate, parseLocalDateTime } from '../src/routing/local-time.js';
import { coverRequestDm, coverRefusalText } from '../src/slack/views/duty-cover.js';
import { mentionedUser } from './mention.js';
import { adminOnly } from './admin-only.js';
import type { CommandContext, SubCommand } from './types.js';

/** A date away is at most this far ahead: longer is a roster change (remove the shifts instead). */
const MAX_AWAY_DAYS = 366;

/** `HH:MM` → the next such moment in the team's time zone (today if still ahead, else tomorrow). */
export function untilTime(text: string, now: number, timeZone: string): number | null {
  const match = text.match(/^(\d{1,2}):(\d{2})$/);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  let at = DateTime.fromMillis(now, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  return at.toMillis();
}

/**
 * `duty cover <@U…> <YYYY-MM-DD HH:MM> <YYYY-MM-DD HH:MM>`: the caller asks another admin to cover that range (in
 * TIMEZONE); the coverer is told by DM and can decline.
 */
async function cover(ctx: CommandContext): Promise<void> {
  const { t, services, args } = ctx;
  const { clock, config } = services.deps;
  const who = mentionedUser(args[1]);
  const start = parseLocalDateTime(args[2] ?? '', args[3] ?? '', config.timezone);
  const end = parseLocalDateTime(args[4] ?? '', args[5] ?? '', config.timezone);
  if (!who || start === null || end === null || args.length !== 6) {
    await ctx.ack({ text: t('duty.cover.usage', { zone: config.timezone }) });
    return;
  }
  const outcome = requestCover(
    services.deps.db,
    { requestedBy: ctx.userId, cover: who, start, end },
    clock.now(),
    (c) => coverRequestDm(c, { locale: config.defaultLocale, timezone: config.timezone }),
  );
  if (!outcome.ok) {
    await ctx.ack({ text: coverRefusalText(outcome.reason, t) });
    return;
  }
  await ctx.ack({
    text: t('duty.cover.done', {
      who,
      from: formatTime(start, ctx.locale, config.timezone),
      to: formatTime(end, ctx.locale, config.timezone),
    }),
  });
  services.afterDutyChange();
}

/** `duty away <YYYY-MM-DD>`: off duty from now until the end of that day (TIMEZONE), over shifts and covers. */
async function away(ctx: CommandContext): Promise<void> {
  const { t, services, args } = ctx;
  const { clock, config } = services.deps;
  const now = clock.now();
  const until = args.length === 2 ? endOfLocalDate(args[1] ?? '', config.timezone) : null;
  if (until === null) {
    await ctx.ack({ text: t('duty.away.usage') });
    return;
  }
  if (until <= now || until - now > MAX_AWAY_DAYS * 86_400_000) {
    await ctx.ack({ text: t('duty.away.bad_date', { days: MAX_AWAY_DAYS }) });
    return;
  }
  services.roster.setAway(ctx.userId, until, now);
  await ctx.ack({ text: t('duty.away.done', { until: formatTime(until, ctx.locale, config.timezone) }) });
  services.afterDutyChange();
}

/** `/kintone-login duty on [HH:MM]` / `duty off` / `duty cover …` / `duty away …` (admins): manual duty, on top of weekly shifts. */
export const dutyCommand: SubCommand = {
  names: ['duty'],
  usage: ['usage.duty'],
  async run(ctx) {
    const { t, locale, services, args } = ctx;
    const { clock, config } = services.deps;
    if (!(await adminOnly(ctx))) return;
    const [mode, time] = [args[0]?.toLowerCase(), args[1]];
    if (mode === 'cover') return cover(ctx);
    if (mode === 'away') return away(ctx);
    const now = clock.now();
    if (mode === 'on') {
      const until = time ? untilTime(time, now, config.timezone) : null;
      if (time && until === null) {
        await ctx.ack({ text: t('duty.bad_time', { text: time.slice(0, 20) }) });
        return;
      }
      services.roster.setManualDuty(ctx.userId, true, now, until);
      await ctx.ack({
        text: t('duty.on', {
          until: until ? t('duty.on.until', { at: formatTime(until, locale, config.timezone) }) : '',
        }).trim(),
      });
    } else if (mode === 'off') {
      services.roster.setManualDuty(ctx.userId, false, now);
      await ctx.ack({ text: t('duty.off') });
    } else {
      await ctx.ack({ text: t('duty.usage') });
      return;
    }
    // Someone came on duty: queued reports go to them now, not at the next scheduler pass; the group follows either way.
    services.afterDutyChange();
  },
};
