import { latestReportsOf } from '../src/reports/latest-of-reporter.js';
import { formatTime } from '../src/i18n/index.js';
import { section } from '../src/slack/views/blocks.js';
import { leafTitle } from '../src/slack/views/report-message.js';
import type { SubCommand } from './types.js';

/** `/kintone-login status`: the caller's reports (latest 10) and their state. */
export const statusCommand: SubCommand = {
  names: ['status'],
  usage: ['usage.status'],
  async run(ctx) {
    const { t, locale, services } = ctx;
    const mine = latestReportsOf(services.deps.db, ctx.userId);
    if (mine.length === 0) {
      await ctx.ack({ text: t('status.none') });
      return;
    }
    const lines = mine.map((r) =>
      t('status.line', {
        id: r.id,
        leaf: leafTitle(r.leafId, locale),
        state: t(`report.state.${r.state}`),
        created: formatTime(r.createdAt, locale, services.deps.config.timezone),
      }),
    );
    const text = [t('status.title'), ...lines].join('\n');
    await ctx.ack({ text, blocks: [section(text)] });
  },
};
