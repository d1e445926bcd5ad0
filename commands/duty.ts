import { DateTime } from 'luxon';
import { formatTime } from '../src/i18n/index.js';
import type { SubCommand } from './types.js';

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

/** `/kintone-login duty on [HH:MM]` / `duty off` (admins): manual duty, on top of weekly shifts. */
export const dutyCommand: SubCommand = {
  names: ['duty'],
  usage: ['usage.duty'],
  async run(ctx) {
    const { t, locale, services, args } = ctx;
    const { clock, config } = services.deps;
    if (!services.roster.isAdmin(ctx.userId)) {
      await ctx.ack({ text: t('admins.only') });
      return;
    }
    const [mode, time] = [args[0]?.toLowerCase(), args[1]];
    const now = clock.now();
    if (mode === 'on') {
      const until = time ? untilTime(time, now, config.timezone) : null;
      if (time && until === null) {
        await ctx.ack({ text: t('duty.bad_time', { text: time.slice(0, 20) }) });
        return;
      }
      services.roster.setManualDuty(ctx.userId, true, now, until);
      await ctx.ack({ text: t('duty.on', { until: until ? t('duty.on.until', { at: formatTime(until, locale, config.timezone) }) : '' }).trim() });
    } else if (mode === 'off') {
      services.roster.setManualDuty(ctx.userId, false, now);
      await ctx.ack({ text: t('duty.off') });
    } else {
      await ctx.ack({ text: t('duty.usage') });
      return;
    }
    // Someone just came on duty: queued reports go to them now, not at the next scheduler pass.
    if (mode === 'on') services.afterDutyChange();
  },
};
