import { formatTime } from '../src/i18n/index.js';
import { nextOnDuty, onDutyNow } from '../src/routing/duty.js';
import { section } from '../src/slack/views/blocks.js';
import type { SubCommand } from './types.js';

const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** `/kintone-login oncall`: who is on duty now, who is next and when; plainly says when nobody is. */
export const oncallCommand: SubCommand = {
  names: ['oncall'],
  usage: ['usage.oncall'],
  async run(ctx) {
    const { t, locale, services } = ctx;
    const { clock, config } = services.deps;
    const now = clock.now();
    const duties = services.roster.duties(now);
    const current = onDutyNow(duties, now, config.timezone);
    const next = nextOnDuty(duties, now, config.timezone);
    const lines = [
      current.length > 0 ? t('oncall.now', { who: mentions(current) }) : t('oncall.nobody'),
      next
        ? t('oncall.next', { who: mentions(next.slackIds), at: formatTime(next.at, locale, config.timezone) })
        : t('oncall.no_next'),
    ];
    const text = lines.join('\n');
    await ctx.ack({ text, blocks: [section(text)] });
  },
};
