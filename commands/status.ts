import { latestReportsOf } from '../src/reports/latest-of-reporter.js';
import type { ReportSummary } from '../src/reports/queries.js';
import { formatTime } from '../src/i18n/index.js';
import { section } from '../src/slack/views/blocks.js';
import { leafTitle } from '../src/slack/views/report-message.js';
import type { SubCommand } from './types.js';

/**
 * The answer already written for a list of reports, per language and time zone. `latestReportsOf` hands back the
 * same list until one of the reporter's reports changes, so a reporter asking again gets the same text without
 * formatting dates and templates again (two fifths of the ack's CPU with three reports).
 */
const written = new WeakMap<readonly ReportSummary[], Map<string, string>>();

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
    const { timezone } = services.deps.config;
    const answers = written.get(mine) ?? new Map<string, string>();
    written.set(mine, answers);
    let text = answers.get(`${locale} ${timezone}`);
    if (text === undefined) {
      const lines = mine.map((r) =>
        t('status.line', {
          id: r.id,
          leaf: leafTitle(r.leafId, locale),
          state: t(`report.state.${r.state}`),
          created: formatTime(r.createdAt, locale, timezone),
        }),
      );
      text = [t('status.title'), ...lines].join('\n');
      answers.set(`${locale} ${timezone}`, text);
    }
    await ctx.ack({ text, blocks: [section(text)] });
  },
};
