import { formatTime, translator, type Locale } from '../../i18n/index.js';
import type { DailySummary } from '../../reports/daily-post.js';
import { escapeMrkdwn, section } from './blocks.js';

const mentions = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** The daily duty post, in the channel's language: who is on duty today, then the unresolved reports, oldest first. */
export function dailyPostMessage(summary: DailySummary, p: { locale: Locale; timezone: string }) {
  const t = translator(p.locale);
  const time = (ms: number) => formatTime(ms, p.locale, p.timezone);
  const duty = [
    summary.onDutyNow.length > 0 ? t('daily.on_duty_now', { who: mentions(summary.onDutyNow) }) : t('daily.nobody_now'),
    ...summary.laterToday.map((l) => t('daily.later', { who: mentions(l.slackIds), at: time(l.at) })),
  ].join('\n');
  const lines = summary.reports.map(({ report, linkToken }) =>
    t('daily.report_line', {
      link: linkToken,
      loginName: escapeMrkdwn(report.loginName),
      who: report.assigneeSlackId
        ? t(report.state === 'acknowledged' ? 'daily.report.in_progress' : 'daily.report.assigned', {
            who: `<@${report.assigneeSlackId}>`,
          })
        : t('daily.report.queued'),
      created: time(report.createdAt),
    }),
  );
  if (summary.more > 0) lines.push(t('daily.more', { count: summary.more }));
  const reportsText = lines.length > 0 ? `${t('daily.reports_title')}\n${lines.join('\n')}` : t('daily.no_reports');
  const title = t('daily.title', { date: summary.date });
  const text = `${title}\n${duty}\n${reportsText}`;
  return { text, blocks: [section(`${title}\n${duty}`), section(reportsText)] };
}
