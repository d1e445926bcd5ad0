import { walkStats } from '../src/troubleshoot/walk-stats.js';
import { fixStats } from '../src/reports/fix-stats.js';
import { fixStatsLines } from '../src/slack/views/fix-stats.js';
import { section } from '../src/slack/views/blocks.js';
import { leafTitle, remedyLabel } from '../src/slack/views/report-message.js';
import { adminOnly } from './admin-only.js';
import type { SubCommand } from './types.js';
import { ratingSummary } from '../src/reports/ratings.js';
import { ratingLines } from '../src/slack/views/intake.js';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60_000;

/** `/kintone-login stats` (admins): the last 30 days — walks, self-resolved share, reports by remedy, top leaves. */
export const statsCommand: SubCommand = {
  names: ['stats'],
  usage: ['usage.stats'],
  async run(ctx) {
    const { t, services, locale } = ctx;
    if (!(await adminOnly(ctx, 'stats.admins_only'))) return;
    const stats = walkStats(services.deps.db, services.deps.clock.now() - THIRTY_DAYS_MS);
    const share = stats.walks === 0 ? '—' : `${Math.round((stats.selfResolved / stats.walks) * 100)}%`;
    const none = t('stats.none');
    const lines = [
      t('stats.title'),
      t('stats.walks', {
        walks: stats.walks,
        selfResolved: stats.selfResolved,
        share,
        reported: stats.reported,
        abandoned: stats.abandoned,
        inProgress: stats.inProgress,
      }),
      '',
      t('stats.by_remedy'),
      ...(stats.reportsByRemedy.length
        ? stats.reportsByRemedy.map((r) => `• ${remedyLabel(r.remedy, t)}: ${r.reports}`)
        : [none]),
      '',
      t('stats.top_leaves'),
      ...(stats.topLeaves.length
        ? stats.topLeaves.map(
            (l) => `• ${leafTitle(l.leafId, locale)}: ${l.walks} (${t('tree.fixed')}: ${l.selfResolved})`,
          )
        : [none]),
      // Issue 15: how each remedy's problems were fixed (self-service, admins, self-help) and how fast.
      '',
      t('stats.fixes.title'),
      ...orNone(fixStatsLines(fixStats(services.deps.db, services.deps.clock.now() - THIRTY_DAYS_MS), t, locale), none),
      '',
      // "Did it work?": the reporters' ratings after a resolution.
      ...ratingLines(ratingSummary(services.deps.db, services.deps.clock.now() - THIRTY_DAYS_MS), {
        t,
        locale,
        timezone: services.deps.config.timezone,
      }),
    ];
    const text = lines.join('\n');
    await ctx.ack({ text, blocks: [section(text)] });
  },
};

function orNone(lines: string[], none: string): string[] {
  return lines.length > 0 ? lines : [none];
}
