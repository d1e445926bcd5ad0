import type { Report } from '../../../db/schema.js';
import { formatTime, translator, type Locale } from '../../i18n/index.js';
import type { ReportLimits, SubmitRefusal } from '../../reports/submit-report.js';
import { leafTitle } from './report-message.js';

/** Reports listed in a refusal at most (the modal's section holds 3,000 characters). */
const MAX_LISTED = 10;

/**
 * Why a report was not sent, in the reporter's language: a form that was not theirs or has ended, or a limit,
 * with their open reports (linked to their threads where Slack gave a permalink in time).
 */
export function submissionRefusedText(
  refusal: SubmitRefusal,
  p: { locale: Locale; timezone: string; limits: ReportLimits; links: ReadonlyMap<number, string> },
): string {
  const t = translator(p.locale);
  const lines = (open: Report[]) =>
    open
      .slice(0, MAX_LISTED)
      .map((r) => {
        const link = p.links.get(r.id);
        return t('tree.refused.line', {
          ref: link ? `<${link}|#${r.id}>` : `#${r.id}`,
          leaf: leafTitle(r.leafId, p.locale),
          state: t(`report.state.${r.state}`),
          created: formatTime(r.createdAt, p.locale, p.timezone),
        });
      })
      .join('\n');
  switch (refusal.reason) {
    case 'walk_unknown':
      return t('tree.refused.walk_unknown');
    case 'walk_finished':
      return t('tree.refused.walk_finished');
    case 'too_many_open':
      return t('tree.refused.too_many_open', { count: p.limits.maxOpen, lines: lines(refusal.open) });
    case 'too_many_per_hour':
      return t('tree.refused.too_many_per_hour', {
        count: p.limits.perHour,
        // Shown to the minute: rounded up, so trying again at the time shown is never refused.
        at: formatTime(Math.ceil(refusal.retryAt / 60_000) * 60_000, p.locale, p.timezone),
        open: refusal.open.length > 0 ? t('tree.refused.open_title', { lines: lines(refusal.open) }) : '',
      });
  }
}
